// Finding stored messages of a topic for the management API: by id (the store's id index), by key (its key index) or
// by store time (a binary search of each consume queue). The work per request is bounded however large the topic:
// a time query costs a search per queue plus the page it reads; an id or key query reads at most MAX_KEY_MATCHES
// index entries.
import { MAX_KEY_MATCHES, MAX_QUERY_PAGE, type MessageQuery } from '../../domain/message.js';
import type { StoredMessage } from '../storage/types.js';
import { EngineError, topicNotFound } from './errors.js';
import type { Metadata } from './metadata.js';
import { storeQueueId } from './queue-map.js';
import type { MessageStoreApi } from './store-api.js';

export interface FoundMessages {
  total: number;
  messages: StoredMessage[];
}

export class MessageQueries {
  constructor(
    private readonly store: MessageStoreApi,
    private readonly meta: Metadata,
  ) {}

  async find(topic: string, q: MessageQuery): Promise<FoundMessages> {
    const t = this.meta.topic(topic);
    if (!t) throw topicNotFound(topic);
    if (!(Number.isSafeInteger(q.offset) && q.offset >= 0)) throw new EngineError('BAD_REQUEST', 'offset must be an integer >= 0');
    if (!(Number.isSafeInteger(q.limit) && q.limit >= 1 && q.limit <= MAX_QUERY_PAGE)) {
      throw new EngineError('BAD_REQUEST', `limit must be an integer from 1 to ${MAX_QUERY_PAGE}`);
    }
    const begin = q.beginMs ?? 0;
    const end = q.endMs ?? Number.MAX_SAFE_INTEGER;
    if (begin > end) throw new EngineError('BAD_REQUEST', 'the start of the time range is after its end');
    const queues = this.#storeQueues(topic, q.queue);
    const inWindow = (m: StoredMessage): boolean => m.storeTimestamp >= begin && m.storeTimestamp <= end && queues.includes(m.queueId);
    if (q.messageId !== undefined) {
      const all = (await this.store.messagesById(q.messageId, 16)).filter((m) => m.topic === topic && inWindow(m));
      return { total: all.length, messages: all.slice(q.offset, q.offset + q.limit) };
    }
    if (q.key !== undefined) {
      const all = (await this.store.queryByKey(topic, q.key, { beginMs: begin, endMs: end, max: MAX_KEY_MATCHES })).filter(inWindow);
      return { total: all.length, messages: all.slice(q.offset, q.offset + q.limit) };
    }
    return this.#byTime(topic, queues, begin, end, q.offset, q.limit);
  }

  /** Oldest first, queue by queue: [first offset stored at or after begin, first offset stored after end) of each. */
  async #byTime(topic: string, queues: number[], begin: number, end: number, offset: number, limit: number): Promise<FoundMessages> {
    const spans = queues.map((sq) => {
      const range = this.store.queueRange(topic, sq);
      const from = Math.max(range.min, this.store.searchOffsetByTime(topic, sq, begin));
      const to = end >= Number.MAX_SAFE_INTEGER ? range.max : Math.min(range.max, this.store.searchOffsetByTime(topic, sq, end + 1));
      return { sq, from, count: Math.max(0, to - from) };
    });
    const total = spans.reduce((n, s) => n + s.count, 0);
    const messages: StoredMessage[] = [];
    let skip = offset;
    for (const s of spans) {
      if (messages.length >= limit) break;
      if (skip >= s.count) {
        skip -= s.count;
        continue;
      }
      const want = Math.min(limit - messages.length, s.count - skip);
      const read = await this.store.read(topic, s.sq, s.from + skip, want);
      for (const m of read) messages.push(m);
      skip = 0;
    }
    return { total, messages };
  }

  #storeQueues(topic: string, queue: MessageQuery['queue']): number[] {
    const t = this.meta.topic(topic)!;
    const out: number[] = [];
    const names = this.meta.brokerNames;
    for (const b of t.brokers) {
      for (let id = 0; id < t.queueNum; id++) {
        if (queue && ((queue.brokerName !== undefined && queue.brokerName !== b) || queue.queueId !== id)) continue;
        out.push(storeQueueId(names.indexOf(b), id));
      }
    }
    if (queue && out.length === 0) throw new EngineError('BAD_REQUEST', `topic ${topic} has no queue ${queue.queueId}${queue.brokerName ? ` on ${queue.brokerName}` : ''}`);
    return out;
  }
}
