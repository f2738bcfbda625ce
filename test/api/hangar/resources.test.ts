// Hangar's own API over the service layer, without brokers: signed like a Huawei request, plain {"code","message"}
// errors naming the field, instances by either id or name, and the OpenAPI documents generated from the routers' tables.
import { e2eOnPostgres } from '../../helpers/postgres.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HANDLERS } from '../../../src/api/alibaba/handlers.js';
import { OPERATIONS } from '../../../src/api/alibaba/operations.js';
import { HANGAR_OPERATIONS } from '../../../src/api/hangar/operations.js';
import { huaweiRouter } from '../../../src/api/huawei/routes.js';
import { alibabaClient, createInstanceRequest, seedBody } from '../alibaba/alibaba-sdk.js';
import { startAlibabaHangar, type AlibabaHangar } from '../alibaba/harness.js';
import { huaweiClient, signedFetch } from '../../helpers/huawei-sdk.js';

const call = async (h: AlibabaHangar, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
  const r = await signedFetch(h.url, method, path, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
  return { status: r.status, body: JSON.parse(await r.text()) };
};

describe("Hangar's API /hangar/v1", () => {
  let h: AlibabaHangar;
  before(async () => {
    h = await startAlibabaHangar({ reconcile: false });
  });
  after(async () => {
    await h.close();
  });

  it('refuses an unsigned request with 401 before looking at the path', async () => {
    for (const path of ['/hangar/v1/instances', '/hangar/v1/instances/whatever/topics']) {
      const r = await fetch(h.url + path);
      assert.equal(r.status, 401);
      assert.deepEqual(Object.keys((await r.json()) as object).sort(), ['code', 'message']);
    }
  });

  it('creates with defaults, shows by Huawei id, Alibaba id and name; the instance is the same one the Huawei SDK sees', async () => {
    const created = await call(h, 'POST', '/hangar/v1/instances', { name: 'api-one' });
    assert.equal(created.status, 202);
    assert.equal(created.body.status, 'CREATING');
    assert.equal(created.body.engineVersion, '5.x');
    assert.equal(created.body.flavor, 'rocketmq.b2.large.4');
    assert.equal('id' in created.body, false, 'no internal id');
    for (const ref of [created.body.huaweiId, created.body.alibabaId, 'api-one']) {
      const shown = await call(h, 'GET', `/hangar/v1/instances/${encodeURIComponent(ref)}`);
      assert.equal(shown.status, 200, ref);
      assert.equal(shown.body.huaweiId, created.body.huaweiId);
    }
    const sdk = await huaweiClient(h.url).showInstance({ instance_id: created.body.huaweiId });
    assert.equal(sdk.name, 'api-one');
    const v4 = await call(h, 'POST', '/hangar/v1/instances', { name: 'api-four', engineVersion: '4.8.0', brokers: 2 });
    assert.equal(v4.status, 202);
    assert.deepEqual([v4.body.flavor, v4.body.brokers, v4.body.storageGb], ['c6.4u8g.cluster', 2, 600]);
    const list = await call(h, 'GET', '/hangar/v1/instances');
    assert.deepEqual(list.body.instances.map((i: { name: string }) => i.name).sort(), ['api-four', 'api-one']);
    const taken = await call(h, 'POST', '/hangar/v1/instances', { name: 'api-one' });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, 'AlreadyExists');
  });

  it('refuses bad bodies with 400 naming the field, and changes nothing', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{}, 'MissingParameter', /name/],
      [{ name: '1abc' }, 'InvalidParameter', /name/],
      [{ name: 'api-bad', engineVersion: '6' }, 'InvalidParameter', /engineVersion/],
      [{ name: 'api-bad', flavor: 'huge' }, 'InvalidParameter', /flavor/],
      [{ name: 'api-bad', flavor: 'c6.4u8g.cluster' }, 'InvalidParameter', /flavor .*4\.8\.0/],
      [{ name: 'api-bad', storageGb: 5 }, 'InvalidParameter', /storageGb/],
      [{ name: 'api-bad', brokers: 'two' }, 'InvalidParameter', /brokers/],
      ['not json', 'InvalidBody', /JSON/],
    ];
    for (const [body, code, message] of cases) {
      const r = await call(h, 'POST', '/hangar/v1/instances', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, code, JSON.stringify(body));
      assert.match(r.body.message, message);
    }
    const list = await call(h, 'GET', '/hangar/v1/instances');
    assert.ok(!list.body.instances.some((i: { name: string }) => i.name === 'api-bad'));
  });

  it('answers 404 for an unknown instance or path, 409 for a topic on an instance not yet RUNNING', async () => {
    const none = await call(h, 'GET', '/hangar/v1/instances/nothing-like-it');
    assert.equal(none.status, 404);
    assert.equal(none.body.code, 'NotFound');
    const path = await call(h, 'GET', '/hangar/v1/instances/api-one/queues');
    assert.equal(path.status, 404);
    const early = await call(h, 'POST', '/hangar/v1/instances/api-one/topics', { name: 'early' });
    assert.equal(early.status, 409);
    assert.equal(early.body.code, 'StateConflict');
    const badTopic = await call(h, 'POST', '/hangar/v1/instances/api-one/topics', { name: 'a b' });
    assert.equal(badTopic.status, 400);
    assert.match(badTopic.body.message, /name/);
  });

  it('an instance name two instances share (Alibaba allows it) is refused naming both ids; either id still works', async () => {
    const alibaba = alibabaClient(h.endpoint);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await alibaba.createInstance(createInstanceRequest({ ...seedBody(), instanceName: 'api-twin' }));
      ids.push(res.body.data);
    }
    const r = await call(h, 'GET', '/hangar/v1/instances/api-twin');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'InvalidParameter');
    assert.match(r.body.message, /2 instances are named api-twin/);
    for (const id of ids) assert.equal((await call(h, 'GET', `/hangar/v1/instances/${id}`)).body.alibabaId, id);
  });

  it('serves OpenAPI 3 documents of its own API and of the operations implemented of each cloud', async () => {
    const own = (await (await fetch(`${h.url}/hangar/v1/openapi.json`)).json()) as any;
    assert.equal(own.openapi, '3.0.3');
    const ops = Object.values(own.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const op of HANGAR_OPERATIONS) assert.ok(ops.includes(op.name), op.name);
    assert.deepEqual(own.paths['/hangar/v1/instances'].post.requestBody.content['application/json'].schema.required, ['name']);

    const huawei = (await (await fetch(`${h.url}/hangar/v1/openapi/huawei.json`)).json()) as any;
    const routes = huaweiRouter().routes();
    const listed = Object.entries(huawei.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) => Object.keys(m).map((x) => `${x.toUpperCase()} ${p}`));
    assert.deepEqual(listed.sort(), routes.map((r) => `${r.method} ${r.template}`).sort());
    assert.equal(huawei.paths['/v2/{project_id}/instances/{instance_id}'].get.operationId, 'ShowInstance');

    const alibaba = (await (await fetch(`${h.url}/hangar/v1/openapi/alibaba.json`)).json()) as any;
    const actions = Object.values(alibaba.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    assert.deepEqual(actions.sort(), OPERATIONS.filter((o) => HANDLERS[o.action]).map((o) => o.action).sort());
    assert.ok(actions.includes('GetInstance'));
    const unimplemented = OPERATIONS.filter((o) => !HANDLERS[o.action]).map((o) => o.action);
    assert.ok(unimplemented.length > 0);
    for (const a of unimplemented) assert.ok(!actions.includes(a), `${a} answers 501 and is not listed`);
  });

  it('/healthz answers status, version, database and instances', async () => {
    const r = await fetch(`${h.url}/healthz`);
    assert.equal(r.status, 200);
    const body = (await r.json()) as any;
    assert.equal(body.status, 'ok');
    assert.match(body.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(body.database, { kind: e2eOnPostgres ? 'postgres' : 'sqlite', ok: true });
    const one = body.instances.find((i: { name: string }) => i.name === 'api-one');
    assert.deepEqual(Object.keys(one).sort(), ['alibabaId', 'broker', 'huaweiId', 'name', 'status']);
    assert.equal(one.broker, 'down', 'no broker runs without the reconciler');
  });
});
