// The contract of a broker's loopback admin API, shared by the broker's admin server (broker/admin/) and the control
// plane's client (provision/embedded/admin-client.ts): operations with their method, path, body and answer types, the
// error body and its codes, and how the token is sent. Neither side writes a path or a status by hand.
import type { AccessPolicy } from '../../domain/access.js';
import type {
  ApiMessage, ApiSendResult, MessagePage, MessageQuery, MessageView, QueueReset, ResendResult, ResetTarget, VerifyOutcome,
} from '../../domain/message.js';
import type { TlsMode } from '../../domain/tls.js';
import type { BrokerMetadata, ConsumerClient, GroupSpec, QueueProgress, TopicSpec, TopicStatus } from '../../domain/topic.js';

export type AdminMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

/**
 * One admin operation. `path` is a template whose `{name}` segments are parameters (sent URL-encoded). The type
 * parameters exist only for the compiler: the names of the parameters, the request body and the answer.
 */
export interface AdminOperation<P extends string, B, A> {
  readonly name: string;
  readonly method: AdminMethod;
  readonly path: string;
  /** True when the request carries a JSON object body. */
  readonly hasBody: boolean;
  /** Never set: carries the types. */
  readonly types?: { params: P; body: B; answer: A };
}

export type AnyAdminOperation = AdminOperation<string, unknown, unknown>;
export type ParamsOf<O> = O extends AdminOperation<infer P, unknown, unknown> ? { [K in P]: string } : never;
export type BodyOf<O> = O extends AdminOperation<string, infer B, unknown> ? B : never;
export type AnswerOf<O> = O extends AdminOperation<string, unknown, infer A> ? A : never;

const op = <P extends string = never, B = undefined, A = void>(name: string, method: AdminMethod, path: string, hasBody = method === 'PUT'): AdminOperation<P, B, A> => ({
  name,
  method,
  path,
  hasBody,
});

/** A POST whose request carries a JSON object body. */
const post = <P extends string = never, B = undefined, A = void>(name: string, path: string): AdminOperation<P, B, A> => op<P, B, A>(name, 'POST', path, true);

/** Body of verifyConsume. */
export interface VerifyConsumeRequest {
  topic: string;
  clientId: string;
  messageId: string;
}

/** What GET /v1/health answers (it also tells the broker that its control plane is alive). */
export interface BrokerHealth {
  ok: true;
  pid: number;
  instanceId: string;
  uptimeMs: number;
  usedStorageBytes: number;
  /** Retention and quota the broker's store runs with (read from its config file). */
  store: { retentionMs: number; quotaBytes?: number; segmentBytes: number; flushPolicy: string };
  /** How far the broker's test clock is ahead of real time; absent when it runs on the system clock. */
  clockOffsetMs?: number;
  /** The TLS mode its gRPC and remoting ports serve now (absent from brokers older than TLS: plaintext). */
  tlsMode?: TlsMode;
}

/** Body and answer of PUT /v1/tls: the TLS mode the data-plane ports serve from now on. */
export interface TlsSetting {
  mode: TlsMode;
}

/** Body of PUT /v1/clock: the offset of the control plane's test clock (a broker never moves its clock back). */
export interface ClockOffset {
  offsetMs: number;
}

export interface ClockReading {
  now: number;
  offsetMs: number;
}

