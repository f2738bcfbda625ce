import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TUNABLES, resolveTunables, retryBackoff } from '../../../src/broker/engine/tunables.js';

describe('engine tunables', () => {
  it('take the defaults, then explicit overrides, and never the environment', () => {
    assert.deepEqual(resolveTunables({}), { ...DEFAULT_TUNABLES, retryBackoffMs: [...DEFAULT_TUNABLES.retryBackoffMs] });
    const saved = process.env.HANGAR_TXN_CHECK_DELAY_MS;
    process.env.HANGAR_TXN_CHECK_DELAY_MS = '250';
    try {
      const t = resolveTunables({ longPollMs: 900 });
      assert.equal(t.txnCheckDelayMs, DEFAULT_TUNABLES.txnCheckDelayMs, 'the inherited environment is ignored');
      assert.equal(t.longPollMs, 900, 'explicit override wins');
    } finally {
      if (saved === undefined) delete process.env.HANGAR_TXN_CHECK_DELAY_MS;
      else process.env.HANGAR_TXN_CHECK_DELAY_MS = saved;
    }
  });

  it('backoff per attempt repeats the last level', () => {
    const t = resolveTunables({ retryBackoffMs: [10, 20, 40] });
    assert.deepEqual([1, 2, 3, 4, 9].map((a) => retryBackoff(t, a)), [10, 20, 40, 40, 40]);
    assert.equal(retryBackoff(resolveTunables({ retryBackoffMs: [] }), 3), 0);
  });
});
