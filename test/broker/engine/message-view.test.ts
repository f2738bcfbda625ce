// How the management API shows a stored message: the body as UTF-8 text when its bytes are valid UTF-8, else base64;
// a listing's prefix never splits a character and never passes its byte budget; properties split user / system.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { messageView } from '../../../src/broker/engine/message-view.js';
import type { StoredMessage } from '../../../src/broker/engine/index.js';

const stored = (body: Buffer, extra: Partial<StoredMessage> = {}): StoredMessage => ({
  topic: 'T', queueId: 1, body, messageId: 'AB000000000000000000000000000001', keys: [], properties: {}, bornTimestamp: 1, flag: 0,
  sysFlag: 0, reconsumeTimes: 0, queueOffset: 7, commitLogOffset: 100, storeTimestamp: 2, storeSize: 200, ...extra,
});
const queue = { brokerName: 'broker-a', queueId: 1 };

test('bodies: text when valid UTF-8 (a prefix cut at a character within the budget), else base64 of a prefix', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 1, max: 400 }), (s, max) => {
      const body = Buffer.from(s, 'utf8');
      const v = messageView(stored(body), queue, 'h:1', max);
      assert.equal(v.bodyEncoding, 'text');
      assert.ok(Buffer.byteLength(v.body) <= max);
      assert.ok(s.startsWith(v.body));
      assert.ok(Buffer.byteLength(v.body) > max - 4 || v.body === s, 'cut at most a character short');
      assert.equal(v.bodyTruncated, v.body !== s);
      assert.equal(v.bodySize, body.length);
    }),
  );
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 400 }), (bytes, max) => {
      const body = Buffer.from(bytes);
      fc.pre(!isUtf8(body));
      const v = messageView(stored(body), queue, 'h:1', max);
      assert.equal(v.bodyEncoding, 'base64');
      assert.deepEqual(Buffer.from(v.body, 'base64'), body.subarray(0, Math.min(max, body.length)));
    }),
  );
  assert.equal(messageView(stored(Buffer.from('é'.repeat(3000))), queue, 'h:1').body, 'é'.repeat(3000), 'no budget: the whole body');
});

test('fields: tag and keys in the system properties, user properties apart, queue and host as given', () => {
  const v = messageView(
    stored(Buffer.from('x'), { tag: 'TagA', keys: ['k1', 'k2'], properties: { color: 'red', UNIQ_KEY: 'AB000000000000000000000000000001', __SHARDINGKEY: 'g1', __HANGAR_DUE_AT: '5' }, reconsumeTimes: 2 }),
    queue,
    '127.0.0.1:9876',
  );
  assert.deepEqual(v.userProperties, { color: 'red', __SHARDINGKEY: 'g1' });
  assert.deepEqual(v.systemProperties, { UNIQ_KEY: 'AB000000000000000000000000000001', TAGS: 'TagA', KEYS: 'k1 k2' });
  assert.equal(v.messageType, 'FIFO');
  assert.equal(v.messageGroup, 'g1');
  assert.equal(v.storeHost, '127.0.0.1:9876');
  assert.equal(v.queueOffset, 7);
  assert.equal(v.reconsumeTimes, 2);
});

const isUtf8 = (b: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};
