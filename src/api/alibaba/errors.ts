// DomainError → Alibaba error code, HTTP status and envelope. The one code table of the dialect.
import { randomUUID } from 'node:crypto';
import { DomainError, type ErrorCode, type ResourceKind } from '../../domain/errors.js';

export interface AlibabaErrorBody {
  requestId: string;
  success: false;
  code: string;
  message: string;
  httpStatusCode: number;
  dynamicCode: string | null;
  dynamicMessage: string | null;
  data: null;
  accessDeniedDetail?: AccessDeniedDetail;
}

export interface AccessDeniedDetail {
  AuthAction: string;
  AuthResource: string;
  AuthPrincipalType: string;
  AuthPrincipalDisplayName: string;
  NoPermissionType: 'ExplicitDeny' | 'ImplicitDeny';
  PolicyType: string;
}

export interface AlibabaErrorReply {
  status: number;
  body: AlibabaErrorBody;
}

/** Alibaba's spelling of each resource kind in codes (`Topic.NotFound`) and dynamicCode (`TopicName`). */
const RESOURCE: Record<ResourceKind, { code: string; idField: string; text: string }> = {
  instance: { code: 'Instance', idField: 'InstanceId', text: 'instance' },
  topic: { code: 'Topic', idField: 'TopicName', text: 'topic' },
  group: { code: 'ConsumerGroup', idField: 'ConsumerGroupId', text: 'consumer group' },
  user: { code: 'InstanceAccount', idField: 'Username', text: 'account' },
  acl: { code: 'InstanceAcl', idField: 'Username', text: 'ACL' },
  whitelist: { code: 'InstanceIpOrCidr', idField: 'IpWhitelist', text: 'IP whitelist entry' },
  task: { code: 'Task', idField: 'TaskId', text: 'task' },
  credential: { code: 'InvalidAccessKeyId', idField: 'AccessKeyId', text: 'access key' },
};

/** Not-found codes and statuses as the reference documents them (Instance 404; Topic, group: 400). */
const NOT_FOUND: Record<ResourceKind, { code: string; status: number }> = {
  instance: { code: 'Instance.NotFound', status: 404 },
  topic: { code: 'Topic.NotFound', status: 400 },
  group: { code: 'ConsumerGroup.NotFound', status: 400 },
  user: { code: 'InstanceAccount.NotExisted', status: 400 },
  acl: { code: 'InstanceAcl.NotExisted', status: 400 },
  whitelist: { code: 'InstanceIpOrCidr.NotExisted', status: 400 },
  task: { code: 'Task.NotFound', status: 404 },
  credential: { code: 'InvalidAccessKeyId.NotFound', status: 404 },
};

const NOT_FOUND_MESSAGE: Partial<Record<ResourceKind, string>> = {
  instance: 'The instance cannot be found.',
  topic: 'The topic cannot be found.',
  group: 'The consumer group cannot be found.',
};

/** Status of the Alibaba codes the dialect raises itself (dialectCode), where it is not 400. */
const DIALECT_STATUS: Record<string, number> = {
  'InvalidAccessKeyId.NotFound': 404,
  'Forbidden.RAM': 403,
  NotImplemented: 501,
  'Throttling.User': 429,
  InternalError: 500,
  'Instance.NotFound': 404,
  'InvalidApi.NotFound': 404,
};

/** Neutral code → default Alibaba code and status, when neither resource nor dialectCode decide. */
const BY_CODE: Record<ErrorCode, { code: string; status: number }> = {
  InvalidParameter: { code: 'InvalidParameter', status: 400 },
  MissingParameter: { code: 'MissingParameter', status: 400 },
  InvalidBody: { code: 'InvalidParameter.Body', status: 400 },
  NotFound: { code: 'ResourceNotFound', status: 404 },
  AlreadyExists: { code: 'Resource.Existed', status: 400 },
  StateConflict: { code: 'InstanceStatus.Error', status: 409 },
  QuotaExceeded: { code: 'QuotaExceeded', status: 400 },
  ResourceExhausted: { code: 'OperationDenied.NoStock', status: 503 },
  Unauthenticated: { code: 'InvalidAccessKeyId', status: 400 },
  Forbidden: { code: 'Forbidden.RAM', status: 403 },
  NotImplemented: { code: 'NotImplemented', status: 501 },
  Internal: { code: 'InternalError', status: 500 },
};

