// Producing: every send, from either protocol, is checked here (topic, permission, message type, body size,
// properties, send TPS) before anything is stored, then appended to its queue, scheduled (DELAY) or kept as a half
// message (TRANSACTION). Nothing of a refused call is stored.
import type { Clock } from '../../domain/clock.js';
import { hashString } from '../storage/index.js';
import type { AppendRecord } from '../storage/types.js';
import type { Appender } from './appender.js';
import { EngineError, topicNotFound } from './errors.js';
import type { Limits } from './limits.js';
import type { Metadata } from './metadata.js';
import { Prop, isReservedProperty, keptSystemProperties } from './properties.js';
import { storeQueueId } from './queue-map.js';
import type { Scheduler } from './scheduler.js';
import type { Transactions } from './transactions.js';
import type { EngineQueue, EngineTunables, MessageType, OutgoingMessage, SendReceipt, TopicSpec } from './types.js';

const ACCEPTS: Record<TopicSpec['messageType'], readonly MessageType[]> = {
  NORMAL: ['NORMAL'],
  FIFO: ['FIFO'],
  DELAY: ['DELAY'],
  TRANSACTION: ['TRANSACTION'],
  MIXED: ['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION'],
};

export const acceptedMessageTypes = (t: TopicSpec): readonly MessageType[] => ACCEPTS[t.messageType];

export interface ProducerDeps {
  meta: Metadata;
  limits: Limits;
  appender: Appender;
  scheduler: Scheduler;
  transactions: Transactions;
  tunables: EngineTunables;
  clock: Clock;
}

interface Planned {
  m: OutgoingMessage;
  rec: AppendRecord;
  queue: EngineQueue;
}

export class Producer {
  readonly #d: ProducerDeps;
  readonly #roundRobin = new Map<string, number>();

  constructor(deps: ProducerDeps) {
    this.#d = deps;
  }

