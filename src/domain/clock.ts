// Time as a dependency: everything that reads the time or waits takes a Clock, so tests (and `HANGAR_TEST_CLOCK=1`)
// move time forward instead of sleeping. The system clock is Date.now and setTimeout; the adjustable clock runs at
// real speed plus an offset that `advance` grows, firing at once every timer the jump made due.

export interface Timer {
  cancel(): void;
}

export interface Clock {
  now(): number;
  /** Calls fn once, ms from now by this clock; a background timer (keepAlive false) does not keep the process alive. */
  setTimer(fn: () => void, ms: number, keepAlive?: boolean): Timer;
}

export const systemClock: Clock = {
  now: Date.now,
  setTimer(fn, ms, keepAlive = true) {
    const t = setTimeout(fn, Math.max(0, ms));
    if (!keepAlive) t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

interface Pending {
  at: number;
  fn: () => void;
  keepAlive: boolean;
  real: NodeJS.Timeout | undefined;
  done: boolean;
}

/** Real time plus an offset; `advance` jumps ahead and runs every timer that became due, in due order. */
export class AdjustableClock implements Clock {
  #offset: number;
  readonly #pending = new Set<Pending>();

  constructor(offsetMs = 0) {
    this.#offset = offsetMs;
  }

  /** How far ahead of real time this clock is (what a new broker process starts from). */
  get offsetMs(): number {
    return this.#offset;
  }

  now(): number {
    return Date.now() + this.#offset;
  }

  setTimer(fn: () => void, ms: number, keepAlive = true): Timer {
    const p: Pending = { at: this.now() + Math.max(0, ms), fn, keepAlive, real: undefined, done: false };
    this.#pending.add(p);
    this.#arm(p);
    return { cancel: () => this.#finish(p) };
  }

  /** Moves time forward by ms (never back) and fires the timers now due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs a non-negative number of ms, got ${ms}`);
    this.setOffset(this.#offset + ms);
  }

  /** Sets the offset to at least its current value (a broker catching up with the control plane's clock). */
  setOffset(offsetMs: number): void {
    if (offsetMs <= this.#offset) return;
    this.#offset = offsetMs;
    const now = this.now();
    const due = [...this.#pending].filter((p) => p.at <= now).sort((a, b) => a.at - b.at);
    for (const p of due) {
      this.#finish(p);
      p.fn();
    }
    for (const p of this.#pending) this.#arm(p);
  }

  #arm(p: Pending): void {
    if (p.real) clearTimeout(p.real);
    p.real = setTimeout(() => {
      this.#finish(p);
      p.fn();
    }, Math.max(0, p.at - this.now()));
    if (!p.keepAlive) p.real.unref();
  }

  #finish(p: Pending): void {
    if (p.done) return;
    p.done = true;
    if (p.real) clearTimeout(p.real);
    this.#pending.delete(p);
  }
}

/** Resolves after ms by the clock, or at once when the signal aborts. */
export const sleep = (clock: Clock, ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = (): void => {
      timer.cancel();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = clock.setTimer(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** Time that stands still until advanced (tests): timers fire only when `advance` reaches them. */
export class ManualClock implements Clock {
  #now: number;
  readonly #pending = new Set<{ at: number; fn: () => void }>();

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimer(fn: () => void, ms: number): Timer {
    const p = { at: this.#now + Math.max(0, ms), fn };
    this.#pending.add(p);
    return { cancel: () => this.#pending.delete(p) };
  }

  /** Moves time forward and fires, in due order, every timer it passes (also timers those set within the jump). */
  advance(ms: number): void {
    const target = this.#now + Math.max(0, ms);
    for (;;) {
      let next: { at: number; fn: () => void } | undefined;
      for (const p of this.#pending) if (p.at <= target && (!next || p.at < next.at)) next = p;
      if (!next) break;
      this.#pending.delete(next);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
    }
    this.#now = target;
  }
}
