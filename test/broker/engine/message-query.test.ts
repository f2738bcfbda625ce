// Message queries and offset resets in the engine, on the real store: by store time (a search of each consume queue),
// by key and by id, paged; the store reads per query stay within the page however large the topic.
import { SYSTEM } from '../../../src/broker/engine/index.js';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../../src/broker/engine/index.js';
import { openMessageStore, type MessageStoreApi } from '../../../src/broker/engine/store-api.js';
import { ManualClock } from '../../../src/domain/clock.js';

test('queries by time, key and id read no more than their page; a reset to a time moves each queue to its first later message', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hangar-query-'));
  const clock = new ManualClock();
  let messagesRead = 0;
  // The real store, counting the messages it reads back.
  const openStore = async (opts: Parameters<typeof openMessageStore>[0]): Promise<MessageStoreApi> => {
    const s = await openMessageStore(opts);
    const read = s.read.bind(s);
    const byOffset = s.getByCommitLogOffset.bind(s);
    s.read = async (...a) => {
      const out = await read(...a);
      messagesRead += out.length;
      return out;
    };
    s.getByCommitLogOffset = async (o) => {
      messagesRead++;
      return byOffset(o);
    };
    return s;
  };
  const engine = await Engine.open({ dataDir: dir, brokerNames: ['broker-a', 'broker-b'], clock }, { openStore });
  try {
    await engine.applyMetadata({
      topics: [{ name: 'T', messageType: 'NORMAL', queueNum: 4, brokers: ['broker-a', 'broker-b'], perm: 'all' }],
      groups: [{ name: 'G', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true }],
    });
    const t0 = clock.now();
    const ids: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const [r] = await engine.send([
        { topic: 'T', body: Buffer.from(`m${i}`), messageId: `AA${String(i).padStart(30, '0')}`, messageType: 'NORMAL', bornTimestamp: clock.now(), ...(i % 100 === 0 ? { keys: ['hundred'] } : {}) },
      ], SYSTEM);
      ids.push(r!.messageId);
      clock.advance(1);
    }

    messagesRead = 0;
    const window = await engine.findMessages('T', { beginMs: t0 + 500, endMs: t0 + 1499, offset: 990, limit: 20 });
    assert.equal(window.total, 1000);
    assert.equal(window.messages.length, 10);
    for (const m of window.messages) assert.ok(m.storeTimestamp >= t0 + 500 && m.storeTimestamp <= t0 + 1499);
    assert.ok(messagesRead <= 20, `a page of 20 read ${messagesRead} messages`);

    // Every page of the window together is the window, once.
    const seen = new Set<string>();
    for (let offset = 0; offset < 1000; offset += 100) {
      for (const m of (await engine.findMessages('T', { beginMs: t0 + 500, endMs: t0 + 1499, offset, limit: 100 })).messages) seen.add(m.messageId);
    }
    assert.equal(seen.size, 1000);
    assert.ok(ids.slice(500, 1500).every((id) => seen.has(id)));

    // One queue of one broker.
    const q = await engine.findMessages('T', { queue: { brokerName: 'broker-b', queueId: 3 }, offset: 0, limit: 100 });
    assert.equal(q.total, 250);
    assert.ok(q.messages.every((m) => engine.queueOf(m).brokerName === 'broker-b' && engine.queueOf(m).queueId === 3));

    messagesRead = 0;
    const byKey = await engine.findMessages('T', { key: 'hundred', beginMs: t0 + 1000, offset: 0, limit: 5 });
    assert.equal(byKey.total, 10);
    assert.deepEqual(byKey.messages.map((m) => m.body.toString()), ['m1900', 'm1800', 'm1700', 'm1600', 'm1500']);
    assert.ok(messagesRead <= 20);

    const byId = await engine.findMessages('T', { messageId: ids[1234]!, offset: 0, limit: 1 });
    assert.equal(byId.messages[0]!.body.toString(), 'm1234');
    assert.equal((await engine.findMessages('T', { messageId: ids[1234]!, endMs: t0 + 100, offset: 0, limit: 1 })).total, 0);
    await assert.rejects(engine.findMessages('T', { offset: 0, limit: 1000 }), /limit/);
    await assert.rejects(engine.findMessages('NOPE', { offset: 0, limit: 1 }), /does not exist/);

    // Reset to a time: each of the 8 queues moves to its first message stored at or after it.
    const reset = engine.resetOffset('G', 'T', { kind: 'time', timestampMs: t0 + 1000 });
    assert.equal(reset.length, 8);
    assert.equal(reset.reduce((n, r) => n + r.offset, 0), 1000);
    for (const r of reset) assert.equal(engine.consumerOffset('G', 'T', r, SYSTEM), r.offset);
    assert.deepEqual(engine.resetOffset('G', 'T', { kind: 'latest' }).map((r) => r.offset), Array(8).fill(250));
    assert.deepEqual(engine.resetOffset('G', 'T', { kind: 'earliest' }).map((r) => r.offset), Array(8).fill(0));
    assert.equal((await engine.findMessages('T', { offset: 0, limit: 1 })).total, 2000, 'nothing is removed by a reset');
  } finally {
    await engine.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
