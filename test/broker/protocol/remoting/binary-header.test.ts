import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBinaryHeader, encodeBinaryHeader } from '../../../../src/broker/protocol/remoting/binary-header.js';
import { RemotingError } from '../../../../src/broker/protocol/remoting/errors.js';

test('layout: int16 code, int8 language, int16 version, int32 opaque, int32 flag, remark, ext entries', () => {
  const b = encodeBinaryHeader({ code: 41, language: 'GO', version: 395, opaque: 7, flag: 1, remark: 'r', extFields: { k: 'v' } });
  assert.equal(b.toString('hex'), ['0029', '09', '018b', '00000007', '00000001', '00000001', '72', '00000008', '0001', '6b', '00000001', '76'].join(''));
  assert.deepEqual(decodeBinaryHeader(b), { code: 41, language: 'GO', version: 395, opaque: 7, flag: 1, remark: 'r', extFields: { k: 'v' } });
});

test('property: arbitrary bytes decode or raise REMOTING_HEADER_MALFORMED', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 120 }), (a) => {
    try {
      decodeBinaryHeader(Buffer.from(a));
    } catch (e) {
      assert.ok(e instanceof RemotingError && e.code === 'REMOTING_HEADER_MALFORMED', String(e));
    }
  }), { numRuns: 3000 });
});
