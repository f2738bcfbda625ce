import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { test } from 'node:test';
import fc from 'fast-check';
import { MessageStore, MessageTooLargeError, StoreClosedError, StoreCorruptError, StoreLockedError, StoreVersionError } from '../../../src/broker/storage/index.js';
import type { AppendRecord } from '../../../src/broker/storage/index.js';
import { appendedView, arbRecord, crashImage, record, removeDir, tempDir } from './helpers.js';

const HOUR = 3600_000;

async function readAll(store: MessageStore, topic: string, queueId: number): Promise<ReturnType<typeof appendedView>[]> {
  const { min, max } = store.queueRange(topic, queueId);
  const out = [];
  let next = min;
  while (next < max) {
    const batch = await store.read(topic, queueId, next, 7);
    assert.ok(batch.length > 0);
    for (const m of batch) {
      assert.equal(m.queueOffset, next++);
      out.push(appendedView(m));
    }
  }
  return out;
}

function expectedByQueue(records: AppendRecord[]): Map<string, ReturnType<typeof appendedView>[]> {
  const m = new Map<string, ReturnType<typeof appendedView>[]>();
  for (const r of records) {
    const k = `${r.topic}|${r.queueId}`;
    m.set(k, [...(m.get(k) ?? []), appendedView(r)]);
  }
  return m;
}

test('any sequence of appends reads back byte-identical, before and after a clean reopen', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(arbRecord, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 12 }), async (calls) => {
      const dir = await tempDir();
      try {
        let store = await MessageStore.open({ dir, segmentBytes: 4096, flushIntervalMs: HOUR });
        // Half the calls concurrently (coalesced into shared writes), the rest one by one.
        const half = Math.ceil(calls.length / 2);
        const results = await Promise.all(calls.slice(0, half).map((c) => store.append(c)));
        for (const c of calls.slice(half)) results.push(await store.append(c));
        const all = calls.flat();
        const expected = expectedByQueue(all);
        const check = async (): Promise<void> => {
          for (const [k, want] of expected) {
            const [topic, q] = k.split('|') as [string, string];
            assert.deepEqual(await readAll(store, topic, Number(q)), want);
            assert.deepEqual(store.queueRange(topic, Number(q)), { min: 0, max: want.length });
          }
          for (const [i, r] of results.flat().entries()) {
            const byOffset = await store.getByCommitLogOffset(r.commitLogOffset);
            assert.deepEqual(byOffset && appendedView(byOffset), appendedView(all[i]!));
          }
        };
        await check();
        await store.close();
        store = await MessageStore.open({ dir, segmentBytes: 4096, flushIntervalMs: HOUR });
        await check();
        await store.close();
      } finally {
        await removeDir(dir);
      }
    }),
    { numRuns: 25 },
  );
});

test('append results: dense queue offsets, increasing log offsets and store times, segments roll over', async () => {
  const dir = await tempDir();
  try {
    const store = await MessageStore.open({ dir, segmentBytes: 4096, flushIntervalMs: HOUR });
    const body = Buffer.alloc(500, 7);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store.append([record('t', i % 2, body)])));
    const flat = results.flat();
    for (let i = 1; i < flat.length; i++) {
      assert.ok(flat[i]!.commitLogOffset > flat[i - 1]!.commitLogOffset);
      assert.ok(flat[i]!.storeTimestamp >= flat[i - 1]!.storeTimestamp);
    }
    assert.deepEqual(flat.filter((_, i) => i % 2 === 0).map((r) => r.queueOffset), Array.from({ length: 20 }, (_, i) => i));
    assert.ok(store.stats().segments >= 5, `40 × ~560 bytes in 4 KiB segments, got ${store.stats().segments}`);
    const names = await fs.readdir(`${dir}/commitlog`);
    assert.ok(names.filter((n) => n.endsWith('.log')).length >= 5);
    for (const n of names.filter((x) => x.endsWith('.log'))) assert.ok((await fs.stat(`${dir}/commitlog/${n}`)).size <= 4096);
    assert.equal((await store.read('t', 0, 0, 100)).length, 20);
    await assert.rejects(store.append([record('t', 0, Buffer.alloc(5000))]), MessageTooLargeError);
    await store.close();
    await assert.rejects(store.append([record('t', 0, 'x')]), StoreClosedError);
  } finally {
    await removeDir(dir);
  }
});

