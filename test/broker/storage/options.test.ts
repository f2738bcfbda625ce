import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidStoreOptionsError, storeOptionsFromEnv } from '../../../src/broker/storage/index.js';
import { resolveStoreOptions } from '../../../src/broker/storage/options.js';

test('storeOptionsFromEnv applies every override over the base', () => {
  const out = storeOptionsFromEnv(
    { dir: '/d', segmentBytes: 1, flushPolicy: 'ASYNC_FLUSH' },
    {
      HANGAR_STORE_SEGMENT_BYTES: '1048576',
      HANGAR_STORE_RETENTION_MS: '60000',
      HANGAR_STORE_QUOTA_BYTES: '8388608',
      HANGAR_FLUSH_POLICY: 'sync_flush',
      HANGAR_FLUSH_INTERVAL_MS: '50',
    },
  );
  assert.deepEqual(out, {
    dir: '/d',
    segmentBytes: 1048576,
    retentionMs: 60000,
    quotaBytes: 8388608,
    flushPolicy: 'SYNC_FLUSH',
    flushIntervalMs: 50,
  });
});

test('storeOptionsFromEnv leaves the base alone when nothing (or blank) is set', () => {
  const base = { dir: '/d', retentionMs: 5 };
  assert.deepEqual(storeOptionsFromEnv(base, { HANGAR_STORE_QUOTA_BYTES: ' ' }), base);
  assert.notEqual(storeOptionsFromEnv(base, {}), base, 'returns a copy');
});

test('malformed overrides are refused with a typed error', () => {
  for (const [k, v] of [
    ['HANGAR_STORE_SEGMENT_BYTES', '12k'],
    ['HANGAR_STORE_RETENTION_MS', '-1'],
    ['HANGAR_STORE_QUOTA_BYTES', '0'],
    ['HANGAR_FLUSH_POLICY', 'SOMETIMES'],
    ['HANGAR_FLUSH_INTERVAL_MS', '1.5'],
  ] as const) {
    assert.throws(() => storeOptionsFromEnv({ dir: '/d' }, { [k]: v }), InvalidStoreOptionsError, k);
  }
});

test('defaults, and a segment size capped to a quarter of the quota', () => {
  const r = resolveStoreOptions({ dir: '/d' });
  assert.equal(r.segmentBytes, 64 * 1024 * 1024);
  assert.equal(r.flushPolicy, 'ASYNC_FLUSH');
  assert.equal(r.flushIntervalMs, 500);
  assert.equal(r.retentionMs, 72 * 3600 * 1000);
  assert.equal(resolveStoreOptions({ dir: '/d', quotaBytes: 1 << 20 }).segmentBytes, 1 << 18);
  assert.throws(() => resolveStoreOptions({ dir: '/d', segmentBytes: 10 }), InvalidStoreOptionsError);
});
