// TPS limits of an instance (its flavour), of a topic (maxSendTps) and of a consumer group (maxReceiveTps), one
// token bucket each. Every send and every delivery, whichever protocol, passes here.
import type { Clock } from '../../domain/clock.js';
import { EngineError } from './errors.js';
import type { Metadata } from './metadata.js';
import { TokenBucket } from './rate-limit.js';

export class Limits {
  readonly #clock: Clock;
  readonly #instance: TokenBucket | undefined;
  readonly #instanceTps: number | undefined;
  readonly #topics = new Map<string, TokenBucket>();
  readonly #groups = new Map<string, TokenBucket>();

  constructor(clock: Clock, instanceTps: number | undefined) {
    this.#clock = clock;
    this.#instanceTps = instanceTps && instanceTps > 0 ? instanceTps : undefined;
    this.#instance = this.#instanceTps ? new TokenBucket(this.#instanceTps, clock.now()) : undefined;
  }

  /** Follows the metadata's limits (kept buckets keep their tokens). */
  sync(meta: Metadata): void {
    const now = this.#clock.now();
    const sync = (buckets: Map<string, TokenBucket>, specs: { name: string; tps?: number }[]): void => {
      const names = new Set<string>();
      for (const { name, tps } of specs) {
        if (!tps) continue;
        names.add(name);
        const cur = buckets.get(name);
        if (cur) cur.setRate(tps);
        else buckets.set(name, new TokenBucket(tps, now));
      }
      for (const n of [...buckets.keys()]) if (!names.has(n)) buckets.delete(n);
    };
    sync(this.#topics, meta.userTopics().map((t) => ({ name: t.name, tps: t.maxSendTps })));
    sync(this.#groups, meta.groups().map((g) => ({ name: g.name, tps: g.maxReceiveTps })));
  }

  /** Takes `count` sends of the topic, or refuses them all (nothing taken from the instance when the topic refuses). */
  takeSends(topic: string, count: number): void {
    const now = this.#clock.now();
    const t = this.#topics.get(topic);
    if (t && !t.take(count, now)) throw new EngineError('TOO_MANY_REQUESTS', `topic ${topic} is above its limit of ${t.rate} messages per second (maxSendTps)`);
    if (this.#instance && !this.#instance.take(count, now)) {
      throw new EngineError('TOO_MANY_REQUESTS', `instance is above its limit of ${this.#instanceTps} messages per second (TPS of its flavour)`);
    }
  }

  /** Refuses a receive of a group whose bucket is empty; deliveries are counted afterwards by tookDeliveries. */
  checkReceive(group: string): void {
    const g = this.#groups.get(group);
    if (g && !g.take(0, this.#clock.now())) {
      throw new EngineError('TOO_MANY_REQUESTS', `consumer group ${group} is above its limit of ${g.rate} messages per second (maxReceiveTps)`);
    }
  }

  tookDeliveries(group: string, count: number): void {
    if (count === 0) return;
    const now = this.#clock.now();
    this.#groups.get(group)?.take(count, now);
    this.#instance?.take(count, now);
  }
}
