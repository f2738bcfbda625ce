// Crash safety of the control plane: SIGKILL mid-provisioning, clean restarts and orphaned brokers.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { eventually, Hangar, sleep } from '../../helpers/hangar.js';
import { huaweiClient, seedBody } from '../../helpers/huawei-sdk.js';

async function allRunning(client: any, n: number): Promise<any[]> {
  return eventually(async () => {
    const list = await client.listInstances({ engine: 'reliability', limit: 50, include_failure: 'true' });
    return list.instance_num === n && list.instances.every((i: { status: string }) => i.status === 'RUNNING') ? list.instances : undefined;
  }, 40_000);
}

function assertDistinctEndpoints(instances: { grpc_address: string }[]): void {
  const addrs = instances.map((i) => i.grpc_address);
  assert.equal(new Set(addrs).size, addrs.length, `no port shared: ${addrs.join(', ')}`);
}

describe('control plane crash safety', () => {
  const started: Hangar[] = [];
  after(async () => {
    for (const h of started) await h.destroy();
  });

  it('SIGKILL of the whole process group mid-provisioning: every instance RUNNING after restart, none lost or duplicated', async () => {
    const h = await Hangar.start({ detached: true });
    started.push(h);
    const client = huaweiClient(h.url);
    const ids: string[] = [];
    for (let n = 0; n < 4; n++) ids.push((await client.createPostPaidInstance({ body: seedBody(`crash-${n}`) })).instance_id);
    await h.killGroup();
    await h.launch();
    const instances = await allRunning(client, 4);
    assert.deepEqual(instances.map((i: { instance_id: string }) => i.instance_id).sort(), [...ids].sort());
    assertDistinctEndpoints(instances);
    assert.equal(h.brokerPids().length, 4, 'one broker process per instance');
    assert.deepEqual(h.brokerProcesses(), h.brokerPids().sort((a, b) => a - b), 'no orphan broker process');
  });

  it('SIGKILL of the control plane alone: brokers keep serving and are re-adopted, not restarted', async () => {
    const h = await Hangar.start();
    started.push(h);
    const client = huaweiClient(h.url);
    await client.createPostPaidInstance({ body: seedBody('adopt-me') });
    await allRunning(client, 1);
    const before = h.brokerPids();
    await h.kill();
    assert.deepEqual(h.brokerPids(), before, 'the broker survives its control plane');
    await h.launch();
    await allRunning(client, 1);
    assert.deepEqual(h.brokerPids(), before, 'the same broker process was adopted');
  });

  it('a clean stop stops the brokers; the next start brings every instance back', async () => {
    const h = await Hangar.start();
    started.push(h);
    const client = huaweiClient(h.url);
    await client.createPostPaidInstance({ body: seedBody('clean-a') });
    await client.createPostPaidInstance({ body: seedBody('clean-b') });
    await allRunning(client, 2);
    await h.stop();
    assert.deepEqual(h.brokerPids(), [], 'no broker left after a clean stop');
    await h.launch();
    assertDistinctEndpoints(await allRunning(client, 2));
  });

  it('a broker whose control plane does not come back exits', async () => {
    const h = await Hangar.start({ env: { HANGAR_BROKER_ORPHAN_TIMEOUT_MS: '1500' } });
    started.push(h);
    const client = huaweiClient(h.url);
    await client.createPostPaidInstance({ body: seedBody('orphan') });
    await allRunning(client, 1);
    await h.kill();
    assert.equal(h.brokerPids().length, 1);
    await sleep(500);
    await eventually(() => h.brokerPids().length === 0, 10_000);
  });
});
