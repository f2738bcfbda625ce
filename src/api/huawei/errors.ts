// DomainError → Huawei HTTP status and {error_code, error_msg}. The whole table is here.
//
// Codes from Huawei's DMS error-code pages (reference §7). Unconfirmed choices:
// - instance not found: 404 DMS.00404022 (the code used in the SDK captures; Huawei's real code is not documented).
// - topic / group / user / task not found: 404 DMS.00404022 as well (one "resource does not exist" code).
// - AlreadyExists: 400 DMS.00400060 for instances (documented "instance name already exists"), DMS.00400800 otherwise.
// - QuotaExceeded: 400 DMS.00400056 (not documented; Huawei's gateway uses 400 for quota refusals).
// - Forbidden: 403 DMS.00403000; NotImplemented: 501 DMS.00501000.
import type { DomainError, ErrorCode } from '../../domain/errors.js';

export interface HuaweiErrorBody {
  error_code: string;
  error_msg: string;
}

export interface HuaweiErrorResponse {
  status: number;
  body: HuaweiErrorBody;
}

interface Row {
  status: number;
  code: string;
  /** Whether a dialectCode the raiser chose may replace `code`. */
  dialectOverrides: boolean;
  /** Fixed message for codes whose detail must not leak (internal errors). */
  message?: string;
}

const TABLE: Record<ErrorCode, Row> = {
  InvalidParameter: { status: 400, code: 'DMS.00400800', dialectOverrides: true },
  MissingParameter: { status: 400, code: 'DMS.00400800', dialectOverrides: true },
  InvalidBody: { status: 400, code: 'DMS.00400005', dialectOverrides: true },
  NotFound: { status: 404, code: 'DMS.00404022', dialectOverrides: true },
  AlreadyExists: { status: 400, code: 'DMS.00400800', dialectOverrides: true },
  StateConflict: { status: 400, code: 'DMS.00400026', dialectOverrides: true },
  QuotaExceeded: { status: 400, code: 'DMS.00400056', dialectOverrides: true },
  ResourceExhausted: { status: 400, code: 'DMS.00400055', dialectOverrides: true },
  Unauthenticated: { status: 401, code: 'APIGW.0301', dialectOverrides: false },
  Forbidden: { status: 403, code: 'DMS.00403000', dialectOverrides: true },
  NotImplemented: { status: 501, code: 'DMS.00501000', dialectOverrides: true },
  Internal: { status: 500, code: 'DMS.00500000', dialectOverrides: false, message: 'Internal error.' },
};

const DMS_CODE = /^(DMS|APIGW)\.\d+$/;

const codeFor = (e: DomainError, row: Row): string => {
  if (row.dialectOverrides && e.dialectCode && DMS_CODE.test(e.dialectCode)) return e.dialectCode;
  if (e.code === 'AlreadyExists' && e.resource === 'instance') return 'DMS.00400060';
  return row.code;
};

/** Single-line message without stack traces or anything that looks like a secret. */
const safeMessage = (e: DomainError, row: Row): string => {
  if (row.message) return row.message;
  const first = (e.message || e.code).split('\n')[0]!.slice(0, 1024);
  return first.replace(/(secret[_ ]?key|sk|password)([=:]\s*)\S+/gi, '$1$2***');
};

export const huaweiError = (e: DomainError): HuaweiErrorResponse => {
  const row = TABLE[e.code] ?? TABLE.Internal;
  return { status: row.status, body: { error_code: codeFor(e, row), error_msg: safeMessage(e, row) } };
};
