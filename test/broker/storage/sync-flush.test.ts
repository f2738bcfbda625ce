// SYNC_FLUSH: no acknowledgement before the fsync that covers it, and concurrent appends share fsyncs (group commit).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageStore, nodeFileLayer } from '../../../src/broker/storage/index.js';
import type { AppendResult, FileLayer } from '../../../src/broker/storage/index.js';
import { recordSize } from '../../../src/broker/storage/record-codec.js';
import { record, removeDir, tempDir } from './helpers.js';

type Event =
  | { kind: 'write'; seq: number; path: string; pos: number; len: number }
  | { kind: 'fsync-start' | 'fsync-end'; seq: number; path: string }
  | { kind: 'ack'; seq: number; result: AppendResult; size: number };

/** The real file layer, recording the order of completed writes, fsyncs and (from the test) acknowledgements. */
function recordingLayer(events: Event[], failFsync?: () => boolean): FileLayer {
  const paths = new Map<number, string>();
  let seq = 0;
  const next = (): number => ++seq;
  return {
    ...nodeFileLayer,
    async open(path, flags) {
      const fd = await nodeFileLayer.open(path, flags);
      paths.set(fd, path);
      return fd;
    },
    async write(fd, buf, offset, length, position) {
      await nodeFileLayer.write(fd, buf, offset, length, position);
      events.push({ kind: 'write', seq: next(), path: paths.get(fd)!, pos: position, len: length });
    },
    async fsync(fd) {
      const path = paths.get(fd)!;
      events.push({ kind: 'fsync-start', seq: next(), path });
      if (failFsync?.() && path.endsWith('.log')) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
      await nodeFileLayer.fsync(fd);
      events.push({ kind: 'fsync-end', seq: next(), path });
    },
  };
}

test('SYNC_FLUSH: every acknowledgement follows an fsync that started after its bytes were written; appends share fsyncs', async () => {
  const dir = await tempDir();
  const events: Event[] = [];
  const files = recordingLayer(events);
  try {
    const store = await MessageStore.open({ dir, files, flushPolicy: 'SYNC_FLUSH', segmentBytes: 64 * 1024, flushIntervalMs: 3600_000 });
    const before = events.length;
    const appenders = 64;
    const perAppender = 10;
    await Promise.all(
      Array.from({ length: appenders }, async (_, a) => {
        for (let i = 0; i < perAppender; i++) {
          const r = record('t', a % 8, Buffer.alloc(200, a));
          const [res] = await store.append([r]);
          events.push({ kind: 'ack', seq: events.length + 1_000_000, result: res!, size: recordSize(r) });
        }
      }),
    );
    const run = events.slice(before);
    const acks = run.filter((e): e is Extract<Event, { kind: 'ack' }> => e.kind === 'ack');
    assert.equal(acks.length, appenders * perAppender);
    const logFsyncs = run.filter((e) => e.kind === 'fsync-end' && e.path.endsWith('.log')).length;
    assert.ok(logFsyncs > 0);
    assert.ok(logFsyncs <= acks.length / 8, `group commit: ${logFsyncs} fsyncs for ${acks.length} acknowledgements`);
    assert.ok(run.filter((e) => e.kind === 'write' && e.path.endsWith('.log')).length < acks.length / 4, 'appends coalesce into shared writes');

    // The proof, by position in the event order (acks are pushed when the promise resolves).
    for (const ack of acks) {
      const ackIndex = run.indexOf(ack);
      const segs = events
        .filter((e): e is Extract<Event, { kind: 'write' }> => e.kind === 'write' && /\d{20}\.log$/.test(e.path) && e.pos === 0)
        .map((e) => Number(e.path.slice(-24, -4)))
        .filter((b) => b <= ack.result.commitLogOffset);
      const base = Math.max(...segs);
      const path = `${dir}/commitlog/${String(base).padStart(20, '0')}.log`;
      const pos = 32 + ack.result.commitLogOffset - base;
      const writeIndex = run.findIndex((e) => e.kind === 'write' && e.path === path && e.pos <= pos && pos + ack.size <= e.pos + e.len);
      assert.ok(writeIndex >= 0 && writeIndex < ackIndex, 'the record was written before its acknowledgement');
      const covered = run.some((e, i) => {
        if (e.kind !== 'fsync-end' || e.path !== path || i > ackIndex) return false;
        const start = run.slice(0, i).findLastIndex((s) => s.kind === 'fsync-start' && s.path === path);
        return start > writeIndex;
      });
      assert.ok(covered, `ack of ${ack.result.commitLogOffset} has a covering fsync before it`);
    }
    await store.close();
  } finally {
    await removeDir(dir);
  }
});

