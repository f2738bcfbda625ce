// Crash recovery: a crash image of a live store (copied while it runs), then cut or corrupted at any point, must
// reopen with exactly the records before the damage, and queues, indexes and offsets consistent with them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { test } from 'node:test';
import fc from 'fast-check';
import { MessageStore, nodeFileLayer } from '../../../src/broker/storage/index.js';
import type { AppendRecord, AppendResult, FileLayer } from '../../../src/broker/storage/index.js';
import { recordSize } from '../../../src/broker/storage/record-codec.js';
import { appendedView, arbRecord, crashImage, record, removeDir, tempDir } from './helpers.js';

const HOUR = 3600_000;
const SEGMENT = 4096;

async function segmentBases(dir: string): Promise<number[]> {
  return (await fs.readdir(`${dir}/commitlog`)).filter((n) => n.endsWith('.log')).map((n) => Number(n.slice(0, 20))).sort((a, b) => a - b);
}

const small = arbRecord.map((r) => ({ ...r, body: r.body.subarray(0, 120) }));

test('a log cut or corrupted at any point recovers to exactly the records before the damage', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(small, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
      fc.option(fc.nat(), { nil: undefined }),
      fc.nat(),
      fc.boolean(),
      fc.integer({ min: 1, max: 255 }),
      async (calls, flushAfter, damageAt, cut, xor) => {
        const dir = await tempDir();
        const img = await tempDir();
        try {
          const store = await MessageStore.open({ dir, segmentBytes: SEGMENT, flushIntervalMs: HOUR });
          const written: { r: AppendRecord; res: AppendResult; size: number }[] = [];
          for (const [i, call] of calls.entries()) {
            const res = await store.append(call);
            call.forEach((r, j) => written.push({ r, res: res[j]!, size: recordSize(r) }));
            for (const r of call) store.commitOffset('g', r.topic, r.queueId, store.queueRange(r.topic, r.queueId).max);
            if (flushAfter !== undefined && flushAfter % calls.length === i) await store.flush();
          }
          await crashImage(dir, img);
          await store.close();

          const last = written[written.length - 1]!;
          const total = last.res.commitLogOffset + last.size;
          const at = damageAt % total;
          const bases = await segmentBases(img);
          const base = bases.filter((b) => b <= at).pop()!;
          const file = `${img}/commitlog/${String(base).padStart(20, '0')}.log`;
          if (cut) {
            await fs.truncate(file, 32 + at - base);
          } else {
            const bytes = await fs.readFile(file);
            bytes[32 + at - base] = bytes[32 + at - base]! ^ xor;
            await fs.writeFile(file, bytes);
          }

          const survivors = written.filter((w) => w.res.commitLogOffset + w.size <= at);
          const lost = written.slice(survivors.length);
          const recovered = await MessageStore.open({ dir: img, segmentBytes: SEGMENT, flushIntervalMs: HOUR });
          try {
            const queues = new Map<string, AppendRecord[]>();
            for (const w of written) queues.set(`${w.r.topic}\u0000${w.r.queueId}`, []);
            for (const w of survivors) queues.get(`${w.r.topic}\u0000${w.r.queueId}`)!.push(w.r);
            for (const [k, want] of queues) {
              const [topic, q] = k.split('\u0000') as [string, string];
              const queueId = Number(q);
              const range = recovered.queueRange(topic, queueId);
              assert.deepEqual(range, { min: 0, max: want.length }, `range of ${k}`);
              const got = want.length === 0 ? [] : await recovered.read(topic, queueId, 0, want.length + 5);
              assert.deepEqual(got.map(appendedView), want.map(appendedView));
              const off = recovered.getOffset('g', topic, queueId);
              assert.ok(off === undefined || off <= range.max, 'consumer offsets never point past the queue');
            }
            for (const w of survivors.slice(-3)) assert.equal((await recovered.getByMessageId(w.r.messageId))?.commitLogOffset, w.res.commitLogOffset);
            for (const w of lost.slice(0, 3)) assert.equal(await recovered.getByMessageId(w.r.messageId), undefined);
            // Appending continues exactly where the surviving records end.
            const probe = written[0]!.r;
            const [res] = await recovered.append([{ ...probe, messageId: 'probe' }]);
            assert.equal(res!.queueOffset, queues.get(`${probe.topic}\u0000${probe.queueId}`)!.length);
            const end = survivors.length === 0 ? 0 : survivors[survivors.length - 1]!.res.commitLogOffset + survivors[survivors.length - 1]!.size;
            assert.ok(res!.commitLogOffset === end || (await segmentBases(img)).includes(res!.commitLogOffset));
            assert.equal((await recovered.getByCommitLogOffset(res!.commitLogOffset))?.messageId, 'probe');
          } finally {
            await recovered.close();
          }
          const again = await MessageStore.open({ dir: img, segmentBytes: SEGMENT, flushIntervalMs: HOUR });
          assert.equal((await again.getByMessageId('probe'))?.messageId, 'probe');
          await again.close();
        } finally {
          await removeDir(dir);
          await removeDir(img);
        }
      },
    ),
    { numRuns: 30 },
  );
});

