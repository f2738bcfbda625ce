// A writer process SIGKILLed mid-write: the store reopens with every acknowledged message, dense queues and the
// consumer offsets that were flushed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MessageStore } from '../../../src/broker/storage/index.js';
import type { FlushPolicy } from '../../../src/broker/storage/index.js';
import { removeDir, tempDir } from './helpers.js';

const here = fileURLToPath(import.meta.url);
const fixture = path.join(path.dirname(here), 'fixtures', `crash-writer${path.extname(here)}`);

interface ChildLog {
  acked: Map<string, { queueId: number; queueOffset: number }>;
  offsets: Map<number, number>;
}

function runAndKill(dir: string, policy: FlushPolicy, killAfterAcks: number): Promise<ChildLog> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir, policy], { stdio: ['ignore', 'pipe', 'pipe'] });
    const log: ChildLog = { acked: new Map(), offsets: new Map() };
    let buffered = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const msg = JSON.parse(line) as { ack?: [string, number][]; offset?: number; queueId: number };
        if (msg.ack) for (const [id, queueOffset] of msg.ack) log.acked.set(id, { queueId: msg.queueId, queueOffset });
        if (msg.offset !== undefined) log.offsets.set(msg.queueId, Math.max(log.offsets.get(msg.queueId) ?? 0, msg.offset));
      }
      if (!killed && log.acked.size >= killAfterAcks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(log);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

for (const policy of ['SYNC_FLUSH', 'ASYNC_FLUSH'] as const) {
  test(`${policy}: after SIGKILL mid-write every acknowledged message is there, queues dense, flushed offsets kept`, async () => {
    const dir = await tempDir();
    try {
      const first = await runAndKill(dir, policy, 600);
      // A second life on the recovered store, killed again, exercises recovery on top of recovery.
      const second = await runAndKill(dir, policy, 400);
      const acked = new Map([...first.acked, ...second.acked]);
      const store = await MessageStore.open({ dir, segmentBytes: 64 * 1024 });
      try {
        assert.ok(store.stats().segments > 1);
        for (const queueId of [0, 1, 2, 3]) {
          const range = store.queueRange('crash', queueId);
          const msgs = [];
          for (let next = range.min; next < range.max; ) {
            const batch = await store.read('crash', queueId, next, 256);
            assert.ok(batch.length > 0, `queue ${queueId} readable at ${next}`);
            for (const m of batch) assert.equal(m.queueOffset, next++);
            msgs.push(...batch);
          }
          const byId = new Map(msgs.map((m) => [m.messageId, m]));
          for (const [id, a] of acked) {
            if (a.queueId !== queueId) continue;
            const m = byId.get(id);
            assert.ok(m, `acknowledged ${id} survived`);
            assert.equal(m.queueOffset, a.queueOffset);
            assert.equal(m.body.length, 300 + (Number(id.split('-')[2]) % 200));
          }
          const offset = store.getOffset('g', 'crash', queueId);
          const flushed = Math.max(first.offsets.get(queueId) ?? 0, second.offsets.get(queueId) ?? 0);
          if (flushed > 0) assert.ok(offset !== undefined && offset >= flushed, `offset of queue ${queueId}: ${offset} >= ${flushed}`);
        }
        const someId = [...acked.keys()][Math.floor(acked.size / 2)]!;
        assert.equal((await store.getByMessageId(someId))?.messageId, someId);
      } finally {
        await store.close();
      }
    } finally {
      await removeDir(dir);
    }
  });
}
