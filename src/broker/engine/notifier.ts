// Wakes long-polling receives when something they could take appears (an append, an ack that unblocks a FIFO
// message group, a redelivery). Versions close the race between "found nothing" and "started waiting".

import { systemClock, type Clock } from '../../domain/clock.js';

export class Notifier {
  readonly #clock: Clock;
  readonly #versions = new Map<string, number>();
  readonly #waiters = new Map<string, Set<() => void>>();

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  version(key: string): number {
    return this.#versions.get(key) ?? 0;
  }

  notify(key: string): void {
    this.#versions.set(key, this.version(key) + 1);
    const set = this.#waiters.get(key);
    if (!set) return;
    this.#waiters.delete(key);
    for (const wake of set) wake();
  }

  /** Resolves when any key moves past the version seen, after ms, or on abort — whichever first. */
  wait(seen: Map<string, number>, ms: number, signal?: AbortSignal): Promise<void> {
    for (const [k, v] of seen) if (this.version(k) !== v) return Promise.resolve();
    if (ms <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        timer.cancel();
        signal?.removeEventListener('abort', finish);
        for (const k of seen.keys()) this.#waiters.get(k)?.delete(finish);
        resolve();
      };
      const timer = this.#clock.setTimer(finish, ms);
      signal?.addEventListener('abort', finish, { once: true });
      for (const k of seen.keys()) {
        let set = this.#waiters.get(k);
        if (!set) this.#waiters.set(k, (set = new Set()));
        set.add(finish);
      }
    });
  }

  /** Wakes everyone (shutdown). */
  wakeAll(): void {
    for (const k of [...this.#waiters.keys()]) this.notify(k);
  }
}
