import { SYSTEM } from '../../../src/broker/engine/index.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Delivery, OutgoingMessage } from '../../../src/broker/engine/index.js';
import { openEngine, type EngineFixture } from './engine-harness.js';

let n = 0;
const msg = (topic: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  topic,
  body: Buffer.from(`body-${n}`),
  messageId: `C${(n++).toString(16).padStart(31, '0')}`,
  messageType: 'NORMAL',
  bornTimestamp: Date.now(),
  ...extra,
});

const receive = (fx: EngineFixture, group: string, topic: string, extra: Record<string, unknown> = {}): Promise<Delivery[]> =>
  fx.engine.receive({ group, topic, batchSize: 32, invisibleMs: 30_000, autoRenew: false, longPollMs: 0, clientId: 'c1', ...extra }, SYSTEM);

describe('Engine: concurrent receives', () => {
  let fx: EngineFixture;
  before(async () => {
    fx = await openEngine({ brokerNames: ['broker-a'] });
    await fx.engine.upsertTopic({ name: 'wide', messageType: 'NORMAL', queueNum: 8, brokers: ['broker-a'], perm: 'all' });
    await fx.engine.upsertTopic({ name: 'narrow', messageType: 'NORMAL', queueNum: 1, brokers: ['broker-a'], perm: 'all' });
    for (const name of ['g-wide', 'g-narrow', 'g-filter']) {
      await fx.engine.upsertGroup({ name, maxRetries: 2, consumeOrderly: false, broadcast: false, enabled: true });
    }
  });
  after(() => fx.cleanup());

  it('fills one batch from several queues', async () => {
    await fx.engine.send(Array.from({ length: 16 }, () => msg('wide')), SYSTEM);
    const batch = await receive(fx, 'g-wide', 'wide', { batchSize: 16 });
    assert.equal(batch.length, 16);
    assert.equal(new Set(batch.map((d) => d.queueId)).size, 8, 'the batch spans every queue');
    for (const d of batch) fx.engine.ack('g-wide', 'wide', d.receiptHandle, SYSTEM);
  });

  it('hands every message to exactly one of several long-polling receives while sends arrive', async () => {
    const total = 600;
    const got = new Map<string, number>();
    let running = true;
    let idleAfterSends = 0;
    let sending = true;
    const loop = async (): Promise<void> => {
      try {
        // Ends once everything arrived, or after repeated empty long polls once the sends are done (a lost message).
        while (running && idleAfterSends < 20) {
          const batch = await receive(fx, 'g-wide', 'wide', { longPollMs: 300 });
          assert.ok(batch.length <= 32, 'never more than the batch size');
          if (batch.length === 0 && !sending) idleAfterSends++;
          for (const d of batch) {
            got.set(d.message.messageId, (got.get(d.message.messageId) ?? 0) + 1);
            fx.engine.ack('g-wide', 'wide', d.receiptHandle, SYSTEM);
          }
          if (got.size >= total) running = false;
        }
      } finally {
        running = false;
      }
    };
    const loops = Array.from({ length: 6 }, loop);
    for (let i = 0; i < total; i += 20) await fx.engine.send(Array.from({ length: 20 }, () => msg('wide')), SYSTEM);
    sending = false;
    await Promise.all(loops);
    assert.equal(got.size, total);
    assert.ok([...got.values()].every((c) => c === 1), 'no message delivered twice');
    assert.equal(fx.engine.groupProgress('g-wide').reduce((s, r) => s + r.lag, 0), 0);
  });

  it('a receive arriving while another pops the same queue still gets what is left', async () => {
    await fx.engine.send(Array.from({ length: 40 }, () => msg('narrow')), SYSTEM);
    const [a, b] = await Promise.all([
      receive(fx, 'g-narrow', 'narrow', { batchSize: 10, longPollMs: 2_000 }),
      receive(fx, 'g-narrow', 'narrow', { batchSize: 10, longPollMs: 2_000 }),
    ]);
    assert.equal(a.length, 10);
    assert.equal(b.length, 10);
    assert.equal(new Set([...a, ...b].map((d) => d.message.messageId)).size, 20);
  });

  it('keeps scanning past a long run of filtered-out messages within one long poll', async () => {
    await fx.engine.send(Array.from({ length: 5_000 }, () => msg('narrow', { tag: 'skip' })), SYSTEM);
    const [wanted] = await fx.engine.send([msg('narrow', { tag: 'want' })], SYSTEM);
    const got = await receive(fx, 'g-filter', 'narrow', { filter: 'want', longPollMs: 5_000 });
    assert.deepEqual(
      got.map((d) => d.message.messageId),
      [wanted!.messageId],
    );
  });
});
