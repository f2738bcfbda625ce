import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConsumeResult, type MessageView } from 'rocketmq-client-nodejs';
import { producer, pushConsumer, simpleConsumer, startBroker, waitFor, type BrokerFixture } from './harness.js';

describe('PushConsumer through the official client', () => {
  let b: BrokerFixture;
  before(async () => {
    b = await startBroker({ tunables: { retryBackoffMs: [100, 200], longPollMs: 2_000 } });
    await b.engine.upsertTopic({ name: 't-push', messageType: 'NORMAL', queueNum: 2, brokers: ['broker-a'], perm: 'all' });
    await b.engine.upsertGroup({ name: 'g-push', maxRetries: 2, consumeOrderly: false, broadcast: false, enabled: true });
    await b.engine.upsertTopic({ name: 't-fifo-push', messageType: 'FIFO', queueNum: 2, brokers: ['broker-a'], perm: 'all' });
    await b.engine.upsertGroup({ name: 'gf-push', maxRetries: 1, consumeOrderly: true, broadcast: false, enabled: true });
    await b.engine.upsertGroup({ name: 'g-dlq-reader', maxRetries: 2, consumeOrderly: false, broadcast: false, enabled: true });
  });
  after(() => b.cleanup());

  it('redelivers a failed message with growing attempts and, after max retries, it is in %DLQ%<group>', async () => {
    const p = producer(b, ['t-push']);
    await p.startup();
    const ok = await Promise.all([1, 2, 3].map((i) => p.send({ topic: 't-push', body: Buffer.from(`fine-${i}`) })));
    const bad = await p.send({ topic: 't-push', body: Buffer.from('poison'), keys: ['poison-key'] });
    await p.shutdown();

    const attempts: number[] = [];
    const consumed = new Set<string>();
    const c = pushConsumer(b, 'g-push', { 't-push': '*' }, {
      consume(m: MessageView) {
        if (m.messageId === bad.messageId) {
          attempts.push(m.deliveryAttempt ?? 0);
          return ConsumeResult.FAILURE;
        }
        consumed.add(m.messageId);
        return ConsumeResult.SUCCESS;
      },
    });
    await c.startup();
    assert.ok(await waitFor(() => attempts.length >= 3 && consumed.size === 3, 20_000), `attempts ${attempts.join(',')}`);
    assert.deepEqual(consumed, new Set(ok.map((r) => r.messageId)));

    const dlq = simpleConsumer(b, 'g-dlq-reader', { '%DLQ%g-push': '*' }, 1_000);
    await dlq.startup();
    const got: MessageView[] = [];
    assert.ok(
      await waitFor(async () => {
        for (const m of await dlq.receive(8, 20_000)) {
          got.push(m);
          await dlq.ack(m);
        }
        return got.length >= 1;
      }, 5_000),
    );
    await dlq.shutdown();
    // Once the message is a dead letter no fourth delivery can happen: the attempts are final (no sleep needed).
    await c.shutdown();
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.equal(got.length, 1);
    assert.equal(got[0]!.messageId, bad.messageId);
    assert.equal(got[0]!.body.toString(), 'poison');
    assert.deepEqual(got[0]!.keys, ['poison-key']);
    assert.equal(got[0]!.topic, '%DLQ%g-push');
  });

  it('FIFO group: in order per message group; a poison message is retried by the client, then forwarded to the DLQ', async () => {
    const p = producer(b, ['t-fifo-push']);
    await p.startup();
    for (let i = 0; i < 4; i++) {
      for (const g of ['A', 'B']) await p.send({ topic: 't-fifo-push', body: Buffer.from(`${g}${i}`), messageGroup: g });
    }
    await p.shutdown();
    const seen: string[] = [];
    const c = pushConsumer(b, 'gf-push', { 't-fifo-push': '*' }, {
      consume(m: MessageView) {
        const body = m.body.toString();
        seen.push(body);
        return body === 'A0' ? ConsumeResult.FAILURE : ConsumeResult.SUCCESS;
      },
    });
    await c.startup();
    assert.ok(await waitFor(() => seen.filter((x) => x !== 'A0').length >= 7, 20_000), `seen ${seen.join(',')}`);
    await c.shutdown();
    const order = (g: string) => seen.filter((x) => x.startsWith(g));
    assert.deepEqual(order('B'), ['B0', 'B1', 'B2', 'B3']);
    assert.deepEqual(order('A'), ['A0', 'A0', 'A1', 'A2', 'A3'], 'two attempts of A0 (maxRetries 1) before A1');
    const dlq = simpleConsumer(b, 'g-dlq-reader', { '%DLQ%gf-push': '*' }, 1_000);
    await dlq.startup();
    const got = await dlq.receive(8, 20_000);
    await dlq.shutdown();
    assert.deepEqual(got.map((m) => m.body.toString()), ['A0']);
    assert.equal(got[0]!.messageGroup, 'A');
  });
});
