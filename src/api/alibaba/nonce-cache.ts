// Remembers signature nonces for the replay window so a captured request cannot be sent twice.
// Entries older than the window are dropped; a request that old is refused by its date anyway.

export const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;

export class NonceCache {
  private readonly seenAt = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly windowMs: number = SIGNATURE_WINDOW_MS) {}

  /** Records the nonce; returns false when it was already seen within the window. */
  remember(key: string, nowMs: number): boolean {
    this.sweep(nowMs);
    const at = this.seenAt.get(key);
    if (at !== undefined && nowMs - at <= this.windowMs) return false;
    this.seenAt.set(key, nowMs);
    return true;
  }

  get size(): number {
    return this.seenAt.size;
  }

  // Maps iterate in insertion order, which is (nearly) time order: stop at the first fresh entry.
  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweep < 1000 && this.seenAt.size < 100_000) return;
    this.lastSweep = nowMs;
    for (const [key, at] of this.seenAt) {
      if (nowMs - at <= this.windowMs) break;
      this.seenAt.delete(key);
    }
  }
}