test('reads: from below min, maxCount, maxBytes, tag filter with continuation, one buffer per run', async () => {
  const dir = await tempDir();
  try {
    const store = await MessageStore.open({ dir, flushIntervalMs: HOUR });
    const recs = Array.from({ length: 30 }, (_, i) => record('t', 0, `m${i}`, { tag: i % 3 === 0 ? 'A' : i % 3 === 1 ? 'B' : undefined }));
    await store.append(recs);
    const five = await store.read('t', 0, 0, 5);
    assert.deepEqual(five.map((m) => m.body.toString()), ['m0', 'm1', 'm2', 'm3', 'm4']);
    assert.equal(five[0]!.body.buffer, five[4]!.body.buffer, 'neighbouring records come from one read buffer');
    const size = five[0]!.storeSize;
    assert.equal((await store.read('t', 0, 0, 30, { maxBytes: size * 3 })).length, 3);
    assert.equal((await store.read('t', 0, 0, 30, { maxBytes: 1 })).length, 1, 'always at least one');
    assert.deepEqual((await store.read('t', 0, 28, 10)).map((m) => m.queueOffset), [28, 29]);
    assert.deepEqual(await store.read('t', 0, 30, 10), []);
    assert.deepEqual(await store.read('nope', 0, 0, 10), []);
    const onlyA = await store.read('t', 0, 0, 100, { tagFilter: (t) => t === 'A' });
    assert.deepEqual(onlyA.map((m) => m.body.toString()), recs.filter((r) => r.tag === 'A').map((r) => r.body.toString()));
    const untagged = await store.read('t', 0, 0, 100, { tagFilter: (t) => t === undefined });
    assert.equal(untagged.length, 10);
    const batch = await store.readBatch('t', 0, 0, 2, { tagFilter: (t) => t === 'B' });
    assert.deepEqual(batch.messages.map((m) => m.queueOffset), [1, 4]);
    assert.equal(batch.nextOffset, 7, 'continues at the first match not returned');
    const none = await store.readBatch('t', 0, 0, 5, { tagFilter: () => false, maxScan: 10 });
    assert.deepEqual(none, { messages: [], nextOffset: 10 });
    await store.close();
  } finally {
    await removeDir(dir);
  }
});

test('lookups by message id, by key and time range, and offset by time', async () => {
  let t = 1_000_000;
  const now = (): number => t;
  const dir = await tempDir();
  try {
    let store = await MessageStore.open({ dir, segmentBytes: 4096, flushIntervalMs: HOUR, now });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      t += 10;
      const r = record('orders', i % 4, Buffer.alloc(100, i), { keys: [`order-${i % 7}`, 'all'] });
      ids.push(r.messageId);
      await store.append([r]);
    }
    await store.append([record('other', 0, 'x', { keys: ['order-1'] })]);
    assert.ok(store.stats().segments > 2, 'lookups span sealed (side file) and active (memory) segments');
    const check = async (): Promise<void> => {
      for (const [i, id] of ids.entries()) {
        const m = await store.getByMessageId(id);
        assert.equal(m?.messageId, id);
        assert.equal(m?.body[0], i);
      }
      assert.equal(await store.getByMessageId('F'.repeat(32)), undefined);
      const k1 = await store.queryByKey('orders', 'order-1');
      assert.deepEqual(k1.map((m) => m.body[0]), [57, 50, 43, 36, 29, 22, 15, 8, 1], 'newest first, other topics excluded');
      assert.equal((await store.queryByKey('orders', 'all', { max: 5 })).length, 5);
      const ranged = await store.queryByKey('orders', 'all', { beginMs: 1_000_100, endMs: 1_000_200 });
      assert.deepEqual(ranged.map((m) => m.storeTimestamp), Array.from({ length: 11 }, (_, i) => 1_000_200 - i * 10));
      // queue 0 holds i = 0, 4, 8, ... stored at 1_000_010 + 10 i
      assert.equal(store.searchOffsetByTime('orders', 0, 0), 0);
      assert.equal(store.searchOffsetByTime('orders', 0, 1_000_050), 1); // i=4 at 1_000_050
      assert.equal(store.searchOffsetByTime('orders', 0, 1_000_051), 2);
      assert.equal(store.searchOffsetByTime('orders', 0, 9_999_999), 15);
      assert.equal(store.searchOffsetByTime('missing', 0, 0), 0);
    };
    await check();
    await store.close();
    await fs.rm(`${dir}/commitlog/00000000000000000000.idx`); // a lost side file is rebuilt from the log
    store = await MessageStore.open({ dir, segmentBytes: 4096, flushIntervalMs: HOUR, now });
    await check();
    await store.close();
  } finally {
    await removeDir(dir);
  }
});

