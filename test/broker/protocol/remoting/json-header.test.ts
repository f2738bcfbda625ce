import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeJsonHeader, encodeJsonHeader } from '../../../../src/broker/protocol/remoting/json-header.js';
import { RemotingError } from '../../../../src/broker/protocol/remoting/errors.js';

test('ali-ons numbers and booleans in extFields become strings; nulls are dropped; defaults for missing fields', () => {
  const h = decodeJsonHeader(Buffer.from('{"code":11,"extFields":{"queueId":0,"unitMode":false,"n":null,"o":{"a":1}}}'));
  assert.deepEqual(h, { code: 11, language: 'OTHER', version: 0, opaque: 0, flag: 0, remark: null, extFields: { queueId: '0', unitMode: 'false', o: '{"a":1}' } });
  assert.equal(decodeJsonHeader(Buffer.from('{"code":1,"opaque":"5"}')).opaque, 5);
});

test('encodes like fastjson (sorted keys, serializeTypeCurrentRPC) and omits a null remark', () => {
  const s = encodeJsonHeader({ code: 0, language: 'JAVA', version: 399, opaque: 3, flag: 1, remark: null, extFields: { a: '1' } }).toString();
  assert.equal(s, '{"code":0,"extFields":{"a":"1"},"flag":1,"language":"JAVA","opaque":3,"serializeTypeCurrentRPC":"JSON","version":399}');
});

test('property: arbitrary text or JSON decodes or raises REMOTING_HEADER_MALFORMED', () => {
  const check = (b: Buffer): void => {
    try {
      decodeJsonHeader(b);
    } catch (e) {
      assert.ok(e instanceof RemotingError && e.code === 'REMOTING_HEADER_MALFORMED', String(e));
    }
  };
  fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (a) => check(Buffer.from(a))), { numRuns: 2000 });
  fc.assert(fc.property(fc.json(), (j) => check(Buffer.from(j))), { numRuns: 2000 });
  fc.assert(fc.property(fc.record({ code: fc.anything(), opaque: fc.anything(), extFields: fc.anything(), flag: fc.anything() }), (r) => check(Buffer.from(JSON.stringify(r) ?? ''))), { numRuns: 2000 });
});
