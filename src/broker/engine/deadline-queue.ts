// Many deadlines, one timer: a binary min-heap of (time, item) with a single clock timer armed for the earliest.
// Cancelling is lazy: the handler decides whether a due item still matters.

import { systemClock, type Clock, type Timer } from '../../domain/clock.js';

interface Entry<T> {
  at: number;
  item: T;
}

export class DeadlineQueue<T> {
  readonly #heap: Entry<T>[] = [];
  readonly #onDue: (items: T[]) => void;
  readonly #clock: Clock;
  #timer: Timer | undefined;
  #armedAt = Infinity;
  #closed = false;

  constructor(onDue: (items: T[]) => void, clock: Clock = systemClock) {
    this.#onDue = onDue;
    this.#clock = clock;
  }

  get size(): number {
    return this.#heap.length;
  }

  add(at: number, item: T): void {
    if (this.#closed) return;
    const h = this.#heap;
    h.push({ at, item });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.at <= h[i]!.at) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
    if (at < this.#armedAt) this.#arm();
  }

  close(): void {
    this.#closed = true;
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#heap.length = 0;
  }

  #pop(): Entry<T> {
    const h = this.#heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.at < h[m]!.at) m = l;
        if (r < h.length && h[r]!.at < h[m]!.at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }

  #arm(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#armedAt = Infinity;
    if (this.#closed || this.#heap.length === 0) return;
    const at = this.#heap[0]!.at;
    this.#armedAt = at;
    this.#timer = this.#clock.setTimer(() => this.#fire(), at - this.#clock.now(), false);
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedAt = Infinity;
    const now = this.#clock.now();
    const due: T[] = [];
    while (this.#heap.length > 0 && this.#heap[0]!.at <= now) due.push(this.#pop().item);
    if (due.length > 0) {
      try {
        this.#onDue(due);
      } finally {
        this.#arm();
      }
    } else {
      this.#arm();
    }
  }
}
