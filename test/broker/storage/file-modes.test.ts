// A broker's data on disk is tenant data: every file the engine and its store write is 0600, every directory 0700.
import { SYSTEM } from '../../../src/broker/engine/index.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../../src/broker/engine/index.js';

/** [path, mode] of everything under `root`, the root included. */
const modes = (root: string): [string, number][] => [
  [root, fs.statSync(root).mode & 0o777],
  ...(fs.readdirSync(root, { recursive: true }) as string[]).map((p): [string, number] => [p, fs.statSync(path.join(root, p)).mode & 0o777]),
];

test('the engine and its store create 0600 files and 0700 directories', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-modes-'));
  const dataDir = path.join(tmp, 'broker');
  try {
    const engine = await Engine.open({ dataDir, brokerNames: ['broker-a'], store: { segmentBytes: 1 << 20, flushIntervalMs: 50 } });
    await engine.upsertTopic({ name: 'orders', messageType: 'NORMAL', queueNum: 2, brokers: ['broker-a'], perm: 'all' });
    await engine.upsertGroup({ name: 'g1', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true });
    await engine.send([{ topic: 'orders', body: Buffer.from('tenant data'), messageId: 'M'.padEnd(32, '0'), messageType: 'NORMAL', bornTimestamp: Date.now(), keys: ['k1'] }], SYSTEM);
    await engine.close();
    const all = modes(dataDir);
    assert.ok(all.some(([p]) => p.includes('commitlog')), JSON.stringify(all));
    for (const [p, mode] of all) {
      const dir = fs.statSync(path.isAbsolute(p) ? p : path.join(dataDir, p)).isDirectory();
      assert.equal(mode.toString(8), dir ? '700' : '600', p);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
