import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TUNABLES, resolveTunables, retryBackoff } from '../../../src/broker/engine/tunables.js';

describe('engine tunables', () => {
  it('take defaults, then HANGAR_* variables, then explicit overrides', () => {
    assert.deepEqual(resolveTunables({}, {}), { ...DEFAULT_TUNABLES, retryBackoffMs: [...DEFAULT_TUNABLES.retryBackoffMs] });
    const env = { HANGAR_TXN_CHECK_DELAY_MS: '250', HANGAR_LONG_POLL_MS: '1500', HANGAR_RETRY_BACKOFF_MS: '10, 20,40', HANGAR_MAX_BODY_BYTES: 'nope' };
    const t = resolveTunables({ longPollMs: 900 }, env);
    assert.equal(t.txnCheckDelayMs, 250);
    assert.equal(t.longPollMs, 900, 'explicit override wins');
    assert.deepEqual(t.retryBackoffMs, [10, 20, 40]);
    assert.equal(t.maxBodyBytes, DEFAULT_TUNABLES.maxBodyBytes, 'unparsable values are ignored');
  });

  it('backoff per attempt repeats the last level', () => {
    const t = resolveTunables({ retryBackoffMs: [10, 20, 40] }, {});
    assert.deepEqual([1, 2, 3, 4, 9].map((a) => retryBackoff(t, a)), [10, 20, 40, 40, 40]);
    assert.equal(retryBackoff(resolveTunables({ retryBackoffMs: [] }, {}), 3), 0);
  });
});
