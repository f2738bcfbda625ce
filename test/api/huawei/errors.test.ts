import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError, invalid, missing, notFound, type ErrorCode } from '../../../src/domain/errors.js';
import { huaweiError } from '../../../src/api/huawei/errors.js';

test('the status and code of every domain error code', () => {
  const expected: Record<ErrorCode, [number, string]> = {
    InvalidParameter: [400, 'DMS.00400800'],
    MissingParameter: [400, 'DMS.00400800'],
    InvalidBody: [400, 'DMS.00400005'],
    NotFound: [404, 'DMS.00404022'],
    AlreadyExists: [400, 'DMS.00400800'],
    StateConflict: [400, 'DMS.00400026'],
    QuotaExceeded: [400, 'DMS.00400056'],
    ResourceExhausted: [400, 'DMS.00400055'],
    Unauthenticated: [401, 'APIGW.0301'],
    Forbidden: [403, 'DMS.00403000'],
    NotImplemented: [501, 'DMS.00501000'],
    Internal: [500, 'DMS.00500000'],
  };
  for (const [code, [status, errorCode]] of Object.entries(expected)) {
    const out = huaweiError(new DomainError(code as ErrorCode, 'm'));
    assert.equal(out.status, status, code);
    assert.equal(out.body.error_code, errorCode, code);
  }
});

test('a dialect code chosen by the parser wins, except for auth and internal errors', () => {
  assert.deepEqual(huaweiError(invalid('name', 'The parameter name is invalid.', 'DMS.00400010')), {
    status: 400,
    body: { error_code: 'DMS.00400010', error_msg: 'The parameter name is invalid.' },
  });
  assert.equal(huaweiError(missing('vpc_id', 'DMS.00400013')).body.error_code, 'DMS.00400013');
  assert.equal(huaweiError(new DomainError('Unauthenticated', 'x', { dialectCode: 'DMS.1' })).body.error_code, 'APIGW.0301');
  assert.equal(huaweiError(new DomainError('InvalidParameter', 'x', { dialectCode: 'InvalidX' })).body.error_code, 'DMS.00400800');
});

test('not found and already exists', () => {
  const nf = huaweiError(notFound('instance', 'abc'));
  assert.equal(nf.status, 404);
  assert.match(nf.body.error_msg, /abc/);
  for (const r of ['topic', 'group', 'user'] as const) assert.equal(huaweiError(notFound(r, 'x')).status, 404);
  assert.equal(huaweiError(new DomainError('AlreadyExists', 'dup', { resource: 'instance' })).body.error_code, 'DMS.00400060');
  assert.equal(huaweiError(new DomainError('AlreadyExists', 'dup', { resource: 'topic' })).body.error_code, 'DMS.00400800');
});

test('messages carry no stack, no cause detail and no secret', () => {
  const internal = huaweiError(new DomainError('Internal', 'boom at /x/y.ts:1', { cause: new Error('secret') }));
  assert.equal(internal.body.error_msg, 'Internal error.');
  const multi = huaweiError(new DomainError('InvalidParameter', 'first line\n    at foo (bar.js:1:1)'));
  assert.equal(multi.body.error_msg, 'first line');
  const leaked = huaweiError(new DomainError('InvalidParameter', 'bad secret_key=abc123 here'));
  assert.ok(!leaked.body.error_msg.includes('abc123'));
});
