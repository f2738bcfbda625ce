// End-to-end: the test clock behind /hangar/v1/clock — 404 while off, a signed POST moves it forward for the control
// plane and its brokers (the offset reaches running brokers and the config file of new ones), plain JSON errors.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ADMIN_OPERATIONS } from '../../../src/broker/admin/contract.js';
import { readBrokerConfig } from '../../../src/broker/config.js';
import { HttpBrokerAdmin } from '../../../src/provision/embedded/admin-client.js';
import { eventually, Hangar } from '../../helpers/hangar.js';
import { huaweiClient, seedBody, signedFetch } from '../../helpers/huawei-sdk.js';

const HOUR = 3_600_000;

async function json(r: Response): Promise<{ status: number; body: any }> {
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
  return { status: r.status, body: JSON.parse(await r.text()) };
}

const advance = async (h: Hangar, ms: unknown) => json(await signedFetch(h.url, 'POST', '/hangar/v1/clock', JSON.stringify({ advanceMs: ms })));

describe('test clock', () => {
  const started: Hangar[] = [];
  after(async () => {
    for (const h of started) await h.destroy();
  });

  it('is off by default: GET and POST answer 404 with a plain JSON error', async () => {
    const h = await Hangar.start();
    started.push(h);
    const get = await json(await fetch(`${h.url}/hangar/v1/clock`));
    assert.equal(get.status, 404);
    assert.equal(get.body.code, 'NotFound');
    assert.equal(typeof get.body.message, 'string');
    const post = await advance(h, HOUR);
    assert.equal(post.status, 404);
    assert.equal(post.body.code, 'NotFound');
    // Hangar's namespace never falls through to a cloud dialect.
    const other = await json(await fetch(`${h.url}/hangar/v1/nothing-here`));
    assert.deepEqual(Object.keys(other.body).sort(), ['code', 'message']);
    assert.equal(other.status, 404);
  });

  it('with HANGAR_TEST_CLOCK=1: reads, refuses unsigned and bad advances, and moves every broker forward', async () => {
    const h = await Hangar.start({ env: { HANGAR_TEST_CLOCK: '1' } });
    started.push(h);
    const before = Date.now();
    const first = await json(await fetch(`${h.url}/hangar/v1/clock`));
    assert.equal(first.status, 200);
    assert.ok(Math.abs(first.body.now - before) < 5_000, 'starts at real time');

    const unsigned = await json(await fetch(`${h.url}/hangar/v1/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: HOUR }), headers: { 'content-type': 'application/json' } }));
    assert.equal(unsigned.status, 401);
    assert.equal(unsigned.body.code, 'Unauthenticated');
    for (const bad of [-1, 1.5, 'soon', undefined]) {
      const r = await advance(h, bad);
      assert.equal(r.status, 400, String(bad));
      assert.equal(r.body.code, 'InvalidParameter');
    }
    const notJson = await json(await signedFetch(h.url, 'POST', '/hangar/v1/clock', 'advance please'));
    assert.equal(notJson.status, 400);

    // A broker running before the advance follows it.
    const hw = huaweiClient(h.url);
    const { instance_id } = await hw.createPostPaidInstance({ body: seedBody('clock-one') });
    await eventually(async () => (await hw.showInstance({ instance_id })).status === 'RUNNING', 30_000);
    const [id] = fs.readdirSync(path.join(h.dataDir, 'brokers'));
    const cfg = readBrokerConfig(path.join(h.dataDir, 'brokers', id!, 'broker.json'));
    assert.deepEqual(cfg.testClock, { offsetMs: 0 });
    const admin = new HttpBrokerAdmin(cfg.ports.admin, cfg.adminToken);

    const moved = await advance(h, HOUR);
    assert.equal(moved.status, 200);
    assert.ok(moved.body.now >= first.body.now + HOUR, 'moved forward by an hour');
    const now = await json(await fetch(`${h.url}/hangar/v1/clock`));
    assert.ok(now.body.now >= moved.body.now && now.body.now < moved.body.now + 5_000);
    const health = await admin.call(ADMIN_OPERATIONS.health, {}, undefined);
    assert.equal(health.clockOffsetMs, HOUR, 'the broker moved before the call returned');

    // A broker started after the advance starts from the offset in its config file.
    const second = await hw.createPostPaidInstance({ body: seedBody('clock-two') });
    await eventually(async () => (await hw.showInstance({ instance_id: second.instance_id })).status === 'RUNNING', 30_000);
    const newer = fs.readdirSync(path.join(h.dataDir, 'brokers')).find((d) => d !== id)!;
    const cfg2 = readBrokerConfig(path.join(h.dataDir, 'brokers', newer, 'broker.json'));
    assert.ok(cfg2.testClock && cfg2.testClock.offsetMs >= HOUR);
    // The SDK still signs with real time: the dialects are not affected by the jump.
    assert.equal((await hw.showInstance({ instance_id })).status, 'RUNNING');
  });
});