test('a crash image reopens with every record, rebuilding queues that lag behind the log', async () => {
  const dir = await tempDir();
  const img = await tempDir();
  try {
    const store = await MessageStore.open({ dir, segmentBytes: SEGMENT, flushIntervalMs: HOUR });
    const mk = (i: number): AppendRecord => ({ topic: `t${i % 3}`, queueId: i % 2, body: Buffer.from(`body-${i}`), messageId: `id-${i}`, bornTimestamp: i });
    await store.append(Array.from({ length: 50 }, (_, i) => mk(i)));
    await store.flush(); // queues on disk up to here
    await store.append(Array.from({ length: 50 }, (_, i) => mk(50 + i))); // these only in memory
    await crashImage(dir, img);
    await store.close();
    const cqBefore = (await fs.stat(`${img}/consumequeue/t0/0.cq`)).size;
    const recovered = await MessageStore.open({ dir: img, segmentBytes: SEGMENT, flushIntervalMs: HOUR });
    let total = 0;
    for (const t of ['t0', 't1', 't2']) {
      for (const q of recovered.queues(t)) {
        const msgs = await recovered.read(t, q, 0, 1000);
        total += msgs.length;
        assert.deepEqual(msgs.map((m) => m.queueOffset), msgs.map((_, i) => i));
      }
    }
    assert.equal(total, 100);
    await recovered.close();
    assert.ok((await fs.stat(`${img}/consumequeue/t0/0.cq`)).size > cqBefore, 'replayed entries are persisted');
  } finally {
    await removeDir(dir);
    await removeDir(img);
  }
});

test('queues rebuilt without any checkpoint after retention removed the log head start where the log does', async () => {
  const dir = await tempDir();
  const img = await tempDir();
  try {
    const quota = 16 * 1024;
    const store = await MessageStore.open({ dir, quotaBytes: quota, flushIntervalMs: HOUR });
    for (let i = 0; i < 120; i++) await store.append([{ topic: 't', queueId: 0, body: Buffer.alloc(400, i), messageId: `r-${i}`, bornTimestamp: i }]);
    const range = store.queueRange('t', 0);
    assert.ok(range.min > 0);
    await crashImage(dir, img);
    await store.close();
    await fs.rm(`${img}/checkpoint.json`); // as if the store crashed before it ever wrote one
    const recovered = await MessageStore.open({ dir: img, quotaBytes: quota, flushIntervalMs: HOUR });
    assert.deepEqual(recovered.queueRange('t', 0), range);
    const msgs = await recovered.read('t', 0, 0, 1000);
    assert.deepEqual(msgs.map((m) => m.queueOffset), Array.from({ length: 120 - range.min }, (_, i) => range.min + i));
    const [next] = await recovered.append([{ topic: 't', queueId: 0, body: Buffer.from('next'), messageId: 'next', bornTimestamp: 0 }]);
    assert.equal(next!.queueOffset, 120);
    await recovered.close();
  } finally {
    await removeDir(dir);
    await removeDir(img);
  }
});

test('a queue file whose write failed stays dirty: a later flush round writes it before its checkpoint trusts it', async () => {
  const dir = await tempDir();
  const image = await tempDir();
  try {
    let failQueueWrites = false;
    const paths = new Map<number, string>();
    const files: FileLayer = {
      ...nodeFileLayer,
      async open(path, flags) {
        const fd = await nodeFileLayer.open(path, flags);
        paths.set(fd, path);
        return fd;
      },
      async write(fd, buf, offset, length, position) {
        if (failQueueWrites && paths.get(fd)?.endsWith('.cq')) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        await nodeFileLayer.write(fd, buf, offset, length, position);
      },
    };
    const store = await MessageStore.open({ dir, files, flushIntervalMs: HOUR });
    for (let i = 0; i < 10; i++) await store.append([record('t', 0, `m${i}`)]);
    failQueueWrites = true;
    await assert.rejects(store.flush(), /EIO/);
    failQueueWrites = false;
    await store.flush(); // nothing new appended: only the failed queue makes this round's work
    await crashImage(dir, image);
    await store.close();

    const recovered = await MessageStore.open({ dir: image, flushIntervalMs: HOUR });
    try {
      const msgs = await recovered.read('t', 0, 0, 100);
      assert.deepEqual(msgs.map((m) => m.body.toString()), Array.from({ length: 10 }, (_, i) => `m${i}`));
    } finally {
      await recovered.close();
    }
  } finally {
    await removeDir(dir);
    await removeDir(image);
  }
});
