// A broker data directory written by the engine before both protocols shared it (fixtures/legacy-datadir: 5.x
// sends, a 4.x producer's direct append, 5.x acks, 4.x committed offsets and a retry copy with the old due
// property) opens with its messages, offsets and retries intact.
import { SYSTEM } from '../../../src/broker/engine/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../../../src/broker/engine/index.js';

// dist/test/broker/engine → the fixture in the source tree.
const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/broker/engine/fixtures/legacy-datadir');
const q = (queueId: number) => ({ brokerName: 'broker-a', queueId });

test('a data directory from before the one-engine change keeps its messages, offsets and retries', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hangar-legacy-'));
  await fs.cp(FIXTURE, dir, { recursive: true });
  const engine = await Engine.open({ dataDir: dir, brokerNames: ['broker-a'], tunables: { longPollMs: 0 } });
  try {
    assert.deepEqual(engine.metadata().topics.map((t) => t.name), ['orders']);
    assert.deepEqual(engine.metadata().groups.map((g) => g.name).sort(), ['g4', 'g5']);

    // Messages by id, and the 4.x direct append with its flag and producer group.
    assert.equal((await engine.messageById('LEGACY00000000000000000000000000', SYSTEM))?.body.toString(), 'm0');
    const direct = await engine.messageById('LEGACY00000000000000000000000100', SYSTEM);
    assert.equal(direct?.body.toString(), 'direct');
    assert.equal(direct?.flag, 7);
    assert.equal(direct?.properties.PGROUP, 'PG');

    // The 5.x group continues after its acks: queue 0 had m1 and m3 acked; everything else is still to come.
    assert.equal(engine.consumerOffset('g5', 'orders', q(0), SYSTEM), 2);
    const got = await engine.receive({ group: 'g5', topic: 'orders', batchSize: 32, invisibleMs: 30_000, autoRenew: false, longPollMs: 0, clientId: 'c' }, SYSTEM);
    assert.deepEqual(got.map((d) => d.message.body.toString()).sort(), ['direct', 'later', 'm0', 'm2', 'm4', 'm5']);

    // The 4.x group's committed offsets, and a pull from them.
    assert.equal(engine.consumerOffset('g4', 'orders', q(0), SYSTEM), 2);
    assert.equal(engine.consumerOffset('g4', 'orders', q(1), SYSTEM), 1);
    const pulled = await engine.pull({ group: 'g4', topic: 'orders', queue: q(1), offset: 1, maxCount: 32, maxBytes: 1 << 20 }, SYSTEM);
    assert.deepEqual(pulled.messages.map((m) => m.body.toString()), ['m2', 'm4', 'direct', 'later']);

    // The retry copy written with the old due property is delivered to 4.x pulls and 5.x receives of the group.
    const retry = await engine.pull({ group: 'g4', topic: '%RETRY%g4', queue: q(0), offset: 0, maxCount: 32, maxBytes: 1 << 20 }, SYSTEM);
    assert.deepEqual(retry.messages.map((m) => m.body.toString()), ['again']);
    const [again] = await engine.receive({ group: 'g4', topic: 'orders', batchSize: 32, invisibleMs: 30_000, autoRenew: false, longPollMs: 0, clientId: 'c' }, SYSTEM).then((ds) =>
      ds.filter((d) => d.message.body.toString() === 'again'));
    assert.equal(again?.topic, 'orders');
    assert.equal(again?.deliveryAttempt, 2);
  } finally {
    await engine.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
