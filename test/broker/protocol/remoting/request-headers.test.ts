import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FrameDecoder } from '../../../../src/broker/protocol/remoting/frame.js';
import { RequestRejected } from '../../../../src/broker/protocol/remoting/reply-error.js';
import {
  parseEndTransactionHeader, parsePullMessageHeader, parseSendMessageHeader,
} from '../../../../src/broker/protocol/remoting/request-headers.js';
import { fixture } from './fixtures.js';

test('SEND_MESSAGE_V2 letters from the traced frame map to the SEND_MESSAGE fields', () => {
  const [cmd] = new FrameDecoder().push(fixture('json-send-message-v2.bin'));
  const h = parseSendMessageHeader(cmd!.extFields, true);
  assert.equal(h.producerGroup, 'PG_SPIKE');
  assert.equal(h.topic, 'TopicRemoting');
  assert.equal(h.queueId, 2);
  assert.equal(h.bornTimestamp, 1795303913201);
  assert.deepEqual(h.properties, { TAGS: 'TagA', KEYS: 'key-0' });
  assert.equal(h.unitMode, false);
  assert.equal(h.maxReconsumeTimes, undefined);
  // Long names (SEND_MESSAGE, code 10) give the same header.
  const long = parseSendMessageHeader({
    producerGroup: 'PG_SPIKE', topic: 'TopicRemoting', defaultTopic: 'TBW102', defaultTopicQueueNums: '4', queueId: '2', sysFlag: '0',
    bornTimestamp: '1795303913201', flag: '0', properties: 'TAGS\u0001TagA\u0002KEYS\u0001key-0\u0002', reconsumeTimes: '0', unitMode: 'false',
  }, false);
  assert.deepEqual(long, h);
});

test('END_TRANSACTION from the golden Java frame; PULL_MESSAGE as ali-ons sends it', () => {
  const [cmd] = new FrameDecoder().push(fixture('json-end-transaction.bin'));
  assert.deepEqual(parseEndTransactionHeader(cmd!.extFields), {
    producerGroup: 'PG_TX', tranStateTableOffset: 7, commitLogOffset: 1234, commitOrRollback: 8, fromTransactionCheck: false,
    msgId: '7F00000100002A9F00000000000004D2', transactionId: '7F000001562A18B4AAC27D6D7C2E0000',
  });
  const p = parsePullMessageHeader({
    consumerGroup: 'CG', topic: 'T', queueId: '0', queueOffset: '3', maxMsgNums: '8', sysFlag: '6', commitOffset: '0',
    suspendTimeoutMillis: '15000', subscription: '*', subVersion: '1795303913222',
  });
  assert.equal(p.queueOffset, 3);
  assert.equal(p.suspendTimeoutMillis, 15000);
  assert.equal(p.expressionType, undefined);
});

test('property: missing or non-numeric fields are refused with a response code, never a crash', () => {
  fc.assert(fc.property(fc.dictionary(fc.constantFrom('consumerGroup', 'topic', 'queueId', 'queueOffset', 'maxMsgNums', 'sysFlag', 'x'), fc.string()), (ext) => {
    try {
      parsePullMessageHeader({ ...ext });
    } catch (e) {
      assert.ok(e instanceof RequestRejected, String(e));
    }
  }), { numRuns: 500 });
});