test('ASYNC_FLUSH acknowledges without waiting for fsync; SYNC_FLUSH refuses the append when fsync fails', async () => {
  const dir = await tempDir();
  const dir2 = await tempDir();
  try {
    const events: Event[] = [];
    const store = await MessageStore.open({ dir, files: recordingLayer(events), flushIntervalMs: 3600_000 });
    const before = events.length;
    await Promise.all(Array.from({ length: 20 }, () => store.append([record('t', 0, 'x')])));
    assert.equal(events.slice(before).filter((e) => e.kind === 'fsync-start').length, 0);
    await store.close();

    let fail = false;
    const failing = await MessageStore.open({ dir: dir2, files: recordingLayer([], () => fail), flushPolicy: 'SYNC_FLUSH', flushIntervalMs: 3600_000 });
    await failing.append([record('t', 0, 'ok')]);
    fail = true;
    await assert.rejects(failing.append([record('t', 0, 'not durable')]), /EIO/);
    fail = false;
    const [res] = await failing.append([record('t', 0, 'later')]);
    assert.equal(res!.queueOffset, 2, 'the failed record is in the log but was never acknowledged as durable');
    await failing.close();
  } finally {
    await removeDir(dir);
    await removeDir(dir2);
  }
});

test('a failed write refuses the appends not yet acknowledged; the store continues from the last good record', async () => {
  const dir = await tempDir();
  try {
    let failWrites = false;
    const files: FileLayer = {
      ...nodeFileLayer,
      async write(fd, buf, offset, length, position) {
        if (failWrites && length > 100) throw Object.assign(new Error('EIO: injected write failure'), { code: 'EIO' });
        await nodeFileLayer.write(fd, buf, offset, length, position);
      },
    };
    const store = await MessageStore.open({ dir, files, flushIntervalMs: 3600_000 });
    await store.append([record('t', 0, Buffer.alloc(200, 1)), record('t', 1, Buffer.alloc(200, 2))]);
    failWrites = true;
    const failed = await Promise.allSettled([store.append([record('t', 0, Buffer.alloc(200, 3))]), store.append([record('t', 1, Buffer.alloc(200, 4))])]);
    assert.deepEqual(failed.map((r) => r.status), ['rejected', 'rejected']);
    failWrites = false;
    const [a, b] = await store.append([record('t', 0, Buffer.alloc(200, 5)), record('t', 1, Buffer.alloc(200, 6))]);
    assert.deepEqual([a!.queueOffset, b!.queueOffset], [1, 1], 'queue offsets of refused records are handed out again');
    const check = async (s: MessageStore): Promise<void> => {
      assert.deepEqual((await s.read('t', 0, 0, 10)).map((m) => m.body[0]), [1, 5]);
      assert.deepEqual((await s.read('t', 1, 0, 10)).map((m) => m.body[0]), [2, 6]);
    };
    await check(store);
    await store.close();
    const reopened = await MessageStore.open({ dir, flushIntervalMs: 3600_000 });
    await check(reopened);
    await reopened.close();
  } finally {
    await removeDir(dir);
  }
});

test('ASYNC_FLUSH starts a log fsync once 16 MiB are written but not durable, without waiting for the interval', async () => {
  const dir = await tempDir();
  try {
    const events: Event[] = [];
    const store = await MessageStore.open({ dir, files: recordingLayer(events), flushIntervalMs: 3600_000 });
    const before = events.length;
    const body = Buffer.alloc(1024 * 1024, 7);
    for (let i = 0; i < 8; i++) await store.append([record('t', 0, body)]);
    assert.equal(events.slice(before).filter((e) => e.kind === 'fsync-start').length, 0, 'nothing to do below the threshold');
    for (let i = 0; i < 10; i++) await store.append([record('t', 0, body)]);
    for (let waited = 0; store.stats().flushedOffset < 16 * 1024 * 1024 && waited < 10_000; waited += 10) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(store.stats().flushedOffset >= 16 * 1024 * 1024, `flushed up to ${store.stats().flushedOffset}`);
    assert.ok(events.slice(before).some((e) => e.kind === 'fsync-end' && e.path.endsWith('.log')));
    await store.close();
  } finally {
    await removeDir(dir);
  }
});
