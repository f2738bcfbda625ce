// The embedded driver with real broker processes: a broker that loses a port before it first binds is given up, so that
// the reconciler provisions it again on new ports instead of failing the create.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { DEFAULT_BROKER_STORE } from '../../src/broker/config.js';
import { resolveTunables } from '../../src/broker/engine/tunables.js';
import type { BrokerSpec } from '../../src/provision/driver.js';
import { EmbeddedDriver } from '../../src/provision/embedded/driver.js';
import { portsOf, PortsTakenError } from '../../src/provision/ports.js';
import { eventually, freePort } from '../helpers/hangar.js';

async function spec(instanceId: string): Promise<BrokerSpec> {
  return {
    instanceId,
    engineVersion: '5.x',
    brokerNames: ['broker-a'],
    placement: { grpc: await freePort(), namesrv: await freePort(), remoting: await freePort(), admin: await freePort() },
    store: { ...DEFAULT_BROKER_STORE, quotaBytes: 1 << 30 },
    tunables: resolveTunables(),
    limits: { tps: 1000, maxTopics: 10, maxGroups: 10 },
    access: { secretsKey: 'k', enabled: false, anonymousOnPrivate: true },
    tlsMode: 'PLAINTEXT',
  };
}

function listen(port: number): Promise<net.Server> {
  const server = net.createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('EmbeddedDriver', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-driver-'));
  const driver = new EmbeddedDriver({
    dataDir,
    bindHost: '127.0.0.1',
    advertisedHost: '127.0.0.1',
    portRange: { from: 46000, to: 46099 },
    orphanTimeoutMs: 60_000,
    logLevel: 'error',
    log: pino({ level: 'silent' }),
  });
  after(async () => {
    await driver.stopAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('forgets a broker whose port was taken before it first served, so that it is provisioned on new ports', async () => {
    const s = await spec('port-thief');
    await driver.provision(s);
    // The child needs a few hundred ms before it binds: take its gRPC port first.
    const ports = portsOf(s.placement)!;
    const thief = await listen(ports.grpc);
    try {
      const gone = await eventually(async () => ((await driver.observe(s.instanceId)).state === 'absent' ? true : undefined), 20_000);
      assert.equal(gone, true);
      await assert.rejects(driver.provision(s), PortsTakenError);
      const moved = { ...s, placement: { ...ports, grpc: await freePort() } };
      await driver.provision(moved);
      await eventually(async () => ((await driver.observe(s.instanceId)).state === 'up' ? true : undefined), 20_000);
    } finally {
      await new Promise((r) => thief.close(r));
    }
  });
});
