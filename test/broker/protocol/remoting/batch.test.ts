import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBatch, encodeBatch } from '../../../../src/broker/protocol/remoting/batch.js';
import { RemotingError } from '../../../../src/broker/protocol/remoting/errors.js';
import { fixture } from './fixtures.js';

test('decodes the golden SEND_BATCH_MESSAGE body and re-encodes it byte for byte', () => {
  const bytes = fixture('batch-body.bin');
  const entries = decodeBatch(bytes);
  assert.equal(entries.length, 2);
  assert.equal(entries[0]!.body.toString(), 'batch-0');
  assert.deepEqual(entries[0]!.properties, { KEYS: 'k0', UNIQ_KEY: 'C0000202000000000000000000000010' });
  assert.equal(entries[1]!.flag, 3);
  assert.equal(entries[1]!.properties.TAGS, 'TagB');
  assert.deepEqual(encodeBatch(entries), bytes);
});

test('property: round trip, and garbage only raises RemotingError', () => {
  const entryArb = fc.record({
    flag: fc.integer({ min: -2147483648, max: 2147483647 }),
    body: fc.uint8Array({ maxLength: 50 }).map((a) => Buffer.from(a)),
    properties: fc.dictionary(fc.stringMatching(/^[A-Za-z_]{1,8}$/).filter((k) => k !== '__proto__'), fc.stringMatching(/^[ -~]{0,10}$/), { maxKeys: 4 }).map((d) => ({ ...d })),
  }).map((e) => ({ ...e }));
  fc.assert(fc.property(fc.array(entryArb, { maxLength: 5 }), (entries) => {
    const back = decodeBatch(encodeBatch(entries)).map((e) => ({ ...e, body: Buffer.from(e.body) }));
    assert.deepEqual(back, entries);
  }));
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (junk) => {
    try {
      decodeBatch(Buffer.from(junk));
    } catch (e) {
      assert.ok(e instanceof RemotingError, String(e));
    }
  }), { numRuns: 1000 });
});
