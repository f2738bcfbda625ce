import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidStoreOptionsError } from '../../../src/broker/storage/index.js';
import { resolveStoreOptions } from '../../../src/broker/storage/options.js';

test('defaults, and a segment size capped to a quarter of the quota', () => {
  const r = resolveStoreOptions({ dir: '/d' });
  assert.equal(r.segmentBytes, 64 * 1024 * 1024);
  assert.equal(r.flushPolicy, 'ASYNC_FLUSH');
  assert.equal(r.flushIntervalMs, 500);
  assert.equal(r.retentionMs, 72 * 3600 * 1000);
  assert.equal(resolveStoreOptions({ dir: '/d', quotaBytes: 1 << 20 }).segmentBytes, 1 << 18);
  assert.throws(() => resolveStoreOptions({ dir: '/d', segmentBytes: 10 }), InvalidStoreOptionsError);
});
