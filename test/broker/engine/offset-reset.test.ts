// Offset resets in the engine: what was in flight comes back from the new offset only (not also as a retry), a 4.x pull
// away from the reset point is told where to move, and a reset no 4.x consumer takes stops being pending after the
// client expiry time.
import { SYSTEM } from '../../../src/broker/engine/index.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../../src/domain/clock.js';
import { openEngine } from './engine-harness.js';

const queue = { brokerName: 'broker-a', queueId: 0 };
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

test('a reset backward redelivers from the new offset; in-flight messages are not copied to the retry queue', async () => {
  const clock = new ManualClock();
  const fx = await openEngine({ clock, tunables: { clientExpiryMs: 10_000 } });
  const e = fx.engine;
  try {
    await e.applyMetadata({
      topics: [{ name: 'T', messageType: 'NORMAL', queueNum: 1, brokers: ['broker-a'], perm: 'all' }],
      groups: [{ name: 'G', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true }],
    });
    for (let i = 0; i < 4; i++) await e.send([{ topic: 'T', body: Buffer.from(`m${i}`), messageId: `BB${String(i).padStart(30, '0')}`, messageType: 'NORMAL', bornTimestamp: clock.now() }], SYSTEM);
    const receive = () => e.receive({ group: 'G', topic: 'T', batchSize: 10, invisibleMs: 1_000, autoRenew: false, longPollMs: 0, clientId: 'c1' }, SYSTEM);
    const first = await receive();
    assert.equal(first.length, 4);
    e.ack('G', 'T', first[0]!.receiptHandle, SYSTEM);
    e.ack('G', 'T', first[1]!.receiptHandle, SYSTEM);
    assert.equal(e.consumerOffset('G', 'T', queue, SYSTEM), 2);

    assert.deepEqual(e.resetOffset('G', 'T', { kind: 'earliest' }), [{ brokerName: 'broker-a', queueId: 0, offset: 0 }]);
    clock.advance(2_000);
    await settle();
    assert.equal(e.queueRange('%RETRY%G', queue, SYSTEM).max, 0, 'nothing went to the retry queue');
    assert.deepEqual((await receive()).map((d) => d.message.body.toString()), ['m0', 'm1', 'm2', 'm3']);

    // A 4.x pull from elsewhere is told to move to the group's offset; its stale commit is ignored meanwhile.
    e.resetOffset('G', 'T', { kind: 'offset', offset: 1 });
    const moved = await e.pull({ group: 'G', topic: 'T', queue, offset: 4, maxCount: 32, maxBytes: 1 << 20 }, SYSTEM);
    assert.equal(moved.movedTo, 1);
    assert.equal(moved.messages.length, 0);
    e.commitOffset('G', 'T', queue, 4, SYSTEM);
    assert.equal(e.consumerOffset('G', 'T', queue, SYSTEM), 1);
    // Not taken within the client expiry time: the reset is no longer pending, commits count again.
    clock.advance(10_001);
    e.commitOffset('G', 'T', queue, 4, SYSTEM);
    assert.equal(e.consumerOffset('G', 'T', queue, SYSTEM), 4);
    assert.equal((await e.pull({ group: 'G', topic: 'T', queue, offset: 3, maxCount: 32, maxBytes: 1 << 20 }, SYSTEM)).movedTo, undefined);
    await assert.rejects(async () => e.resetOffset('NOPE', 'T', { kind: 'latest' }), /NOPE/);
  } finally {
    await fx.cleanup();
  }
});
