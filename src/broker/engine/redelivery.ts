// Redelivery, one rule for both protocols: a 5.x delivery whose invisible time ran out and a message a 4.x consumer
// sent back are copied to the group's retry topic %RETRY%<group> (due after the retry backoff), or, out of attempts,
// to its dead-letter topic %DLQ%<group> (and the group's extra dead-letter topic, when set).
import type { Clock } from '../../domain/clock.js';
import { dlqTopicOf, retryTopicOf } from '../../domain/topic.js';
import type { AppendRecord, StoredMessage } from '../storage/types.js';
import type { Appender } from './appender.js';
import type { Consumer, ExpiryItem } from './consume.js';
import { groupNotFound, invalidHandle } from './errors.js';
import type { Metadata } from './metadata.js';
import type { InflightEntry, PopQueue } from './pop-queue.js';
import type { Producer } from './produce.js';
import { Prop, messageGroupOf, originTopicOf, withoutProps } from './properties.js';
import { brokerOrdinalOf, storeQueueId } from './queue-map.js';
import type { Scheduler } from './scheduler.js';
import type { MessageStoreApi } from './store-api.js';
import { retryBackoff } from './tunables.js';
import type { EngineTunables, GroupSpec } from './types.js';

export interface RedeliveryDeps {
  store: MessageStoreApi;
  meta: Metadata;
  appender: Appender;
  consumer: Consumer;
  producer: Producer;
  scheduler: Scheduler;
  tunables: EngineTunables;
  clock: Clock;
  isClientAlive: (clientId: string) => boolean;
  log: (obj: object, msg: string) => void;
}

export class Redelivery {
  readonly #d: RedeliveryDeps;
  #closed = false;

  constructor(deps: RedeliveryDeps) {
    this.#d = deps;
    deps.consumer.onExpired = (items) => this.#onExpired(items);
  }

  close(): void {
    this.#closed = true;
  }