test('consumer offsets persist on flush and close, and are recovered after a crash', async () => {
  const dir = await tempDir();
  const img = await tempDir();
  try {
    const store = await MessageStore.open({ dir, flushIntervalMs: HOUR });
    await store.append([record('t', 0, 'a'), record('t', 0, 'b'), record('t', 1, 'c')]);
    store.commitOffset('g1', 't', 0, 2);
    store.commitOffset('g2', 't', 1, 1);
    assert.equal(store.getOffset('g1', 't', 0), 2);
    assert.equal(store.getOffset('g1', 't', 9), undefined);
    await store.flush();
    store.commitOffset('g1', 't', 0, 1); // after the last flush: lost in a crash, kept by a clean close
    await crashImage(dir, img);
    await store.close();
    const crashed = await MessageStore.open({ dir: img, flushIntervalMs: HOUR });
    assert.equal(crashed.getOffset('g1', 't', 0), 2);
    assert.equal(crashed.getOffset('g2', 't', 1), 1);
    await crashed.close();
    const reopened = await MessageStore.open({ dir, flushIntervalMs: HOUR });
    assert.equal(reopened.getOffset('g1', 't', 0), 1);
    await reopened.close();
  } finally {
    await removeDir(dir);
    await removeDir(img);
  }
});

test('offsets are persisted by the flush interval without any explicit flush', async () => {
  const dir = await tempDir();
  const img = await tempDir();
  try {
    const store = await MessageStore.open({ dir, flushIntervalMs: 20, flushPolicy: 'SYNC_FLUSH' });
    await store.append([record('t', 0, 'a')]);
    store.commitOffset('g', 't', 0, 1);
    for (let i = 0; i < 200 && !(await fs.readFile(`${dir}/offsets.json`, 'utf8').catch(() => '')).includes('"g"'); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await crashImage(dir, img);
    await store.close();
    const crashed = await MessageStore.open({ dir: img, flushIntervalMs: HOUR });
    assert.equal(crashed.getOffset('g', 't', 0), 1);
    await crashed.close();
  } finally {
    await removeDir(dir);
    await removeDir(img);
  }
});

test('deleteTopic drops queues and offsets, stays deleted after a crash, and the topic can be reused', async () => {
  const dir = await tempDir();
  const img = await tempDir();
  try {
    const store = await MessageStore.open({ dir, flushIntervalMs: HOUR });
    await store.append([record('gone', 0, 'a'), record('gone', 1, 'b'), record('kept', 0, 'c')]);
    store.commitOffset('g', 'gone', 0, 1);
    await store.deleteTopic('gone');
    assert.deepEqual(store.queues('gone'), []);
    assert.deepEqual(store.queueRange('gone', 0), { min: 0, max: 0 });
    assert.equal(store.getOffset('g', 'gone', 0), undefined);
    assert.equal(store.stats().topics, 1);
    await crashImage(dir, img);
    await store.append([record('gone', 0, 'new')]);
    assert.deepEqual((await store.read('gone', 0, 0, 10)).map((m) => [m.queueOffset, m.body.toString()]), [[0, 'new']]);
    await store.close();
    const crashed = await MessageStore.open({ dir: img, flushIntervalMs: HOUR });
    assert.deepEqual(crashed.queues('gone'), []);
    assert.deepEqual(crashed.queues('kept'), [0]);
    await crashed.close();
  } finally {
    await removeDir(dir);
    await removeDir(img);
  }
});

test('damage after a clean close: cut at open in the active segment, a typed error on read in a sealed one', async () => {
  const dir = await tempDir();
  try {
    const store = await MessageStore.open({ dir, segmentBytes: 4096 });
    const results = [];
    for (let i = 0; i < 12; i++) results.push(...(await store.append([record('t', 0, Buffer.alloc(600, i))])));
    await store.close();
    const segs = (await fs.readdir(`${dir}/commitlog`)).filter((n) => n.endsWith('.log')).sort();
    assert.ok(segs.length >= 3);
    const flip = async (name: string, at: number): Promise<void> => {
      const bytes = await fs.readFile(`${dir}/commitlog/${name}`);
      bytes[at] = bytes[at]! ^ 0xff;
      await fs.writeFile(`${dir}/commitlog/${name}`, bytes);
    };
    await flip(segs[0]!, 32 + 100); // inside the first record of the first (sealed) segment
    const lastBase = Number(segs[segs.length - 1]!.slice(0, 20));
    const inLast = results.filter((r) => r.commitLogOffset >= lastBase);
    await flip(segs[segs.length - 1]!, 32 + (inLast[inLast.length - 1]!.commitLogOffset - lastBase) + 70);
    const damaged = await MessageStore.open({ dir, segmentBytes: 4096 });
    assert.deepEqual(damaged.queueRange('t', 0), { min: 0, max: 11 }, 'the damaged last record is cut at open');
    await assert.rejects(damaged.read('t', 0, 0, 1), StoreCorruptError);
    assert.equal((await damaged.read('t', 0, 1, 100)).length, 10);
    await damaged.close();
  } finally {
    await removeDir(dir);
  }
});

test('a store of a newer format version is refused with a typed error', async () => {
  const dir = await tempDir();
  try {
    const store = await MessageStore.open({ dir });
    await store.append([record('t', 0, 'payload')]);
    await store.close();
    await fs.writeFile(`${dir}/STORE`, JSON.stringify({ magic: 'hangar-message-store', formatVersion: 99 }));
    await assert.rejects(MessageStore.open({ dir }), StoreVersionError);
    await fs.writeFile(`${dir}/STORE`, JSON.stringify({ magic: 'hangar-message-store', formatVersion: 1 }));
    const seg = `${dir}/commitlog/00000000000000000000.log`;
    const bytes = await fs.readFile(seg);
    bytes.writeUInt16LE(7, 4); // segment format version 7
    await fs.writeFile(seg, bytes);
    await assert.rejects(MessageStore.open({ dir }), StoreVersionError);
    await fs.writeFile(`${dir}/STORE`, 'not json');
    await assert.rejects(MessageStore.open({ dir }), StoreCorruptError);
  } finally {
    await removeDir(dir);
  }
});

test('an append made at any moment of the writer finishing is never left waiting', async () => {
  const dir = await tempDir();
  try {
    const store = await MessageStore.open({ dir, flushIntervalMs: HOUR });
    // Vary how many microtask turns pass between one append finishing and the next starting, so that some land
    // between the writer's last look at its queue and its exit.
    for (let i = 0; i < 300; i++) {
      await Promise.all([store.append([record('t', 0, 'a')]), store.append([record('t', 1, 'b')])]);
      for (let k = 0; k < i % 12; k++) await Promise.resolve();
      await store.append([record('t', 2, 'c')]);
    }
    assert.deepEqual(store.queueRange('t', 2), { min: 0, max: 300 });
    await store.close();
  } finally {
    await removeDir(dir);
  }
});

test('one open store per directory: refused while in use, taken over from a dead owner', async () => {
  const dir = await tempDir();
  try {
    const store = await MessageStore.open({ dir });
    await assert.rejects(MessageStore.open({ dir }), StoreLockedError);
    await store.close();
    await fs.writeFile(`${dir}/LOCK`, `${process.ppid}\n`); // a live process that is not us
    await assert.rejects(MessageStore.open({ dir }), (e: unknown) => e instanceof StoreLockedError && e.code === 'STORE_LOCKED');
    await fs.writeFile(`${dir}/LOCK`, '2147483646\n'); // no such process
    const again = await MessageStore.open({ dir });
    await again.close();
    await assert.rejects(fs.stat(`${dir}/LOCK`), /ENOENT/, 'a clean close releases the lock');
    // A failed open releases it too.
    await fs.writeFile(`${dir}/STORE`, JSON.stringify({ magic: 'hangar-message-store', formatVersion: 99 }));
    await assert.rejects(MessageStore.open({ dir }), StoreVersionError);
    await assert.rejects(fs.stat(`${dir}/LOCK`), /ENOENT/);
  } finally {
    await removeDir(dir);
  }
});

test('a topic or group named __proto__ is stored, deleted and recovered like any other', async () => {
  const dir = await tempDir();
  const img = await tempDir();
  try {
    const store = await MessageStore.open({ dir, flushIntervalMs: HOUR });
    await store.append([record('__proto__', 0, 'x'), record('t', 0, 'y')]);
    store.commitOffset('__proto__', '__proto__', 0, 1);
    store.commitOffset('g', 't', 0, 1);
    await store.flush();
    await store.close();
    let reopened = await MessageStore.open({ dir, flushIntervalMs: HOUR });
    assert.equal(reopened.getOffset('__proto__', '__proto__', 0), 1);
    assert.equal((await reopened.read('__proto__', 0, 0, 10))[0]?.body.toString(), 'x');
    await reopened.deleteTopic('__proto__');
    await crashImage(dir, img);
    await reopened.close();
    reopened = await MessageStore.open({ dir: img, flushIntervalMs: HOUR });
    assert.deepEqual(reopened.queues('__proto__'), [], 'the tombstone survives a crash');
    assert.equal(reopened.getOffset('g', 't', 0), 1);
    await reopened.close();
  } finally {
    await removeDir(dir);
    await removeDir(img);
  }
});