  async send(messages: OutgoingMessage[]): Promise<SendReceipt[]> {
    const now = this.#d.clock.now();
    const planned: Planned[] = messages.map((m) => {
      const t = this.#check(m, now);
      const queue = m.queue ?? this.pickQueue(t, m.messageGroup);
      return { m, queue, rec: this.#recordOf(m, t, queue) };
    });
    const perTopic = new Map<string, number>();
    for (const p of planned) perTopic.set(p.m.topic, (perTopic.get(p.m.topic) ?? 0) + 1);
    for (const [topic, n] of perTopic) this.#d.limits.takeSends(topic, n);

    const receipts = new Array<SendReceipt>(planned.length);
    const direct: number[] = [];
    for (let i = 0; i < planned.length; i++) {
      const { m, rec, queue } = planned[i]!;
      if (m.messageType === 'TRANSACTION') {
        const r = await this.#d.transactions.prepare(rec);
        receipts[i] = { ...queue, messageId: r.transactionId, offset: r.offset, commitLogOffset: r.commitLogOffset, storeTimestamp: r.storeTimestamp, transactionId: r.transactionId };
      } else if (m.messageType === 'DELAY' && m.deliveryTimestamp! - now > this.#d.tunables.delayThresholdMs) {
        const r = await this.#d.scheduler.schedule(rec, m.deliveryTimestamp!);
        receipts[i] = { ...queue, messageId: r.messageId, offset: r.offset, commitLogOffset: r.commitLogOffset, storeTimestamp: r.storeTimestamp, recallHandle: r.recallHandle };
      } else {
        direct.push(i);
      }
    }
    if (direct.length > 0) {
      const results = await this.#d.appender.append(direct.map((i) => planned[i]!.rec));
      direct.forEach((i, k) => {
        const r = results[k]!;
        receipts[i] = { ...planned[i]!.queue, messageId: r.messageId, offset: r.queueOffset, commitLogOffset: r.commitLogOffset, storeTimestamp: r.storeTimestamp };
      });
    }
    return receipts;
  }

  /** The engine picks the queue when the producer did not: message group hash for FIFO, else round robin. */
  pickQueue(t: TopicSpec, messageGroup: string | undefined): EngineQueue {
    const n = t.brokers.length * t.queueNum;
    let k: number;
    if (messageGroup) {
      k = hashString(messageGroup) % n;
    } else {
      k = this.#roundRobin.get(t.name) ?? Math.floor(Math.random() * n);
      this.#roundRobin.set(t.name, (k + 1) % n);
      k %= n;
    }
    return { brokerName: t.brokers[Math.floor(k / t.queueNum)]!, queueId: k % t.queueNum };
  }

  #check(m: OutgoingMessage, now: number): TopicSpec {
    const t = this.#d.meta.topic(m.topic);
    if (!t) throw topicNotFound(m.topic);
    if (t.perm === 'sub') throw new EngineError('FORBIDDEN', `topic ${m.topic} does not accept messages (perm sub)`);
    if (!m.messageId) throw new EngineError('ILLEGAL_MESSAGE_ID', 'message id is empty');
    if (m.body.length === 0) throw new EngineError('MESSAGE_BODY_EMPTY', 'message body is empty');
    const max = this.#d.tunables.maxBodyBytes;
    if (m.body.length > max) throw new EngineError('MESSAGE_BODY_TOO_LARGE', `message body is ${m.body.length} bytes, more than the instance's ${max}`);
    const accepted = acceptedMessageTypes(t);
    if (!accepted.includes(m.messageType)) {
      throw new EngineError('MESSAGE_PROPERTY_CONFLICT_WITH_TYPE', `topic ${t.name} accepts ${accepted.join(', ')} messages, not ${m.messageType}`);
    }
    if (m.messageType === 'FIFO' && !m.messageGroup) throw new EngineError('ILLEGAL_MESSAGE_GROUP', 'FIFO message without message group');
    if (m.messageType === 'DELAY') {
      const at = m.deliveryTimestamp;
      if (at === undefined || !Number.isFinite(at)) throw new EngineError('ILLEGAL_DELIVERY_TIME', 'DELAY message without delivery time');
      if (at - now > this.#d.tunables.maxDelayMs) {
        throw new EngineError('ILLEGAL_DELIVERY_TIME', `delivery time is more than ${this.#d.tunables.maxDelayMs} ms ahead`);
      }
    }
    for (const k of Object.keys(m.userProperties ?? {})) {
      if (isReservedProperty(k)) throw new EngineError('ILLEGAL_MESSAGE_PROPERTY_KEY', `property ${k} is reserved`);
    }
    if (m.queue && (!t.brokers.includes(m.queue.brokerName) || !(m.queue.queueId >= 0 && m.queue.queueId < t.queueNum))) {
      throw new EngineError('BAD_REQUEST', `topic ${t.name} has no queue ${m.queue.queueId} on ${m.queue.brokerName}`);
    }
    return t;
  }

  #recordOf(m: OutgoingMessage, t: TopicSpec, q: EngineQueue): AppendRecord {
    const props: Record<string, string> = { ...(m.userProperties ?? {}) };
    if (m.systemProperties) Object.assign(props, keptSystemProperties(m.systemProperties));
    if (m.messageGroup) props[Prop.MESSAGE_GROUP] = m.messageGroup;
    if (m.messageType === 'DELAY' && m.deliveryTimestamp !== undefined) props[Prop.DELIVER_AT] = String(m.deliveryTimestamp);
    if (m.traceContext) props[Prop.TRACE_CONTEXT] = m.traceContext;
    const rec: AppendRecord = {
      topic: t.name,
      queueId: storeQueueId(this.#d.meta.brokerNames.indexOf(q.brokerName), q.queueId),
      body: m.body,
      messageId: m.messageId,
      properties: props,
      bornTimestamp: m.bornTimestamp,
    };
    if (m.tag !== undefined && m.tag !== '') rec.tag = m.tag;
    if (m.keys && m.keys.length > 0) rec.keys = m.keys;
    if (m.bornHost) rec.bornHost = m.bornHost;
    if (m.flag) rec.flag = m.flag;
    if (m.sysFlag) rec.sysFlag = m.sysFlag;
    if (m.reconsumeTimes) rec.reconsumeTimes = m.reconsumeTimes;
    if (m.messageIdAt) rec.messageIdAt = m.messageIdAt;
    return rec;
  }
}

