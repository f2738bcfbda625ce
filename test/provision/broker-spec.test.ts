// What a broker is told: the server's broker settings with the instance's own values winning.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { brokerSpecOf } from '../../src/provision/broker-spec.js';
import { testInstance } from '../helpers/instance.js';

const instance = testInstance;

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