export const ADMIN_OPERATIONS = {
  health: op<never, undefined, BrokerHealth>('health', 'GET', '/v1/health'),
  shutdown: op<never, undefined, { ok: true }>('shutdown', 'POST', '/v1/shutdown'),
  getMetadata: op<never, undefined, BrokerMetadata>('getMetadata', 'GET', '/v1/metadata'),
  putMetadata: op<never, BrokerMetadata>('putMetadata', 'PUT', '/v1/metadata'),
  putTopic: op<'topic', TopicSpec>('putTopic', 'PUT', '/v1/topics/{topic}'),
  deleteTopic: op<'topic'>('deleteTopic', 'DELETE', '/v1/topics/{topic}'),
  topicStatus: op<'topic', undefined, TopicStatus>('topicStatus', 'GET', '/v1/topics/{topic}/status'),
  putGroup: op<'group', GroupSpec>('putGroup', 'PUT', '/v1/groups/{group}'),
  deleteGroup: op<'group'>('deleteGroup', 'DELETE', '/v1/groups/{group}'),
  groupProgress: op<'group', undefined, QueueProgress[]>('groupProgress', 'GET', '/v1/groups/{group}/progress'),
  groupClients: op<'group', undefined, ConsumerClient[]>('groupClients', 'GET', '/v1/groups/{group}/clients'),
  deleteSubscription: op<'group' | 'topic'>('deleteSubscription', 'DELETE', '/v1/groups/{group}/subscriptions/{topic}'),
  setClock: op<never, ClockOffset, ClockReading>('setClock', 'PUT', '/v1/clock'),
  /** Replaces the users, ACL entries and access switches (users' secrets sealed with the broker's key). */
  putAccess: op<never, AccessPolicy>('putAccess', 'PUT', '/v1/access'),
  queryMessages: post<'topic', MessageQuery, MessagePage>('queryMessages', '/v1/topics/{topic}/messages/query'),
  getMessage: op<'topic' | 'messageId', undefined, MessageView>('getMessage', 'GET', '/v1/topics/{topic}/messages/{messageId}'),
  sendMessage: post<'topic', ApiMessage, ApiSendResult>('sendMessage', '/v1/topics/{topic}/messages'),
  resetOffset: post<'group' | 'topic', ResetTarget, QueueReset[]>('resetOffset', '/v1/groups/{group}/offsets/{topic}/reset'),
  resendDeadLetters: post<'group', { messageIds: string[] }, ResendResult[]>('resendDeadLetters', '/v1/groups/{group}/dead-letters/resend'),
  verifyConsume: post<'group', VerifyConsumeRequest, VerifyOutcome>('verifyConsume', '/v1/groups/{group}/verify-consume'),
  setTls: op<never, TlsSetting, TlsSetting>('setTls', 'PUT', '/v1/tls'),
} as const;

/** Error body of every refused call. Engine refusals carry the engine's code (`INVALID_METADATA`, `TOPIC_NOT_FOUND`…). */
export interface AdminErrorBody {
  code: string;
  message: string;
}

export const ADMIN_ERROR = {
  unauthorized: { status: 401, code: 'Unauthorized' },
  badJson: { status: 400, code: 'BadJson' },
  badBody: { status: 400, code: 'BadBody' },
  noRoute: { status: 404, code: 'NoRoute' },
  clockNotAdjustable: { status: 409, code: 'ClockNotAdjustable' },
  tlsUnavailable: { status: 409, code: 'TlsUnavailable' },
  internal: { status: 500, code: 'Internal' },
} as const;

/** HTTP status of an engine refusal: unknown names are 404, everything else the caller got wrong 400. */
export const statusOfEngineCode = (code: string): number => (code.endsWith('NOT_FOUND') ? 404 : 400);

/** Value of the Authorization header. */
export const adminAuthorization = (token: string): string => `Bearer ${token}`;

/** The request path of an operation with its parameters filled in (URL-encoded). */
export function adminPath<O extends AnyAdminOperation>(o: O, params: ParamsOf<O>): string {
  return o.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = (params as Record<string, string>)[name];
    if (v === undefined) throw new Error(`admin ${o.name}: missing parameter ${name}`);
    return encodeURIComponent(v);
  });
}

/** The decoded parameters when `pathname` is a path of the operation, else undefined. */
export function matchAdminPath(o: AnyAdminOperation, pathname: string): Record<string, string> | undefined {
  const want = o.path.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith('{')) {
      if (g === '') return undefined;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}
