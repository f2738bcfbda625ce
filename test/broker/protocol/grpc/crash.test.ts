import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { quietLogger } from './harness.js';

// Runs from the sources (tsx) or compiled (dist/test): the fixture is the sibling .ts or .js accordingly.
const HERE = fileURLToPath(import.meta.url);
const FROM_SOURCE = HERE.endsWith('.ts');
const FIXTURE = path.join(path.dirname(HERE), 'fixtures', FROM_SOURCE ? 'broker-process.ts' : 'broker-process.js');
const META = {
  topics: [{ name: 'durable', messageType: 'NORMAL', queueNum: 2, brokers: ['broker-a', 'broker-b'], perm: 'all' }],
  groups: [
    { name: 'g-before', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true },
    { name: 'g-after', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true },
  ],
};

const startProcess = (dataDir: string): Promise<{ child: ChildProcess; endpoint: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(FROM_SOURCE ? ['--import', 'tsx'] : []), FIXTURE, dataDir, JSON.stringify(META)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, endpoint: `127.0.0.1:${m[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`broker process exited early (${code})`)));
  });

const kill9 = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const drain = async (c: SimpleConsumer, into: Set<string>, ack = true): Promise<void> => {
  for (let empty = 0; empty < 3; ) {
    const msgs = await c.receive(32, 20_000);
    if (msgs.length === 0) empty++;
    for (const m of msgs) {
      into.add(m.body.toString());
      if (ack) await c.ack(m);
    }
  }
};

describe('crash safety of a broker process', () => {
  const children: ChildProcess[] = [];
  let dataDir = '';
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) await kill9(c);
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged send when SIGKILLed; unacknowledged deliveries come again', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hangar-crash-'));
    const first = await startProcess(dataDir);
    children.push(first.child);
    const producer = new Producer({ endpoints: first.endpoint, namespace: '', topics: ['durable'], logger: quietLogger });
    await producer.startup();
    const N = 600;
    const acked = new Set<string>();
    for (let i = 0; i < N; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) => producer.send({ topic: 'durable', body: Buffer.from(`m-${i + k}`) }).then(() => acked.add(`m-${i + k}`))),
      );
    }
    assert.equal(acked.size, N);
    // Some consumption before the crash: a few acked, a few held without ack.
    const before = new SimpleConsumer({
      endpoints: first.endpoint, namespace: '', consumerGroup: 'g-before', subscriptions: new Map([['durable', '*']]), awaitDuration: 500, logger: quietLogger,
    });
    await before.startup();
    const consumedBefore = new Set<string>();
    const held = await before.receive(32, 60_000);
    for (const m of await before.receive(32, 60_000)) {
      consumedBefore.add(m.body.toString());
      await before.ack(m);
    }
    assert.ok(held.length > 0);
    // Clients leave first (their reconnect timers would outlive the test); the broker then dies without warning.
    await producer.shutdown();
    await before.shutdown();
    await kill9(first.child);

    const second = await startProcess(dataDir);
    children.push(second.child);
    const after1 = new SimpleConsumer({
      endpoints: second.endpoint, namespace: '', consumerGroup: 'g-before', subscriptions: new Map([['durable', '*']]), awaitDuration: 500, logger: quietLogger,
    });
    const after2 = new SimpleConsumer({
      endpoints: second.endpoint, namespace: '', consumerGroup: 'g-after', subscriptions: new Map([['durable', '*']]), awaitDuration: 500, logger: quietLogger,
    });
    await after1.startup();
    await after2.startup();
    const consumedAfter = new Set<string>();
    await drain(after1, consumedAfter);
    const fresh = new Set<string>();
    await drain(after2, fresh);
    await after1.shutdown();
    await after2.shutdown();
    await kill9(second.child);

    for (const m of held) assert.ok(consumedAfter.has(m.body.toString()), `held ${m.body.toString()} came again`);
    const union = new Set([...consumedBefore, ...consumedAfter]);
    const lostForGroup = [...acked].filter((b) => !union.has(b));
    assert.deepEqual(lostForGroup, [], 'g-before lost nothing');
    const lost = [...acked].filter((b) => !fresh.has(b));
    assert.deepEqual(lost, [], 'a new group sees every acknowledged send');
  });
});
