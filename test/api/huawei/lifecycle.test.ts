// End-to-end: the official Huawei SDK drives a real Hangar through the instance lifecycle.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually, Hangar } from '../../helpers/hangar.js';
import { huaweiClient, rmq, sdkError, seedBody } from '../../helpers/huawei-sdk.js';
import { GrpcHealthProbe } from '../../../src/provision/embedded/health.js';

describe('Huawei instance lifecycle through the official SDK', () => {
  let h: Hangar;
  let client: any;
  const probe = new GrpcHealthProbe();

  before(async () => {
    h = await Hangar.start();
    client = huaweiClient(h.url);
  });
  after(async () => {
    probe.close();
    await h.destroy();
  });

  it('creates the seed body and reaches RUNNING with a serving gRPC endpoint', async () => {
    const body = seedBody('seed-lifecycle');
    const created = await client.createPostPaidInstance(new rmq.CreatePostPaidInstanceRequest().withBody(body));
    assert.equal(created.httpStatusCode, 200);
    assert.match(created.instance_id, /^[0-9a-f-]{36}$/);

    const first = await client.showInstance({ instance_id: created.instance_id });
    assert.ok(['CREATING', 'RUNNING'].includes(first.status), first.status);

    const running = await eventually(async () => {
      const s = await client.showInstance({ instance_id: created.instance_id });
      return s.status === 'RUNNING' ? s : undefined;
    });
    assert.equal(running.name, 'seed-lifecycle');
    assert.equal(running.engine_version, '4.8.0');
    assert.equal(running.product_id, 'c6.4u8g.cluster');
    assert.equal(running.storage_space, 600);
    assert.equal(typeof running.created_at, 'string');
    assert.ok(running.grpc_address, 'grpc_address reported');
    for (const addr of String(running.grpc_address).split(';')) assert.equal(await probe.check(addr), true, `gRPC health answers on ${addr}`);

    const tasks = await client.listBackgroundTasks({ instance_id: created.instance_id });
    assert.ok(tasks.tasks.length >= 1);
  });

  it('lists, updates, restarts and deletes', async () => {
    const { instance_id: id } = await client.createPostPaidInstance({ body: seedBody('second-one') });
    await eventually(async () => (await client.showInstance({ instance_id: id })).status === 'RUNNING');

    const list = await client.listInstances({ engine: 'reliability', name: 'second' });
    assert.equal(list.instance_num, 1);
    assert.equal(list.instances[0].instance_id, id);

    const upd = await client.updateInstance({ instance_id: id, body: { name: 'second-renamed', description: 'hello' } });
    assert.equal(upd.httpStatusCode, 204);
    const shown = await client.showInstance({ instance_id: id });
    assert.equal(shown.name, 'second-renamed');
    assert.equal(shown.description, 'hello');

    const rs = await client.restartInstance({ instance_id: id, engine: 'rocketmq' });
    assert.equal(rs.httpStatusCode, 200);
    await eventually(async () => (await client.showInstance({ instance_id: id })).status === 'RUNNING');

    const brokerDir = path.join(h.dataDir, 'brokers');
    const before = fs.readdirSync(brokerDir).length;
    const del = await client.deleteInstance({ instance_id: id });
    assert.equal(del.httpStatusCode, 204);
    const gone = await eventually(async () => {
      try {
        await client.showInstance({ instance_id: id });
        return undefined;
      } catch (e) {
        return e as { httpStatusCode: number; errorCode: string };
      }
    });
    assert.equal(gone.httpStatusCode, 404);
    assert.match(gone.errorCode, /^DMS\./);
    assert.equal(fs.readdirSync(brokerDir).length, before - 1, 'data dir of the deleted instance removed');
  });

  it('refuses a duplicate name with DMS.00400060 and stores nothing', async () => {
    const e = await sdkError(client.createPostPaidInstance({ body: seedBody('seed-lifecycle') }));
    assert.equal(e.httpStatusCode, 400);
    assert.equal(e.errorCode, 'DMS.00400060');
    const list = await client.listInstances({ engine: 'reliability', name: 'seed-lifecycle', exact_match_name: 'true' });
    assert.equal(list.instance_num, 1);
  });

  it('answers 401 APIGW.0301 for a wrong secret and an unknown key, 403 for another project', async () => {
    const wrong = await sdkError(huaweiClient(h.url, { sk: 'not-the-secret' }).listInstances({ engine: 'reliability' }));
    assert.equal(wrong.httpStatusCode, 401);
    assert.equal(wrong.errorCode, 'APIGW.0301');
    assert.ok(wrong.requestId, 'X-Request-Id header');
    const unknown = await sdkError(huaweiClient(h.url, { ak: 'UNKNOWNAK00000000000' }).listInstances({ engine: 'reliability' }));
    assert.equal(unknown.httpStatusCode, 401);
    const other = await sdkError(huaweiClient(h.url, { projectId: 'another-project' }).listInstances({ engine: 'reliability' }));
    assert.equal(other.httpStatusCode, 403);
  });

  it('serves the catalogue, zones and quotas', async () => {
    const products = await client.listEngineProducts({ engine: 'reliability' });
    assert.ok(products.products.some((p: { product_id: string }) => p.product_id === 'c6.4u8g.cluster'));
    const zones = await client.listAvailableZones({});
    assert.ok(zones.available_zones.length >= 1);
    const quotas = await client.showQuotas({});
    assert.ok(quotas.quotas.resources.length >= 1);
  });

  it('health and metrics', async () => {
    assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
    const m = await (await fetch(`${h.url}/metrics`)).text();
    assert.match(m, /hangar_api_requests_total/);
    assert.match(m, /hangar_instances\{status="running"\}/);
    assert.match(m, /hangar_reconcile_pass_seconds/);
  });
});
