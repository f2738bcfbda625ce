import { SYSTEM } from '../../../src/broker/engine/index.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OutgoingMessage } from '../../../src/broker/engine/index.js';
import { TailCache } from '../../../src/broker/engine/tail-cache.js';
import type { AppendRecord } from '../../../src/broker/storage/types.js';
import { openEngine, type EngineFixture } from './engine-harness.js';

const rec = (i: number, tag?: string): AppendRecord => ({
  topic: 't',
  queueId: 0,
  body: Buffer.from(`m${i}`),
  messageId: `ID${i}`,
  bornTimestamp: 1,
  ...(tag ? { tag } : {}),
});
const res = (offset: number) => ({ messageId: `ID${offset}`, queueOffset: offset, commitLogOffset: offset * 100, storeTimestamp: 2 });

describe('TailCache', () => {
  it('serves a contiguous run and misses outside it', () => {
    const c = new TailCache();
    c.add([rec(5), rec(6), rec(7)], [res(5), res(6), res(7)]);
    assert.equal(c.read('t', 0, 4, 10, {}), undefined);
    assert.equal(c.read('t', 0, 8, 10, {}), undefined);
    const r = c.read('t', 0, 6, 10, {})!;
    assert.deepEqual(
      r.messages.map((m) => [m.queueOffset, m.body.toString(), m.commitLogOffset]),
      [
        [6, 'm6', 600],
        [7, 'm7', 700],
      ],
    );
    assert.equal(r.nextOffset, 8);
  });

  it('skips filtered messages and says where to continue; starts over after a gap', () => {
    const c = new TailCache();
    c.add([rec(0, 'a'), rec(1, 'b'), rec(2, 'a')], [res(0), res(1), res(2)]);
    const r = c.read('t', 0, 0, 1, { tagFilter: (t) => t === 'b' })!;
    assert.deepEqual(r.messages.map((m) => m.queueOffset), [1]);
    assert.equal(r.nextOffset, 2);
    c.add([rec(9)], [res(9)]); // offsets 3..8 were written by someone else
    assert.equal(c.read('t', 0, 2, 10, {}), undefined);
    assert.deepEqual(c.read('t', 0, 9, 10, {})!.messages.map((m) => m.messageId), ['ID9']);
    c.dropTopic('t');
    assert.equal(c.read('t', 0, 9, 10, {}), undefined);
    assert.equal(c.bytes, 0);
  });
});

describe('Engine with messages appended past the engine', () => {
  let fx: EngineFixture;
  let n = 0;
  const msg = (topic: string): OutgoingMessage => ({
    topic,
    body: Buffer.from(`engine-${n}`),
    messageId: `T${(n++).toString(16).padStart(31, '0')}`,
    messageType: 'NORMAL',
    bornTimestamp: Date.now(),
  });
  before(async () => {
    fx = await openEngine({ brokerNames: ['broker-a'] });
    await fx.engine.upsertTopic({ name: 'mixed', messageType: 'NORMAL', queueNum: 1, brokers: ['broker-a'], perm: 'all' });
    await fx.engine.upsertGroup({ name: 'g-mixed', maxRetries: 2, consumeOrderly: false, broadcast: false, enabled: true });
  });
  after(() => fx.cleanup());

  it('delivers every message once, in queue order, whoever appended it', async () => {
    const expected: string[] = [];
    for (let round = 0; round < 3; round++) {
      const sent = await fx.engine.send([msg('mixed'), msg('mixed')], SYSTEM);
      expected.push(...sent.map((s) => s.messageId));
      // A 4.x producer's send names its queue.
      const direct = `D${round.toString(16).padStart(31, '0')}`;
      await fx.engine.send([{ ...msg('mixed'), messageId: direct, queue: { brokerName: 'broker-a', queueId: 0 } }], SYSTEM);
      expected.push(direct);
    }
    const got: string[] = [];
    for (;;) {
      const batch = await fx.engine.receive({ group: 'g-mixed', topic: 'mixed', batchSize: 4, invisibleMs: 30_000, autoRenew: false, longPollMs: 0, clientId: 'c' }, SYSTEM);
      if (batch.length === 0) break;
      for (const d of batch) {
        got.push(d.message.messageId);
        fx.engine.ack('g-mixed', 'mixed', d.receiptHandle, SYSTEM);
      }
    }
    assert.deepEqual(got, expected);
  });
});
