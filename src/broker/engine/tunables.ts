// Engine timing defaults. The server-wide values are settings of `hangar serve` (src/config.ts, HANGAR_* names below),
// written by the driver into each broker's config file; the engine never reads the environment.
import type { EngineTunables } from './types.js';

/** RocketMQ's message delay levels 1s 5s 10s 30s 1m 2m … 2h, used as the redelivery backoff per attempt. */
const ROCKETMQ_RETRY_LEVELS_MS = [
  1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 180_000, 240_000, 300_000, 360_000, 420_000, 480_000, 540_000,
  600_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000,
];

export const DEFAULT_TUNABLES: Readonly<EngineTunables> = Object.freeze({
  txnCheckDelayMs: 6_000,
  txnCheckIntervalMs: 60_000,
  txnCheckMax: 15,
  longPollMs: 20_000,
  retryBackoffMs: ROCKETMQ_RETRY_LEVELS_MS,
  autoRenewInvisibleMs: 60_000,
  autoRenewMaxMs: 30 * 60_000,
  clientExpiryMs: 45_000,
  delayThresholdMs: 10,
  maxDelayMs: 24 * 3_600_000,
  maxBodyBytes: 4 * 1024 * 1024 - 16 * 1024,
  settingsRepushMs: 1_000,
});

/** Setting (HANGAR_* variable, `hangar serve` flag) → tunable. Values are integers in ms (HANGAR_RETRY_BACKOFF_MS: a
 * comma-separated list); `delayThresholdMs` is internal. */
export const TUNABLE_ENV: Readonly<Record<string, keyof EngineTunables>> = Object.freeze({
  HANGAR_TXN_CHECK_DELAY_MS: 'txnCheckDelayMs',
  HANGAR_TXN_CHECK_INTERVAL_MS: 'txnCheckIntervalMs',
  HANGAR_TXN_CHECK_MAX: 'txnCheckMax',
  HANGAR_LONG_POLL_MS: 'longPollMs',
  HANGAR_RETRY_BACKOFF_MS: 'retryBackoffMs',
  HANGAR_AUTO_RENEW_INVISIBLE_MS: 'autoRenewInvisibleMs',
  HANGAR_AUTO_RENEW_MAX_MS: 'autoRenewMaxMs',
  HANGAR_CLIENT_EXPIRY_MS: 'clientExpiryMs',
  HANGAR_MAX_DELAY_MS: 'maxDelayMs',
  HANGAR_MAX_BODY_BYTES: 'maxBodyBytes',
  HANGAR_SETTINGS_REPUSH_MS: 'settingsRepushMs',
});

/** Tunables from the defaults, then explicit overrides (a broker passes those of its config file). */
export const resolveTunables = (overrides: Partial<EngineTunables> = {}): EngineTunables => {
  const t: EngineTunables = { ...DEFAULT_TUNABLES, retryBackoffMs: [...DEFAULT_TUNABLES.retryBackoffMs] };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (t as unknown as Record<string, unknown>)[k] = v;
  return t;
};

/** Redelivery delay before attempt `attempt + 1` after attempt `attempt` (1-based) failed. */
export const retryBackoff = (t: EngineTunables, attempt: number): number => {
  const list = t.retryBackoffMs;
  if (list.length === 0) return 0;
  return list[Math.min(Math.max(attempt, 1), list.length) - 1]!;
};
