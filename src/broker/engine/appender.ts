// The one way messages become visible: append to the store, remember them in the tail cache, and wake the
// receives and pulls waiting for their topic, whichever protocol waits.
import type { Clock } from '../../domain/clock.js';
import type { AppendRecord, AppendResult } from '../storage/types.js';
import { EngineError } from './errors.js';
import { Notifier } from './notifier.js';
import type { MessageStoreApi } from './store-api.js';
import type { TailCache } from './tail-cache.js';

export class Appender {
  readonly notifier: Notifier;
  readonly #store: MessageStoreApi;
  readonly #tail: TailCache;
  readonly #lastMessageTime = new Map<string, number>();
  readonly #log: (obj: object, msg: string) => void;

  constructor(store: MessageStoreApi, tail: TailCache, clock: Clock, log: (obj: object, msg: string) => void) {
    this.#store = store;
    this.#tail = tail;
    this.#log = log;
    this.notifier = new Notifier(clock);
  }

  async append(records: AppendRecord[]): Promise<AppendResult[]> {
    let results: AppendResult[];
    try {
      results = await this.#store.append(records);
    } catch (e) {
      if ((e as { code?: string }).code === 'STORE_FULL') throw new EngineError('STORE_FULL', 'message store is full', { cause: e });
      if ((e as { name?: string }).name === 'MessageTooLargeError') throw new EngineError('MESSAGE_BODY_TOO_LARGE', (e as Error).message, { cause: e });
      throw e;
    }
    this.#tail.add(records, results);
    const topics = new Set<string>();
    results.forEach((r, i) => {
      const rec = records[i]!;
      this.#lastMessageTime.set(queueKey(rec.topic, rec.queueId), r.storeTimestamp);
      topics.add(rec.topic);
    });
    for (const t of topics) this.notifier.notify(t);
    return results;
  }

  lastMessageTime(topic: string, storeQueueId: number): number {
    return this.#lastMessageTime.get(queueKey(topic, storeQueueId)) ?? 0;
  }

  /** Reads the newest message of each queue once at start (status pages show when a queue last got one). */
  async loadLastMessageTime(topic: string, storeQueueId: number): Promise<void> {
    const r = this.#store.queueRange(topic, storeQueueId);
    if (r.max <= r.min) return;
    try {
      const [last] = await this.#store.read(topic, storeQueueId, r.max - 1, 1);
      if (last) this.#lastMessageTime.set(queueKey(topic, storeQueueId), last.storeTimestamp);
    } catch (e) {
      this.#log({ err: e, topic }, 'newest message unreadable');
    }
  }

  forgetTopic(topic: string): void {
    for (const k of [...this.#lastMessageTime.keys()]) if (k.startsWith(`${topic}\u0000`)) this.#lastMessageTime.delete(k);
    this.#tail.dropTopic(topic);
    this.notifier.notify(topic);
  }
}

const queueKey = (topic: string, sq: number): string => `${topic}\u0000${sq}`;
