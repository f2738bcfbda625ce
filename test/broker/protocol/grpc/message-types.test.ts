import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MessageView } from 'rocketmq-client-nodejs';
import { producer, simpleConsumer, startBroker, waitFor, type BrokerFixture } from './harness.js';

/** TransactionResolution.COMMIT of definition.proto (the client does not re-export the enum). */
const COMMIT = 1;

describe('FIFO, delay and transaction messages through the official client', () => {
  let b: BrokerFixture;
  before(async () => {
    b = await startBroker({ brokerNames: ['broker-a', 'broker-b'] });
    const e = b.engine;
    await e.upsertTopic({ name: 't-fifo', messageType: 'FIFO', queueNum: 2, brokers: ['broker-a', 'broker-b'], perm: 'all' });
    await e.upsertTopic({ name: 't-delay', messageType: 'DELAY', queueNum: 1, brokers: ['broker-a'], perm: 'all' });
    await e.upsertTopic({ name: 't-tx', messageType: 'TRANSACTION', queueNum: 1, brokers: ['broker-a'], perm: 'all' });
    await e.upsertGroup({ name: 'g-fifo', maxRetries: 3, consumeOrderly: true, broadcast: false, enabled: true });
    await e.upsertGroup({ name: 'g-delay', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true });
    await e.upsertGroup({ name: 'g-tx', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true });
  });
  after(() => b.cleanup());

  it('keeps order per message group with groups interleaved', async () => {
    const p = producer(b, ['t-fifo']);
    await p.startup();
    const groups = ['alpha', 'beta', 'gamma', 'delta'];
    const PER = 25;
    for (let i = 0; i < PER; i++) {
      for (const g of groups) await p.send({ topic: 't-fifo', body: Buffer.from(`${g}:${i}`), messageGroup: g });
    }
    await p.shutdown();
    const c = simpleConsumer(b, 'g-fifo', { 't-fifo': '*' }, 300);
    await c.startup();
    const seen: Record<string, number[]> = Object.fromEntries(groups.map((g) => [g, []]));
    let total = 0;
    for (let empty = 0; total < groups.length * PER && empty < 5; ) {
      const msgs = await c.receive(16, 20_000);
      if (msgs.length === 0) empty++;
      // At most one message of each group is out at a time.
      assert.equal(new Set(msgs.map((m) => m.messageGroup)).size, msgs.length);
      for (const m of msgs) {
        const [g, i] = m.body.toString().split(':');
        assert.equal(m.messageGroup, g);
        seen[g!]!.push(Number(i));
        total++;
      }
      // Ack in reverse order of arrival: the order guarantee must not depend on it.
      for (const m of [...msgs].reverse()) await c.ack(m);
    }
    await c.shutdown();
    for (const g of groups) assert.deepEqual(seen[g], Array.from({ length: PER }, (_, i) => i), `order of ${g}`);
  });

  it('does not deliver a delayed message early, and a recalled one never', async () => {
    const p = producer(b, ['t-delay']);
    await p.startup();
    const due = Date.now() + 1_200;
    const kept = await p.send({ topic: 't-delay', body: Buffer.from('later'), deliveryTimestamp: new Date(due) });
    const recalled = await p.send({ topic: 't-delay', body: Buffer.from('never'), deliveryTimestamp: new Date(due) });
    assert.ok(recalled.recallHandle);
    const r = await p.recallMessage('t-delay', recalled.recallHandle);
    assert.equal(r.messageId, recalled.messageId);
    await p.shutdown();
    const c = simpleConsumer(b, 'g-delay', { 't-delay': '*' }, 2_000);
    await c.startup();
    const got: MessageView[] = [];
    while (Date.now() < due + 3_000 && got.length === 0) {
      for (const m of await c.receive(8, 20_000)) {
        got.push(m);
        await c.ack(m);
      }
    }
    const receivedAt = Date.now();
    assert.equal(got.length, 1);
    assert.equal(got[0]!.messageId, kept.messageId);
    assert.ok(receivedAt >= due, `delivered ${due - receivedAt} ms early`);
    assert.equal(got[0]!.deliveryTimestamp?.getTime(), due);
    assert.deepEqual(await c.receive(8, 20_000), [], 'recalled message stays away');
    await c.shutdown();
  });

  it('delivers a committed transaction, never a rolled-back one, and checks back an unresolved one', async () => {
    const checked: string[] = [];
    const p = producer(b, ['t-tx'], {
      checker: {
        async check(m: MessageView) {
          checked.push(m.body.toString());
          return COMMIT;
        },
      },
    });
    await p.startup();
    const send = async (body: string) => {
      const tx = p.beginTransaction();
      const r = await p.send({ topic: 't-tx', body: Buffer.from(body) }, tx);
      return { tx, r };
    };
    const commit = await send('commit-me');
    await commit.tx.commit();
    const rollback = await send('roll-me-back');
    await rollback.tx.rollback();
    await send('orphan');
    const c = simpleConsumer(b, 'g-tx', { 't-tx': '*' }, 1_000);
    await c.startup();
    const got: string[] = [];
    assert.ok(
      await waitFor(async () => {
        for (const m of await c.receive(8, 20_000)) {
          got.push(m.body.toString());
          await c.ack(m);
        }
        return got.length >= 2;
      }, 10_000),
      `got ${got.join(',')}`,
    );
    assert.deepEqual(got.sort(), ['commit-me', 'orphan']);
    assert.deepEqual(checked, ['orphan']);
    assert.deepEqual(await c.receive(8, 20_000), []);
    await c.shutdown();
    await p.shutdown();
  });
});
