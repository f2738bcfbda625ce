// The commit log's fsync round against retention detaching the oldest segment in the middle of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommitLog } from '../../../src/broker/storage/commit-log.js';
import { nodeFileLayer } from '../../../src/broker/storage/index.js';
import type { FileLayer } from '../../../src/broker/storage/index.js';
import { removeDir, tempDir } from './helpers.js';

test('an fsync round fsyncs every dirty segment even when the oldest is detached meanwhile, and closes it after', async () => {
  const dir = await tempDir();
  try {
    const events: string[] = [];
    let gate: (() => void) | undefined;
    const names = new Map<number, string>();
    const files: FileLayer = {
      ...nodeFileLayer,
      async open(path, flags) {
        const fd = await nodeFileLayer.open(path, flags);
        names.set(fd, path.slice(path.lastIndexOf('/') + 1));
        return fd;
      },
      async fsync(fd) {
        const name = names.get(fd) ?? String(fd);
        if (name.endsWith('.log') && gate === undefined && events.length === 0) await new Promise<void>((r) => (gate = r));
        await nodeFileLayer.fsync(fd);
        events.push(`fsync ${name}`);
      },
      async close(fd) {
        events.push(`close ${names.get(fd) ?? String(fd)}`);
        await nodeFileLayer.close(fd);
      },
    };
    const log = await CommitLog.open(files, dir, 4096);
    await log.recover(0, () => undefined, () => 1);
    const record = Buffer.alloc(100, 1);
    for (let i = 0; i < 3; i++) {
      const seg = log.active!;
      await log.writeAt(seg, record, record.length, seg.length);
      log.advance(seg, record.length, 1);
      if (i < 2) await log.roll(1);
    }
    const [a, b, c] = log.segments.map((s) => s.path.slice(s.path.lastIndexOf('/') + 1));
    events.length = 0;
    const round = log.fsync();
    while (gate === undefined) await new Promise((r) => setImmediate(r));
    const detached = log.detachOldest()!; // retention, while the round waits on the first segment's fsync
    await log.dispose(detached);
    gate();
    assert.equal(await round, log.endOffset);
    assert.ok(events.includes(`fsync ${b}`) && events.includes(`fsync ${c}`), `every live dirty segment fsynced: ${events.join(', ')}`);
    assert.ok(events.indexOf(`fsync ${a}`) < events.indexOf(`close ${a}`), `the detached segment closes after its fsync: ${events.join(', ')}`);
    await log.close();
  } finally {
    await removeDir(dir);
  }
});
