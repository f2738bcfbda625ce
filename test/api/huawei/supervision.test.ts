// Broker supervision: a crashed broker is restarted; one that stays down turns its instance ERROR, then RUNNING again.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { eventually, Hangar } from '../../helpers/hangar.js';
import { huaweiClient, seedBody } from '../../helpers/huawei-sdk.js';

async function allRunning(client: any, n: number): Promise<any[]> {
  return eventually(async () => {
    const list = await client.listInstances({ engine: 'reliability', limit: 50, include_failure: 'true' });
    return list.instance_num === n && list.instances.every((i: { status: string }) => i.status === 'RUNNING') ? list.instances : undefined;
  }, 40_000);
}

describe('broker supervision', () => {
  const started: Hangar[] = [];
  after(async () => {
    for (const h of started) await h.destroy();
  });

  it('a crashed broker is restarted and the instance stays RUNNING', async () => {
    const h = await Hangar.start();
    started.push(h);
    const client = huaweiClient(h.url);
    const { instance_id } = await client.createPostPaidInstance({ body: seedBody('phoenix') });
    await allRunning(client, 1);
    const [pid] = h.brokerPids();
    process.kill(pid!, 'SIGKILL');
    await eventually(() => {
      const now = h.brokerPids();
      return now.length === 1 && now[0] !== pid;
    }, 15_000);
    const shown = await eventually(async () => {
      const s = await client.showInstance({ instance_id });
      return s.status === 'RUNNING' ? s : undefined;
    });
    assert.equal(shown.status, 'RUNNING');
  });

  it('a broker that stays down turns the instance ERROR after the grace period, and RUNNING again when it recovers', async () => {
    const h = await Hangar.start({ env: { HANGAR_BROKER_DOWN_GRACE_MS: '1000' } });
    started.push(h);
    const client = huaweiClient(h.url);
    const { instance_id } = await client.createPostPaidInstance({ body: seedBody('flaky') });
    const [running] = await allRunning(client, 1);
    const port = Number(String(running.grpc_address).split(':').pop());
    const [pid] = h.brokerPids();
    // Kill the broker and hold its port so that it cannot come back.
    process.kill(pid!, 'SIGKILL');
    const squatter = net.createServer();
    await eventually(
      () =>
        new Promise<boolean>((resolve) => {
          squatter.once('error', () => resolve(false));
          squatter.listen(port, '127.0.0.1', () => resolve(true));
        }),
      10_000,
      20,
    );
    try {
      await eventually(async () => (await client.showInstance({ instance_id })).status === 'ERROR', 30_000);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
    await eventually(async () => (await client.showInstance({ instance_id })).status === 'RUNNING', 30_000);
  });
});
