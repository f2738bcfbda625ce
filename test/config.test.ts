import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { flagName, loadConfig, SETTINGS, settingsMarkdown } from '../src/config.js';

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({}, []);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 8080);
    assert.equal(c.advertisedHost, '127.0.0.1');
    assert.deepEqual(c.brokerPorts, { from: 20000, to: 29999 });
    assert.ok(c.dataDir.endsWith('.hangar'));
    assert.equal(c.region, 'local');
  });

  it('advertises 127.0.0.1 when binding every address, and flags win over the environment', () => {
    const c = loadConfig({ HANGAR_HOST: '0.0.0.0', HANGAR_PORT: '9000' }, ['--port', '9100', '--broker-ports=21000-21010']);
    assert.equal(c.advertisedHost, '127.0.0.1');
    assert.equal(c.port, 9100);
    assert.deepEqual(c.brokerPorts, { from: 21000, to: 21010 });
  });

  it('refuses bad values and unknown flags', () => {
    assert.throws(() => loadConfig({ HANGAR_BROKER_PORTS: '30000-20000' }, []));
    assert.throws(() => loadConfig({ HANGAR_PORT: 'eighty' }, []));
    assert.throws(() => loadConfig({}, ['--no-such-flag', 'x']));
  });

  it('every variable has a flag and a row in the markdown table', () => {
    const md = settingsMarkdown();
    for (const s of SETTINGS) {
      assert.match(s.env, /^HANGAR_[A-Z_]+$/);
      assert.ok(md.includes(`\`${s.env}\``) && md.includes(`\`${flagName(s.env)}\``));
    }
  });

  // A valid value other than the default for every setting: each must change the config, the same way by env and by flag.
  const SAMPLES: Record<string, string> = {
    HANGAR_HOST: '127.0.0.2',
    HANGAR_PORT: '9999',
    HANGAR_ADVERTISED_HOST: 'mq.example',
    HANGAR_PUBLIC_HOST: 'public.example',
    HANGAR_DATA_DIR: '/tmp/hangar-sample',
    HANGAR_BROKER_PORTS: '30000-30100',
    HANGAR_MASTER_KEY: 'k'.repeat(32),
    HANGAR_ACCESS_KEY: 'AK',
    HANGAR_SECRET_KEY: 'SK',
    HANGAR_PROJECT_ID: 'p1',
    HANGAR_REGION: 'cn-test-1',
    HANGAR_LEGACY_ROA_SIGNATURE: 'off',
    HANGAR_DATABASE_URL: 'postgres://h@localhost/h',
    HANGAR_LOG_LEVEL: 'debug',
    HANGAR_INSTANCE_QUOTA: '3',
    HANGAR_MIN_FREE_DISK_MB: '1',
    HANGAR_RECONCILE_INTERVAL_MS: '50',
    HANGAR_BROKER_ORPHAN_TIMEOUT_MS: '1000',
    HANGAR_BROKER_DOWN_GRACE_MS: '10',
    HANGAR_BROKER_NODE_OPTIONS: '--max-old-space-size=128',
    HANGAR_STORE_SEGMENT_BYTES: '1048576',
    HANGAR_STORE_RETENTION_MS: '60000',
    HANGAR_STORE_QUOTA_BYTES: '8388608',
    HANGAR_FLUSH_POLICY: 'sync_flush',
    HANGAR_FLUSH_INTERVAL_MS: '50',
    HANGAR_TXN_CHECK_DELAY_MS: '250',
    HANGAR_TXN_CHECK_INTERVAL_MS: '300',
    HANGAR_TXN_CHECK_MAX: '2',
    HANGAR_LONG_POLL_MS: '1500',
    HANGAR_RETRY_BACKOFF_MS: '10, 20,40',
    HANGAR_AUTO_RENEW_INVISIBLE_MS: '5000',
    HANGAR_AUTO_RENEW_MAX_MS: '6000',
    HANGAR_CLIENT_EXPIRY_MS: '7000',
    HANGAR_MAX_DELAY_MS: '8000',
    HANGAR_MAX_BODY_BYTES: '1024',
    HANGAR_SETTINGS_REPUSH_MS: '0',
    HANGAR_TEST_CLOCK: '1',
  };

  it('every setting is reachable by its variable and by its flag, with the same effect', () => {
    assert.deepEqual(Object.keys(SAMPLES).sort(), SETTINGS.map((s) => s.env).sort(), 'a sample value for each setting');
    const defaults = loadConfig({}, []);
    for (const s of SETTINGS) {
      const byEnv = loadConfig({ [s.env]: SAMPLES[s.env] }, []);
      const byFlag = loadConfig({}, [flagName(s.env), SAMPLES[s.env]!]);
      assert.notDeepEqual(byEnv, defaults, `${s.env} changes the config`);
      assert.deepEqual(byFlag, byEnv, `${flagName(s.env)} does what ${s.env} does`);
    }
  });

  it('broker settings land in the broker defaults, validated', () => {
    const c = loadConfig({}, ['--long-poll-ms', '10', '--retry-backoff-ms=10,20', '--store-retention-ms', '60000', '--flush-policy', 'SYNC_FLUSH']);
    assert.equal(c.broker.tunables.longPollMs, 10);
    assert.deepEqual(c.broker.tunables.retryBackoffMs, [10, 20]);
    assert.equal(c.broker.store.retentionMs, 60000);
    assert.equal(c.broker.store.flushPolicy, 'SYNC_FLUSH');
    assert.equal(c.broker.store.quotaBytes, undefined, 'no server-wide quota unless set');
    assert.equal(loadConfig({}, []).testClock, false, 'the test clock is off by default');
    for (const [env, bad] of [
      ['HANGAR_LONG_POLL_MS', 'soon'],
      ['HANGAR_RETRY_BACKOFF_MS', '1,,2'],
      ['HANGAR_STORE_SEGMENT_BYTES', '12'],
      ['HANGAR_STORE_RETENTION_MS', '-1'],
      ['HANGAR_FLUSH_POLICY', 'SOMETIMES'],
      ['HANGAR_FLUSH_INTERVAL_MS', '1.5'],
      ['HANGAR_TEST_CLOCK', 'maybe'],
    ] as const) {
      assert.throws(() => loadConfig({ [env]: bad }, []), new RegExp(env), env);
    }
  });

  it('the README carries exactly this table', () => {
    // Walk up from this file (test/ from the sources, dist/test/ compiled) to the repository's README.
    let dir = path.dirname(fileURLToPath(import.meta.url));
    while (!fs.existsSync(path.join(dir, 'README.md')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    assert.ok(fs.readFileSync(path.join(dir, 'README.md'), 'utf8').includes(settingsMarkdown()), 'run `hangar config --markdown` and paste it');
  });
});
