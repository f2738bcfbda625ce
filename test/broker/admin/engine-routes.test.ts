import { SYSTEM } from '../../../src/broker/engine/index.js';
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { engineRoutes } from '../../../src/broker/admin/engine-routes.js';
import { startAdminServer, type AdminServer } from '../../../src/broker/admin/server.js';
import { openEngine, type EngineFixture } from '../engine/engine-harness.js';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe('admin routes of the engine', () => {
  let fx: EngineFixture;
  let admin: AdminServer;
  let base = '';
  const token = 'test-token';
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const enc = encodeURIComponent;

  before(async () => {
    fx = await openEngine({ brokerNames: ['broker-a', 'broker-b'] });
    const port = await freePort();
    admin = await startAdminServer({ port, token, routes: engineRoutes(fx.engine) });
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await admin.close();
    await fx.cleanup();
  });

  it('creates, shows and deletes topics and groups whose names hold % and |', async () => {
    const topic = 'odd%name|t';
    const put = await call('PUT', `/v1/topics/${enc(topic)}`, { name: topic, messageType: 'NORMAL', queueNum: 2, brokers: ['broker-a', 'broker-b'], perm: 'all' });
    assert.ok(put.status === 200 || put.status === 204, String(put.status));
    assert.equal(fx.engine.topic(topic)?.queueNum, 2);
    const group = 'g%1|x';
    const putGroup = await call('PUT', `/v1/groups/${enc(group)}`, { name: group, maxRetries: 2, consumeOrderly: false, broadcast: false, enabled: true });
    assert.ok(putGroup.status === 200 || putGroup.status === 204, String(putGroup.status));
    await fx.engine.send([{ topic, body: Buffer.from('x'), messageId: 'A'.repeat(32), messageType: 'NORMAL', bornTimestamp: Date.now() }], SYSTEM);
    const status = await call('GET', `/v1/topics/${enc(topic)}/status`);
    assert.equal(status.status, 200);
    assert.equal(status.body.brokers.length, 2);
    assert.equal(status.body.brokers.flatMap((b: { queues: { maxOffset: number }[] }) => b.queues).reduce((s: number, q: { maxOffset: number }) => s + q.maxOffset, 0), 1);
    await fx.engine.receive({ group, topic, batchSize: 8, invisibleMs: 10_000, autoRenew: false, longPollMs: 0, clientId: 'c' }, SYSTEM);
    const progress = await call('GET', `/v1/groups/${enc(group)}/progress`);
    assert.equal(progress.status, 200);
    assert.ok(progress.body.some((r: { topic: string; lag: number }) => r.topic === topic && r.lag === 1));
    assert.deepEqual((await call('GET', `/v1/groups/${enc(group)}/clients`)).body, []);
    assert.equal((await call('DELETE', `/v1/topics/${enc(topic)}`)).status, 204);
    assert.equal((await call('GET', `/v1/topics/${enc(topic)}/status`)).status, 404);
    assert.equal((await call('DELETE', `/v1/groups/${enc(group)}`)).status, 204);
    assert.equal((await call('GET', `/v1/groups/${enc(group)}/progress`)).status, 404);
  });

  it('applies and reads the whole metadata; refuses invalid specs with 400', async () => {
    const meta = {
      topics: [{ name: 'a', messageType: 'FIFO', queueNum: 1, brokers: ['broker-a'], perm: 'all' }],
      groups: [{ name: 'ga', maxRetries: 16, consumeOrderly: true, broadcast: false, enabled: true }],
    };
    const put = await call('PUT', '/v1/metadata', meta);
    assert.ok(put.status === 200 || put.status === 204, String(put.status));
    assert.deepEqual((await call('GET', '/v1/metadata')).body, meta);
    const bad = await call('PUT', '/v1/topics/b', { name: 'b', messageType: 'NORMAL', queueNum: 0, brokers: ['broker-a'], perm: 'all' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'INVALID_METADATA');
  });
});
