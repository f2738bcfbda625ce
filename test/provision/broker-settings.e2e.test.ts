// End-to-end: the server's broker settings reach each broker through the config file the driver writes (never through
// the broker's environment), and an instance's own retention beats the server-wide default.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ADMIN_OPERATIONS } from '../../src/broker/admin/contract.js';
import { readBrokerConfig, type BrokerConfig } from '../../src/broker/config.js';
import { HttpBrokerAdmin } from '../../src/provision/embedded/admin-client.js';
import { alibabaClient, createInstanceRequest, seedBody as alibabaSeed } from '../api/alibaba/alibaba-sdk.js';
import { eventually, Hangar } from '../helpers/hangar.js';
import { huaweiClient, seedBody as huaweiSeed } from '../helpers/huawei-sdk.js';

const HOUR = 3_600_000;

describe('broker settings reach the brokers through their config file', () => {
  let h: Hangar;
  let alibabaInstance: string;
  let huaweiInstance: string;
  const brokerConfig = (id: string): BrokerConfig => readBrokerConfig(path.join(h.dataDir, 'brokers', id, 'broker.json'));

  before(async () => {
    h = await Hangar.start({
      env: { HANGAR_STORE_RETENTION_MS: String(2 * HOUR), HANGAR_LONG_POLL_MS: '1234', HANGAR_RETRY_BACKOFF_MS: '100,200', HANGAR_FLUSH_INTERVAL_MS: '250' },
    });
    const ali = alibabaClient(new URL(h.url).host);
    const body = alibabaSeed();
    alibabaInstance = (
      await ali.createInstance(createInstanceRequest({ ...body, instanceName: 'retention-own', productInfo: { ...body.productInfo, messageRetentionTime: 24 } }))
    ).body.data as string;
    const hw = huaweiClient(h.url);
    const huaweiId = (await hw.createPostPaidInstance({ body: huaweiSeed('retention-default') })).instance_id as string;
    await eventually(async () => (await ali.getInstance(alibabaInstance)).body.data.status === 'RUNNING', 30_000);
    await eventually(async () => (await hw.showInstance({ instance_id: huaweiId })).status === 'RUNNING', 30_000);
    // Broker directories are named by the internal id: tell them apart by what each config file says.
    const ids = fs.readdirSync(path.join(h.dataDir, 'brokers'));
    assert.equal(ids.length, 2);
    const own = ids.find((id) => brokerConfig(id).store.retentionMs !== 2 * HOUR);
    assert.ok(own, 'one broker carries its instance retention');
    alibabaInstance = own;
    huaweiInstance = ids.find((id) => id !== own)!;
  });
  after(async () => h?.destroy());

  it("an instance's retention (messageRetentionTime 24 h) beats the server default; one without takes the default", () => {
    assert.equal(brokerConfig(alibabaInstance).store.retentionMs, 24 * HOUR);
    assert.equal(brokerConfig(huaweiInstance).store.retentionMs, 2 * HOUR);
    for (const id of [alibabaInstance, huaweiInstance]) {
      const c = brokerConfig(id);
      assert.ok(c.store.quotaBytes && c.store.quotaBytes >= 1024 ** 3, 'storage space is the quota');
      assert.equal(c.store.flushIntervalMs, 250);
      assert.equal(c.tunables.longPollMs, 1234);
      assert.deepEqual(c.tunables.retryBackoffMs, [100, 200]);
      assert.equal(c.testClock, undefined, 'the test clock is off');
    }
  });

  it('the broker runs its store with the retention of its config file', async () => {
    for (const [id, want] of [
      [alibabaInstance, 24 * HOUR],
      [huaweiInstance, 2 * HOUR],
    ] as const) {
      const c = brokerConfig(id);
      const health = await new HttpBrokerAdmin(c.ports.admin, c.adminToken).call(ADMIN_OPERATIONS.health, {}, undefined);
      assert.equal(health.store.retentionMs, want);
    }
  });

  it("brokers get a clean environment: none of the server's settings or credentials", () => {
    assert.equal(h.env.HANGAR_SECRET_KEY !== undefined, true);
    for (const id of [alibabaInstance, huaweiInstance]) {
      const pid = Number(fs.readFileSync(path.join(h.dataDir, 'brokers', id, 'broker.pid'), 'utf8'));
      const names = fs
        .readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((kv) => kv.slice(0, kv.indexOf('=')));
      assert.deepEqual(
        names.filter((n) => n.startsWith('HANGAR_') || n === 'NODE_OPTIONS'),
        [],
        names.join(' '),
      );
    }
  });
});
