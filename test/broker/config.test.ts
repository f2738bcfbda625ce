// The broker's config file: validated when read (one stderr line naming the field and the value, non-zero exit), and
// files written before the newer fields existed still read with their defaults.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { BrokerConfigError, DEFAULT_BROKER_STORE, parseBrokerConfig } from '../../src/broker/config.js';
import { DEFAULT_TUNABLES } from '../../src/broker/engine/tunables.js';

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');
const brokerMain = path.resolve(path.dirname(here), '../../src/broker', fromSource ? 'main.ts' : 'main.js');

/** A config file as the driver wrote it before `store`, `tunables` and `testClock` existed. */
const legacy = (dir: string): Record<string, unknown> => ({
  instanceId: 'i-legacy',
  engineVersion: '5.x',
  brokerNames: ['broker-a'],
  bindHost: '127.0.0.1',
  advertisedHost: '127.0.0.1',
  ports: { grpc: 1, namesrv: 2, remoting: 3, admin: 4 },
  adminToken: 'token',
  dataDir: dir,
  storageQuotaBytes: 1 << 30,
  retentionHours: 48,
  limits: { tps: 1000, maxTopics: 10, maxGroups: 10 },
  orphanTimeoutMs: 300_000,
  logLevel: 'warn',
});

function runBroker(file: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), brokerMain, '--config', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('broker config file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-broker-config-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file written before store, tunables and testClock existed, with their defaults', () => {
    const c = parseBrokerConfig(legacy(dir));
    assert.deepEqual(c.store, { ...DEFAULT_BROKER_STORE, quotaBytes: 1 << 30, retentionMs: 48 * 3_600_000 });
    assert.deepEqual(c.tunables, { ...DEFAULT_TUNABLES, retryBackoffMs: [...DEFAULT_TUNABLES.retryBackoffMs] });
    assert.equal(c.testClock, undefined);
    assert.deepEqual(c.tls, { mode: 'PLAINTEXT' });
  });

  it('reads the TLS mode and the certificate files; a TLS mode without them is refused', () => {
    const tls = { mode: 'PERMISSIVE', certFile: '/d/broker.pem', keyFile: '/d/broker.key' };
    assert.deepEqual(parseBrokerConfig({ ...legacy(dir), tls }).tls, tls);
    assert.deepEqual(parseBrokerConfig({ ...legacy(dir), tls: { ...tls, mode: 'PLAINTEXT' } }).tls, { ...tls, mode: 'PLAINTEXT' });
  });

  it('takes the newer fields over the legacy ones, and partial tunables over the defaults', () => {
    const c = parseBrokerConfig({ ...legacy(dir), store: { ...DEFAULT_BROKER_STORE, retentionMs: 60_000 }, tunables: { longPollMs: 10 }, testClock: { offsetMs: 5 } });
    assert.equal(c.store.retentionMs, 60_000);
    assert.equal(c.store.quotaBytes, 1 << 30);
    assert.equal(c.tunables.longPollMs, 10);
    assert.equal(c.tunables.txnCheckDelayMs, DEFAULT_TUNABLES.txnCheckDelayMs);
    assert.deepEqual(c.testClock, { offsetMs: 5 });
  });

  it('names the field and the value it refuses', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ store: { retentionMs: -5 } }, 'store.retentionMs', '-5'],
      [{ store: { flushPolicy: 'SOMETIMES' } }, 'store.flushPolicy', '"SOMETIMES"'],
      [{ tunables: { longPollMs: 'soon' } }, 'tunables.longPollMs', '"soon"'],
      [{ tunables: { retryBackoffMs: [1, -1] } }, 'tunables.retryBackoffMs', '[1,-1]'],
      [{ ports: { grpc: 70000, namesrv: 2, remoting: 3, admin: 4 } }, 'ports.grpc', '70000'],
      [{ logLevel: 'loud' }, 'logLevel', '"loud"'],
      [{ testClock: { offsetMs: 1.5 } }, 'testClock.offsetMs', '1.5'],
      [{ instanceId: '' }, 'instanceId', '""'],
      [{ tls: { mode: 'TLS13' } }, 'tls.mode', '"TLS13"'],
      [{ tls: { mode: 'SSL' } }, 'tls.certFile', 'nothing'],
      [{ tls: { mode: 'PERMISSIVE', certFile: '/d/broker.pem' } }, 'tls.keyFile', 'nothing'],
    ];
    for (const [patch, field, value] of cases) {
      assert.throws(
        () => parseBrokerConfig({ ...legacy(dir), ...patch }),
        (e: unknown) => e instanceof BrokerConfigError && e.field === field && e.message.includes(field) && e.message.includes(value),
        field,
      );
    }
  });

  it('`broker --config FILE` with a bad value exits non-zero with one stderr line naming field and value', async () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ ...legacy(dir), store: { retentionMs: -5 } }));
    const r = await runBroker(file);
    assert.notEqual(r.code, 0);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /store\.retentionMs/);
    assert.match(lines[0]!, /-5/);

    fs.writeFileSync(file, '{"instanceId": ');
    const broken = await runBroker(file);
    assert.notEqual(broken.code, 0);
    assert.equal(broken.stderr.trimEnd().split('\n').length, 1, broken.stderr);
  });
});
