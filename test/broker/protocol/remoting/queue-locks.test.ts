import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueLocks, parseLockBatchBody } from '../../../../src/broker/protocol/remoting/queue-locks.js';
import { fixture } from './fixtures.js';
import { FrameDecoder } from '../../../../src/broker/protocol/remoting/frame.js';

test('one holder per queue and group; renewal, expiry, unlock and client release', () => {
  let now = 0;
  const locks = new QueueLocks(60_000, () => now);
  const q0 = { topic: 'T', brokerName: 'b', queueId: 0 };
  const q1 = { topic: 'T', brokerName: 'b', queueId: 1 };
  assert.deepEqual(locks.lock('G', 'c1', [q0, q1]), [q0, q1]);
  assert.deepEqual(locks.lock('G', 'c2', [q0, q1]), []);
  assert.deepEqual(locks.lock('G2', 'c2', [q0]), [q0], 'another group locks independently');
  now = 30_000;
  assert.deepEqual(locks.lock('G', 'c1', [q0]), [q0], 'renewed');
  now = 70_000;
  assert.deepEqual(locks.lock('G', 'c2', [q0, q1]), [q1], 'q1 expired, q0 was renewed');
  locks.unlock('G', 'c1', [q0]);
  assert.equal(locks.holder('G', q0), undefined);
  locks.releaseClient('c2');
  assert.equal(locks.holder('G', q1), undefined);
});

test('parses the golden LOCK_BATCH_MQ body', () => {
  const [cmd] = new FrameDecoder().push(fixture('binary-lock-batch-mq.bin'));
  const b = parseLockBatchBody(cmd!.body);
  assert.equal(b.consumerGroup, 'CG_ORDER');
  assert.equal(b.clientId, '10.0.0.5@4242');
  assert.deepEqual(b.mqSet.map((m) => m.queueId), [0, 1]);
});