/** `productInfo.sendReceiveRatio` → `SendReceiveRatio`: the dynamicCode spelling of a field. */
export const pascalField = (field: string): string => {
  const last = field.split('.').pop() ?? field;
  const bare = last.replace(/\[\d+\]$/, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
};

interface Mapped {
  code: string;
  status: number;
  message: string;
  dynamicCode: string | null;
  dynamicMessage: string | null;
}

const mapDomainError = (e: DomainError): Mapped => {
  const field = e.field ?? null;
  const dynamic = { dynamicCode: field ? pascalField(field) : null, dynamicMessage: field };
  if (e.dialectCode) {
    return { code: e.dialectCode, status: DIALECT_STATUS[e.dialectCode] ?? BY_CODE[e.code].status, message: e.message, ...dynamic };
  }
  const res = e.resource ? RESOURCE[e.resource] : undefined;
  switch (e.code) {
    case 'NotFound': {
      const nf = e.resource ? NOT_FOUND[e.resource] : BY_CODE.NotFound;
      return { ...nf, message: (e.resource && NOT_FOUND_MESSAGE[e.resource]) ?? e.message, dynamicCode: res?.idField ?? null, dynamicMessage: null };
    }
    case 'AlreadyExists':
      return res
        ? { code: `${res.code}.Existed`, status: 400, message: e.message, dynamicCode: res.idField, dynamicMessage: field }
        : { ...BY_CODE.AlreadyExists, message: e.message, ...dynamic };
    case 'InvalidParameter':
      return { code: field ? `InvalidParameter.${pascalField(field)}` : 'InvalidParameter', status: 400, message: e.message, ...dynamic };
    case 'MissingParameter':
      return { code: field ? `Missing${pascalField(field)}` : 'MissingParameter', status: 400, message: e.message, ...dynamic };
    case 'StateConflict':
      return { code: `${res?.code ?? 'Instance'}Status.Error`, status: 409, message: e.message, ...dynamic };
    case 'QuotaExceeded':
      return { code: res ? `${res.code}.QuotaExceeded` : 'QuotaExceeded', status: 400, message: e.message, ...dynamic };
    default:
      return { ...BY_CODE[e.code], message: e.message, ...dynamic };
  }
};

/** Builds the reply for any thrown value; unknown errors become InternalError without leaking their text. */
export const alibabaError = (err: unknown, requestId: string = randomUUID().toUpperCase()): AlibabaErrorReply => {
  const m: Mapped =
    err instanceof DomainError
      ? mapDomainError(err)
      : { code: 'InternalError', status: 500, message: 'The request processing has failed due to some unknown error.', dynamicCode: null, dynamicMessage: null };
  const body: AlibabaErrorBody = {
    requestId,
    success: false,
    code: m.code,
    message: m.message,
    httpStatusCode: m.status,
    dynamicCode: m.dynamicCode,
    dynamicMessage: m.dynamicMessage,
    data: null,
  };
  const detail = accessDeniedDetailOf(err);
  if (detail) body.accessDeniedDetail = detail;
  return { status: m.status, body };
};

/** Errors carrying what was denied (raised by the authorisation step) expose it as accessDeniedDetail. */
const accessDeniedDetailOf = (err: unknown): AccessDeniedDetail | undefined => {
  if (!(err instanceof DomainError) || err.code !== 'Forbidden') return undefined;
  const d = (err as DomainError & { denied?: { action: string; resource: string; reason: 'ExplicitDeny' | 'ImplicitDeny'; principal?: string } }).denied;
  return {
    AuthAction: d?.action ?? '',
    AuthResource: d?.resource ?? '',
    AuthPrincipalType: 'AccessKey',
    AuthPrincipalDisplayName: d?.principal ?? '',
    NoPermissionType: d?.reason ?? 'ImplicitDeny',
    PolicyType: 'AccountLevelIdentityBasedPolicy',
  };
};

/** An operation of the API Hangar does not provide yet. */
export const notImplemented = (action: string): DomainError =>
  new DomainError('NotImplemented', `The action ${action} is not implemented by Hangar yet.`, { dialectCode: 'NotImplemented' });

/** Alibaba's gateway answer to a method and path that are no operation of the API (404). */
export const apiNotFound = (): DomainError =>
  new DomainError('NotFound', 'Specified api is not found, please check your url and method.', { dialectCode: 'InvalidApi.NotFound' });
