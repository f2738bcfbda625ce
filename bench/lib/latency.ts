// Latency samples of one measurement and their percentiles (nearest-rank), in milliseconds.
export class LatencyRecorder {
  private samples: number[] = [];

  /** Records the time since `startNs` (a process.hrtime.bigint() reading). */
  since(startNs: bigint): void {
    this.samples.push(Number(process.hrtime.bigint() - startNs) / 1e6);
  }

  add(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  /** Nearest-rank percentile, p in [0, 100]; NaN when there are no samples. */
  percentile(p: number): number {
    return percentile(this.samples, p);
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}