  /**
   * A consumed message given back for redelivery after delayMs (4.x CONSUMER_SEND_MSG_BACK): a copy goes to the
   * group's retry topic on the message's broker, due then, or to its dead-letter topic once `maxRetries` (the group's
   * unless the client asks for fewer) are used up. delayMs undefined: the retry backoff of the next attempt.
   */
  async sendBack(group: string, m: StoredMessage, delayMs: number | undefined, maxRetries?: number): Promise<'retry' | 'dead-letter'> {
    const g = this.#d.meta.group(group);
    if (!g) throw groupNotFound(group);
    const ordinal = Math.max(0, Math.min(brokerOrdinalOf(m.queueId), this.#d.meta.brokerNames.length - 1));
    const attempt = m.reconsumeTimes + 1;
    const max = maxRetries === undefined ? g.maxRetries : Math.min(maxRetries, g.maxRetries);
    if (attempt > max) {
      await this.#appendDeadLetter(g, ordinal, m, attempt);
      return 'dead-letter';
    }
    const rec = retryRecord(g, ordinal, m, attempt);
    const wait = delayMs ?? retryBackoff(this.#d.tunables, attempt);
    if (wait > this.#d.tunables.delayThresholdMs) await this.#d.scheduler.schedule(rec, this.#d.clock.now() + wait);
    else await this.#d.appender.append([rec]);
    return 'retry';
  }

  /** Moves a message to the group's dead-letter topic at the consumer's request (FIFO push consumers). */
  async forwardToDeadLetter(group: string, handle: string): Promise<void> {
    const r = this.#d.consumer.resolveHandle(group, handle);
    if (!r.e) throw invalidHandle('expired or already acknowledged');
    const e = r.pq.takeInflight(r.offset)!;
    r.pq.reviving.add(r.offset);
    try {
      const m = await this.#d.store.getByCommitLogOffset(e.commitLogOffset);
      if (m) await this.#appendDeadLetter(this.#d.meta.group(group)!, brokerOrdinalOf(r.pq.storeQueueId), m, e.attempt);
      r.pq.reviving.delete(r.offset);
      r.pq.markDone(r.offset);
      this.#d.appender.notifier.notify(r.pq.storeTopic);
    } catch (err) {
      r.pq.reviving.delete(r.offset);
      this.#restoreInflight(r.pq, e);
      throw err;
    }
  }

  #onExpired(items: ExpiryItem[]): void {
    const now = this.#d.clock.now();
    for (const { pq, offset, seq } of items) {
      const e = pq.entry(offset, seq);
      if (!e) continue;
      if (e.autoRenew && !e.released && !this.#closed && this.#d.isClientAlive(e.clientId) && now - e.firstDeliveredAt < this.#d.tunables.autoRenewMaxMs) {
        e.visibleAt = now + this.#d.tunables.autoRenewInvisibleMs;
        this.#d.consumer.expiry.add(e.visibleAt, { pq, offset, seq });
        continue;
      }
      const g = this.#d.meta.group(pq.group);
      pq.takeInflight(offset);
      if (!g) continue;
      const exhausted = e.attempt >= g.maxRetries + 1;
      if (g.consumeOrderly && e.messageGroup !== undefined && !exhausted) {
        pq.requeue(e, e.attempt + 1);
        this.#d.appender.notifier.notify(pq.storeTopic);
        continue;
      }
      pq.reviving.add(offset);
      void this.#revive(g, pq, e, exhausted);
    }
  }

  /** Copies an expired delivery to the retry topic (or, out of attempts, the dead-letter topic), then finishes it. */
  async #revive(g: GroupSpec, pq: PopQueue, e: InflightEntry, exhausted: boolean): Promise<void> {
    try {
      const m = await this.#d.store.getByCommitLogOffset(e.commitLogOffset);
      if (m) {
        const ordinal = brokerOrdinalOf(pq.storeQueueId);
        if (exhausted) await this.#appendDeadLetter(g, ordinal, m, e.attempt);
        else await this.#d.appender.append([retryRecord(g, ordinal, m, e.attempt)]);
      }
      pq.reviving.delete(e.offset);
      pq.markDone(e.offset);
      if (e.messageGroup !== undefined) this.#d.appender.notifier.notify(pq.storeTopic);
    } catch (err) {
      pq.reviving.delete(e.offset);
      if (this.#closed) return;
      this.#d.log({ err, group: g.name, messageId: e.messageId }, 'redelivery failed; will try again');
      this.#restoreInflight(pq, { ...e, visibleAt: this.#d.clock.now() + 1_000 });
    }
  }

  #restoreInflight(pq: PopQueue, e: InflightEntry): void {
    const seq = this.#d.consumer.nextSeq();
    const entry = { ...e, seq, released: true };
    pq.inflight.set(e.offset, entry);
    if (entry.messageGroup !== undefined && this.#d.meta.group(pq.group)?.consumeOrderly) pq.busy.set(entry.messageGroup, e.offset);
    this.#d.consumer.expiry.add(entry.visibleAt, { pq, offset: e.offset, seq });
  }

  async #appendDeadLetter(g: GroupSpec, ordinal: number, m: StoredMessage, attempt: number): Promise<void> {
    const props = {
      ...withoutProps(m.properties, [Prop.RETRY_TOPIC, Prop.LEGACY_RETRY_AT]),
      [Prop.DLQ_ORIGIN_TOPIC]: originTopicOf(m),
      [Prop.DLQ_ORIGIN_MESSAGE_ID]: m.messageId,
      [Prop.MAX_RECONSUME_TIMES]: String(attempt),
    };
    const records: AppendRecord[] = [
      { ...copyOf(m), topic: dlqTopicOf(g.name), queueId: storeQueueId(ordinal, 0), properties: props, reconsumeTimes: 0 },
    ];
    const extra = g.deadLetterTopic ? this.#d.meta.userTopic(g.deadLetterTopic) : undefined;
    if (extra) {
      const q = this.#d.producer.pickQueue(extra, messageGroupOf(m));
      records.push({
        ...copyOf(m),
        topic: extra.name,
        queueId: storeQueueId(this.#d.meta.brokerNames.indexOf(q.brokerName), q.queueId),
        properties: props,
        reconsumeTimes: 0,
      });
    }
    await this.#d.appender.append(records);
    this.#d.log({ group: g.name, messageId: m.messageId, attempt }, 'message moved to dead-letter topic');
  }
}

/** The copy of a message in its group's retry queue on the message's broker: same id, one more reconsume. */
export const retryRecord = (g: GroupSpec, ordinal: number, m: StoredMessage, attempt: number): AppendRecord => ({
  ...copyOf(m),
  topic: retryTopicOf(g.name),
  queueId: storeQueueId(ordinal, 0),
  properties: {
    ...withoutProps(m.properties, [Prop.LEGACY_RETRY_AT]),
    [Prop.RETRY_TOPIC]: originTopicOf(m),
    [Prop.ORIGIN_MESSAGE_ID]: m.properties[Prop.ORIGIN_MESSAGE_ID] ?? m.messageId,
  },
  reconsumeTimes: attempt,
});

const copyOf = (m: StoredMessage): AppendRecord => {
  const r: AppendRecord = {
    topic: m.topic,
    queueId: m.queueId,
    body: m.body,
    messageId: m.messageId,
    keys: m.keys,
    properties: m.properties,
    bornTimestamp: m.bornTimestamp,
    flag: m.flag,
    sysFlag: m.sysFlag,
    reconsumeTimes: m.reconsumeTimes,
  };
  if (m.tag !== undefined) r.tag = m.tag;
  if (m.bornHost !== undefined) r.bornHost = m.bornHost;
  return r;
};
