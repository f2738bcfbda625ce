// Retention by time, deletion at the quota, refusal when even that cannot make room.
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { test } from 'node:test';
import { MessageStore, StoreFullError } from '../../../src/broker/storage/index.js';
import { record, removeDir, tempDir } from './helpers.js';

const HOUR = 3600_000;

async function until(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('segments whose newest record is older than the retention are deleted whole; the active one stays', async () => {
  let t = 1_000_000;
  const dir = await tempDir();
  try {
    const store = await MessageStore.open({ dir, segmentBytes: 4096, retentionMs: 10_000, flushIntervalMs: 20, now: () => t });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = record('t', 0, Buffer.alloc(400, i));
      ids.push(r.messageId);
      await store.append([r]);
    }
    const before = store.stats().segments;
    assert.ok(before >= 3);
    t += 5_000;
    await store.flush();
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(store.stats().segments, before, 'nothing expires before its time');
    t += 10_000;
    await until(() => store.stats().segments === 1, 'expired segments to go');
    const range = store.queueRange('t', 0);
    assert.ok(range.min > 0 && range.max === 30);
    const rest = await store.read('t', 0, 0, 100);
    assert.equal(rest[0]!.queueOffset, range.min, 'a read below min starts at min');
    assert.equal(rest.length, 30 - range.min);
    assert.equal(await store.getByMessageId(ids[0]!), undefined);
    assert.equal((await store.getByMessageId(ids[29]!))?.body[0], 29);
    const files = await fs.readdir(`${dir}/commitlog`);
    assert.deepEqual(files.filter((n) => n.endsWith('.log')).length, 1);
    assert.ok(!files.includes('00000000000000000000.idx'), 'index side files go with their segment');
    await store.close();
    const reopened = await MessageStore.open({ dir, segmentBytes: 4096, retentionMs: 10_000, now: () => t });
    assert.deepEqual(reopened.queueRange('t', 0), range);
    await reopened.close();
  } finally {
    await removeDir(dir);
  }
});

test('at the quota the oldest segments are deleted before they expire, never exceeding it', async () => {
  const dir = await tempDir();
  try {
    const quota = 16 * 1024;
    const store = await MessageStore.open({ dir, segmentBytes: 1 << 20, quotaBytes: quota, flushIntervalMs: HOUR });
    for (let i = 0; i < 100; i++) {
      await store.append([record('t', i % 2, Buffer.alloc(450, i))]);
      assert.ok(store.stats().logBytes <= quota, `log bytes ${store.stats().logBytes} within the quota`);
    }
    const r0 = store.queueRange('t', 0);
    assert.ok(r0.min > 0 && r0.max === 50, JSON.stringify(r0));
    const newest = await store.read('t', 1, 49, 1);
    assert.equal(newest[0]!.body[0], 99);
    await store.close();
    const reopened = await MessageStore.open({ dir, quotaBytes: quota, flushIntervalMs: HOUR });
    assert.deepEqual(reopened.queueRange('t', 0), r0);
    await reopened.close();
  } finally {
    await removeDir(dir);
  }
});

test('an append that cannot fit even after deleting every old segment is refused with StoreFullError, and nothing breaks', async () => {
  const dir = await tempDir();
  try {
    const quota = 16 * 1024;
    const store = await MessageStore.open({ dir, quotaBytes: quota, flushIntervalMs: HOUR });
    await store.append([record('t', 0, 'before')]);
    const big = Array.from({ length: 6 }, () => record('t', 0, Buffer.alloc(3000)));
    const err = await store.append(big).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof StoreFullError);
    assert.equal(err.code, 'STORE_FULL');
    // Concurrent calls in the same write: only the one that does not fit is refused.
    const [ok1, full, ok2] = await Promise.allSettled([store.append([record('t', 0, 'a')]), store.append(big), store.append([record('t', 0, 'b')])]);
    assert.equal(ok1.status, 'fulfilled');
    assert.equal(full.status, 'rejected');
    assert.equal(ok2.status, 'fulfilled');
    assert.deepEqual((await store.read('t', 0, 0, 10)).map((m) => m.body.toString()), ['before', 'a', 'b']);
    await store.close();
    const reopened = await MessageStore.open({ dir, quotaBytes: quota });
    assert.deepEqual(reopened.queueRange('t', 0), { min: 0, max: 3 });
    await reopened.close();
  } finally {
    await removeDir(dir);
  }
});

test('consume-queue files drop their expired head, so retention bounds them too', async () => {
  const dir = await tempDir();
  try {
    const quota = 32 * 1024;
    const open = (): Promise<MessageStore> => MessageStore.open({ dir, quotaBytes: quota, flushIntervalMs: HOUR, queueCompactMinEntries: 16 });
    let store = await open();
    const cqFile = `${dir}/consumequeue/t/0.cq`;
    for (let i = 0; i < 400; i++) await store.append([record('t', 0, Buffer.alloc(300, i % 256))]);
    await store.flush();
    const range = store.queueRange('t', 0);
    assert.ok(range.min > 300, JSON.stringify(range));
    const size = (await fs.stat(cqFile)).size;
    assert.ok(size < 32 + 200 * 32, `queue file holds about the live entries only: ${size} bytes`);
    const live = await store.read('t', 0, 0, 1000);
    assert.equal(live.length, 400 - range.min);
    assert.equal(live[0]!.queueOffset, range.min);
    assert.equal(live[live.length - 1]!.body[0], 399 % 256);
    for (let i = 400; i < 450; i++) await store.append([record('t', 0, Buffer.alloc(300, i % 256))]);
    assert.equal(store.searchOffsetByTime('t', 0, 0), store.queueRange('t', 0).min);
    const before = store.queueRange('t', 0);
    await store.close();
    store = await open();
    assert.deepEqual(store.queueRange('t', 0), before);
    assert.equal((await store.read('t', 0, before.min, 1))[0]!.queueOffset, before.min);
    await store.close();
  } finally {
    await removeDir(dir);
  }
});
