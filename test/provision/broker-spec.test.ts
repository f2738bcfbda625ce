// What a broker is told: the server's broker settings with the instance's own values winning.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_INSTANCE_OPTIONS, type Instance } from '../../src/domain/instance.js';
import { brokerSpecOf } from '../../src/provision/broker-spec.js';

const instance = (over: Partial<Instance> = {}): Instance => ({
  id: 'i1',
  tenantId: 't',
  huaweiId: 'hw',
  alibabaId: 'rmq-cn-1',
  name: 'n',
  description: '',
  engineVersion: '5.x',
  flavorId: 'c6.4u8g.cluster',
  brokerNum: 1,
  storageSpaceGb: 300,
  storageSpecCode: 'dms.physical.storage.ultra.v2',
  network: { vpcId: 'v', subnetIds: ['s'], securityGroupId: 'g', zones: ['z'] },
  options: DEFAULT_INSTANCE_OPTIONS,
  tags: [],
  origin: 'huawei',
  attributes: {},
  status: 'creating',
  statusReason: '',
  endpoints: { grpc: [], namesrv: [], broker: [] },
  usedStorageBytes: 0,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe('brokerSpecOf', () => {
  const defaults = loadConfig({ HANGAR_STORE_RETENTION_MS: '60000', HANGAR_STORE_QUOTA_BYTES: '8388608', HANGAR_LONG_POLL_MS: '1234' }, []).broker;

  it('an instance without a retention of its own takes the server default', () => {
    const s = brokerSpecOf(instance(), {}, defaults, 'k');
    assert.equal(s.store.retentionMs, 60_000);
    assert.equal(s.tunables.longPollMs, 1234);
  });

  it("an instance's retention and storage space beat the server defaults", () => {
    const s = brokerSpecOf(instance({ messageRetentionHours: 24 }), {}, defaults, 'k');
    assert.equal(s.store.retentionMs, 24 * 3_600_000);
    assert.equal(s.store.quotaBytes, 300 * 1024 ** 3);
    assert.ok(s.limits.tps > 0, "the flavour's TPS");
  });
});
