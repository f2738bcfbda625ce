// Defaults of the store. The server-wide values are settings of `hangar serve` (HANGAR_STORE_*, HANGAR_FLUSH_*, see
// src/config.ts) that the driver writes into each broker's config file; the store never reads the environment.
import { InvalidStoreOptionsError } from './errors.js';
import type { FlushPolicy, StoreOptions } from './types.js';

export const FLUSH_POLICIES: readonly FlushPolicy[] = ['ASYNC_FLUSH', 'SYNC_FLUSH'];

export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_FLUSH_INTERVAL_MS = 500;
export const DEFAULT_RETENTION_MS = 72 * 3600 * 1000;
/** Smallest segment accepted: below this the per-segment header and file costs dominate. */
export const MIN_SEGMENT_BYTES = 4096;

export interface ResolvedStoreOptions {
  dir: string;
  /** Segment size actually used: the configured one, capped to a quarter of the quota so old segments can be dropped. */
  segmentBytes: number;
  flushPolicy: FlushPolicy;
  flushIntervalMs: number;
  retentionMs: number;
  quotaBytes: number;
  now: () => number;
}

export function resolveStoreOptions(opts: StoreOptions): ResolvedStoreOptions {
  if (!opts.dir) throw new InvalidStoreOptionsError('dir is required');
  const check = (name: string, v: number | undefined, min: number): void => {
    if (v !== undefined && (!Number.isSafeInteger(v) || v < min)) {
      throw new InvalidStoreOptionsError(`${name} must be an integer >= ${min}, got ${v}`);
    }
  };
  check('segmentBytes', opts.segmentBytes, MIN_SEGMENT_BYTES);
  check('flushIntervalMs', opts.flushIntervalMs, 1);
  check('retentionMs', opts.retentionMs, 1);
  check('quotaBytes', opts.quotaBytes, MIN_SEGMENT_BYTES * 2);
  const policy = opts.flushPolicy ?? 'ASYNC_FLUSH';
  if (policy !== 'ASYNC_FLUSH' && policy !== 'SYNC_FLUSH') throw new InvalidStoreOptionsError(`unknown flushPolicy ${String(policy)}`);
  const quotaBytes = opts.quotaBytes ?? Number.MAX_SAFE_INTEGER;
  let segmentBytes = opts.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
  // With one huge segment a quota could never be met by dropping old data; keep at least ~4 segments under the quota.
  if (opts.quotaBytes !== undefined) segmentBytes = Math.max(MIN_SEGMENT_BYTES, Math.min(segmentBytes, Math.floor(quotaBytes / 4)));
  return {
    dir: opts.dir,
    segmentBytes,
    flushPolicy: policy,
    flushIntervalMs: opts.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS,
    retentionMs: opts.retentionMs ?? DEFAULT_RETENTION_MS,
    quotaBytes,
    now: opts.now ?? Date.now,
  };
}
