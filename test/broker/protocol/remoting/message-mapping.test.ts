import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { deliveryTimestampOf, incomingFromSend, messageExtOf } from '../../../../src/broker/protocol/remoting/message-mapping.js';
import { RequestRejected } from '../../../../src/broker/protocol/remoting/reply-error.js';
import { DELAY_LEVELS_MS, delayLevelToMs, sendBackDelayLevel } from '../../../../src/broker/protocol/remoting/delay-level.js';

const base = { topic: 'T', producerGroup: 'PG', sysFlag: 0, flag: 0, bornTimestamp: 1, reconsumeTimes: 0 };

test('a 4.x send becomes a neutral message: tag, keys, type, delivery time, inflated body, user properties only', () => {
  const now = 1_000_000;
  const m = incomingFromSend({ ...base, sysFlag: 1, properties: { TAGS: 'a', KEYS: 'k1 k2', WAIT: 'true', DELAY: '3', color: 'red', UNIQ_KEY: 'U1' } },
    deflateSync(Buffer.from('x'.repeat(5000))), now);
  assert.equal(m.body.toString(), 'x'.repeat(5000));
  assert.equal(m.sysFlag & 1, 0);
  assert.equal(m.tag, 'a');
  assert.deepEqual(m.keys, ['k1', 'k2']);
  assert.equal(m.uniqueKey, 'U1');
  assert.equal(m.messageType, 'DELAY');
  assert.equal(m.deliveryTimestamp, now + 10_000);
  assert.deepEqual(m.properties, { color: 'red' });
  const tx = incomingFromSend({ ...base, sysFlag: 4, properties: { TRAN_MSG: 'true', PGROUP: 'PG' } }, Buffer.from('t'), now);
  assert.equal(tx.messageType, 'TRANSACTION');
  const fifo = incomingFromSend({ ...base, properties: { __SHARDINGKEY: 'g1' } }, Buffer.from('f'), now);
  assert.equal(fifo.messageType, 'FIFO');
  assert.equal(fifo.messageGroup, 'g1');
  assert.throws(() => incomingFromSend({ ...base, sysFlag: 1, properties: {} }, Buffer.from('not deflate'), now), RequestRejected);
  assert.throws(() => incomingFromSend({ ...base, sysFlag: 1 | 0x100, properties: {} }, Buffer.from('zstd'), now), RequestRejected);
});

test('delivery time spellings and delay levels', () => {
  assert.equal(deliveryTimestampOf({ __STARTDELIVERTIME: '5000' }, 0), 5000);
  assert.equal(deliveryTimestampOf({ TIMER_DELIVER_MS: '6000' }, 0), 6000);
  assert.equal(deliveryTimestampOf({ TIMER_DELAY_SEC: '2' }, 100), 2100);
  assert.equal(deliveryTimestampOf({ TIMER_DELAY_MS: '7' }, 100), 107);
  assert.equal(deliveryTimestampOf({ DELAY: '18' }, 0), 7_200_000);
  assert.equal(deliveryTimestampOf({ DELAY: '0' }, 0), undefined);
  assert.equal(deliveryTimestampOf({}, 0), undefined);
  assert.equal(DELAY_LEVELS_MS.length, 18);
  assert.equal(delayLevelToMs(1), 1000);
  assert.equal(delayLevelToMs(99), 7_200_000);
  assert.equal(delayLevelToMs(-1), 0);
  assert.equal(sendBackDelayLevel(0, 0), 3);
  assert.equal(sendBackDelayLevel(0, 20), 18);
  assert.equal(sendBackDelayLevel(5, 0), 5);
});

test('a stored message as 4.x readers see it: TAGS, KEYS, UNIQ_KEY; IPv6 born hosts fall back to IPv4', () => {
  const ext = messageExtOf({
    topic: 'T', queueId: 1025, body: Buffer.from('b'), messageId: 'ID1', tag: 't', keys: ['a', 'b'], properties: { color: 'red', __HANGAR_RETRY_AT: '5' },
    bornTimestamp: 1, bornHost: '[2001:db8::1]:5', flag: 0, sysFlag: 0, reconsumeTimes: 2, queueOffset: 9, commitLogOffset: 77, storeTimestamp: 3, storeSize: 100,
  }, { topic: 'T', queueId: 5, storeHost: { ip: '127.0.0.1', port: 10911 }, fallbackBornHost: { ip: '10.0.0.1', port: 7 } });
  assert.deepEqual(ext.properties, { color: 'red', TAGS: 't', KEYS: 'a b', UNIQ_KEY: 'ID1' });
  assert.equal(ext.queueId, 5);
  assert.deepEqual(ext.bornHost, { ip: '10.0.0.1', port: 7 });
  assert.equal(ext.reconsumeTimes, 2);
});
