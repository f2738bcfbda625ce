// One typed error per failure. Dialects map (code, resource, field) to their cloud's status, error code and envelope.

export type ErrorCode =
  | 'InvalidParameter' // a field has a wrong value or type
  | 'MissingParameter' // a mandatory field is absent
  | 'InvalidBody' // the body is not JSON or not an object
  | 'NotFound' // the resource does not exist (for this tenant)
  | 'AlreadyExists' // a resource with this name exists
  | 'StateConflict' // the resource's status forbids the operation now (retry later)
  | 'QuotaExceeded' // the tenant's or instance's quota is used up
  | 'ResourceExhausted' // the host cannot provide ports or disk
  | 'Unauthenticated' // no, wrong or expired signature; unknown access key
  | 'Forbidden' // authenticated but not allowed (policy, other tenant's project)
  | 'NotImplemented' // an operation of the cloud API Hangar does not provide yet
  | 'Internal';

export type ResourceKind = 'instance' | 'topic' | 'group' | 'user' | 'task' | 'credential' | 'acl' | 'whitelist';

export interface DomainErrorOptions {
  resource?: ResourceKind;
  /** Name of the offending field (as the caller spelled it where known). */
  field?: string;
  /** A dialect-specific code chosen by the dialect that raised it (e.g. DMS.00400010); other dialects ignore it. */
  dialectCode?: string;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly resource?: ResourceKind;
  readonly field?: string;
  readonly dialectCode?: string;

  constructor(code: ErrorCode, message: string, opts: DomainErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DomainError';
    this.code = code;
    this.resource = opts.resource;
    this.field = opts.field;
    this.dialectCode = opts.dialectCode;
  }
}

export const invalid = (field: string, message: string, dialectCode?: string): DomainError =>
  new DomainError('InvalidParameter', message, { field, dialectCode });

export const missing = (field: string, dialectCode?: string): DomainError =>
  new DomainError('MissingParameter', `The parameter ${field} is mandatory.`, { field, dialectCode });

export const notFound = (resource: ResourceKind, name: string): DomainError =>
  new DomainError('NotFound', `The ${resource} ${name} does not exist.`, { resource });

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
