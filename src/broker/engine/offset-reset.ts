// Offset resets and the 4.x consumers that have not noticed them yet. A reset commits the group's new offsets (5.x
// receives continue from there at once); a 4.x consumer keeps its own offset, so until it pulls from the reset point
// its pulls are answered "offset moved" with the new offset, and the stale offsets it commits meanwhile are ignored.
// Messages behind the reset point stay in the store. A 4.x consumer connected at the reset pulls within its suspend
// time, so a reset stays pending for the client expiry time at most: a consumer that joins later starts from the
// group's offset anyway.
import type { Clock } from '../../domain/clock.js';
import type { QueueReset, ResetTarget } from '../../domain/message.js';
import type { Consumer } from './consume.js';
import { EngineError } from './errors.js';
import type { MessageStoreApi } from './store-api.js';
import type { TopicSpec } from './types.js';

const key = (group: string, topic: string, sq: number): string => `${group}\u0000${topic}\u0000${sq}`;

/** The offset a reset moves one queue to, within what the queue holds. */
export function resetOffsetOf(target: ResetTarget, range: { min: number; max: number }, byTime: (ms: number) => number): number {
  switch (target.kind) {
    case 'earliest':
      return range.min;
    case 'latest':
      return range.max;
    case 'time':
      if (!Number.isSafeInteger(target.timestampMs) || target.timestampMs < 0) throw new EngineError('BAD_REQUEST', 'the reset time must be ms since the epoch');
      return Math.min(Math.max(byTime(target.timestampMs), range.min), range.max);
    case 'offset':
      if (!Number.isSafeInteger(target.offset) || target.offset < 0) throw new EngineError('BAD_REQUEST', 'the reset offset must be an integer >= 0');
      return Math.min(Math.max(target.offset, range.min), range.max);
    default:
      throw new EngineError('BAD_REQUEST', 'a reset goes to the earliest, the latest, a time or an offset');
  }
}

export class PendingResets {
  /** Queue → when its reset stops being pending. */
  readonly #pending = new Map<string, number>();
  readonly #waiters = new Map<string, Set<() => void>>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** Remembers a reset of one queue for the 4.x consumers and wakes their suspended pulls. */
  set(group: string, topic: string, sq: number): void {
    const k = key(group, topic, sq);
    this.#pending.set(k, this.clock.now() + this.ttlMs);
    const ws = this.#waiters.get(k);
    this.#waiters.delete(k);
    for (const w of ws ?? []) w();
  }

  /**
   * The offset a 4.x pull from `offset` must move to while a reset is pending: the group's committed offset (the reset
   * point, or past it once other consumers went on). A pull there shows the consumer took the reset.
   */
  movedFor(group: string, topic: string, sq: number, offset: number, committed: number): number | undefined {
    const k = key(group, topic, sq);
    if (!this.isPending(group, topic, sq)) return undefined;
    if (offset === committed) {
      this.#pending.delete(k);
      return undefined;
    }
    return committed;
  }

  /** A 4.x consumer's commit is stale while a reset it has not taken is pending. */
  isPending(group: string, topic: string, sq: number): boolean {
    const k = key(group, topic, sq);
    const until = this.#pending.get(k);
    if (until === undefined) return false;
    if (this.clock.now() < until) return true;
    this.#pending.delete(k);
    return false;
  }

  /** `done` resolves when a reset of the queue comes or on cancel (a suspended 4.x pull races it with new messages). */
  wait(group: string, topic: string, sq: number): { done: Promise<void>; cancel: () => void } {
    const k = key(group, topic, sq);
    let wake: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (wake = resolve));
    let set = this.#waiters.get(k);
    if (!set) this.#waiters.set(k, (set = new Set()));
    set.add(wake);
    const cancel = (): void => {
      this.#waiters.get(k)?.delete(wake);
      if (this.#waiters.get(k)?.size === 0) this.#waiters.delete(k);
      wake();
    };
    return { done, cancel };
  }

  /** Forgets a group's pending resets (the group or its subscription is gone). */
  forget(match: (group: string, topic: string) => boolean): void {
    for (const k of [...this.#pending.keys()]) {
      const [g, t] = k.split('\u0000') as [string, string];
      if (match(g, t)) this.#pending.delete(k);
    }
  }
}

/** Moves a group's offsets on every queue of a topic and marks them pending for its 4.x consumers. */
export function resetGroupOffsets(
  d: { store: MessageStoreApi; consumer: Consumer; resets: PendingResets },
  group: string,
  t: TopicSpec,
  target: ResetTarget,
): QueueReset[] {
  const out: QueueReset[] = [];
  for (const brokerName of t.brokers) {
    for (let queueId = 0; queueId < t.queueNum; queueId++) {
      const queue = { brokerName, queueId };
      const sq = d.consumer.storeQueue(t, queue);
      const offset = resetOffsetOf(target, d.store.queueRange(t.name, sq), (ms) => d.store.searchOffsetByTime(t.name, sq, ms));
      // Backward, the queue's consumption state starts over: what was in flight is delivered again from the new
      // offset, not also through the retry queue when its invisible time ends.
      const pq = d.consumer.popQueue(group, t.name, sq, brokerName);
      if (offset < pq.committed) for (const o of [...pq.inflight.keys()]) pq.takeInflight(o);
      d.consumer.commitOffset(group, t.name, queue, offset);
      d.resets.set(group, t.name, sq);
      out.push({ brokerName, queueId, offset });
    }
  }
  return out;
}
