// RemotingBackend over the Engine's public API and its message store. What the engine does not offer yet for a
// 4.x broker (a send into the queue the client chose that keeps flag/sysFlag/reconsumeTimes, pull by offset,
// send-back into %RETRY%<group>) is done here on the store, with the engine's layout: its store queue bands
// (queue-map), its retry/DLQ topic names and its property names.

import {
  Engine, MessageProp, RETRY_PREFIX, brokerOrdinalOf, dlqTopicOf, queueIdOf, retryTopicOf, storeQueueId,
  type OutgoingMessage, type TopicSpec,
} from '../../engine/index.js';
import { MessageStore } from '../../storage/index.js';
import type { AppendRecord, QueueRange, StoredMessage } from '../../storage/types.js';
import type {
  EndTransactionRequest, EngineQueue, RemotingBackend, RemotingGroup, RemotingTopic, SendBackOutcome, SendOutcome,
} from './backend.js';
import { ResponseCode } from './codes.js';
import { engineCall } from './engine-errors.js';
import { MESSAGE_GROUP_PROPERTY, RETRY_DUE_PROPERTY, type IncomingMessage } from './message-mapping.js';
import { searchOffsetByTimestamp } from './broker-offsets.js';
import { MessageProperty } from './properties.js';
import { RequestRejected } from './reply-error.js';
import { UniqueIdGenerator } from './unique-id.js';

export interface EngineBackendOptions {
  clusterName: string;
  /** Host part of generated message ids. */
  hostIp?: string;
  /** How often a suspended pull re-checks its queue for appends made outside this front end (5.x sends, retries). */
  pollIntervalMs?: number;
}

/** 4.x bookkeeping properties a 5.x send may not carry (the engine reserves them); kept only on the direct path. */
const isReservedForEngine = (k: string, reserved: ReadonlySet<string>): boolean => reserved.has(k) || k.startsWith('__HANGAR_');

export class EngineRemotingBackend implements RemotingBackend {
  readonly clusterName: string;
  readonly #engine: Engine;
  readonly #ids: UniqueIdGenerator;
  readonly #pollMs: number;
  readonly #roundRobin = new Map<string, number>();
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #reserved: ReadonlySet<string>;

  constructor(engine: Engine, opts: EngineBackendOptions) {
    this.#engine = engine;
    this.clusterName = opts.clusterName;
    this.#ids = new UniqueIdGenerator(opts.hostIp);
    this.#pollMs = opts.pollIntervalMs ?? 100;
    this.#reserved = new Set<string>([
      ...Object.values(MessageProp), ...Object.values(MessageProperty), 'RECONSUME_TIME', 'BUYER_ID', 'CORRECTION_FLAG', 'MQ2_FLAG',
      'INSTANCE_ID', 'TIMER_OUT_MS', 'TIMER_ENQUEUE_MS', 'TIMER_DEQUEUE_MS', 'TIMER_ROLL_TIMES', 'TIMER_DEL_UNIQKEY',
      'TRANSACTION_CHECK_TIMES', 'POP_CK', 'POP_CK_OFFSET', '1ST_POP_TIME', 'SHARDING_KEY', 'UNIQ_CLIENT_MESSAGE_ID_KEYIDX',
      'INNER_MULTI_DISPATCH', 'INNER_MULTI_QUEUE_OFFSET', 'INNER_NUM',
    ]);
    // Appends by the engine (5.x sends, retries, due delays) wake 4.x long polls at once.
    engine.onAppend((topic) => this.#wakeWaiters(topic));
  }

  get #store() {
    return this.#engine.store;
  }

  brokerNames(): string[] {
    return [...this.#engine.brokerNames];
  }

  #spec(name: string): TopicSpec | undefined {
    const t = this.#engine.topic(name);
    if (t) return t;
    // The engine keeps one retry queue per broker for each group; 4.x consumers pull it as a topic.
    if (name.startsWith(RETRY_PREFIX) && this.#engine.group(name.slice(RETRY_PREFIX.length))) {
      return { name, messageType: 'MIXED', queueNum: 1, brokers: [...this.#engine.brokerNames], perm: 'all' };
    }
    return undefined;
  }

  topic(name: string): RemotingTopic | undefined {
    const t = this.#spec(name);
    if (!t) return undefined;
    const queues: EngineQueue[] = [];
    for (const brokerName of t.brokers) for (let queueId = 0; queueId < t.queueNum; queueId++) queues.push({ brokerName, queueId });
    return { name: t.name, perm: t.perm, ordered: t.messageType === 'FIFO', queues };
  }

  topicNames(): string[] {
    return this.#engine.metadata().topics.map((t) => t.name);
  }

  group(name: string): RemotingGroup | undefined {
    const g = this.#engine.group(name);
    return g && { name: g.name, maxRetries: g.maxRetries, consumeOrderly: g.consumeOrderly, broadcast: g.broadcast, enabled: g.enabled };
  }

  #storeQueue(q: EngineQueue): number {
    const ordinal = this.#engine.brokerNames.indexOf(q.brokerName);
    if (ordinal < 0) throw new RequestRejected(ResponseCode.SYSTEM_ERROR, `unknown broker ${q.brokerName}`);
    return storeQueueId(ordinal, q.queueId);
  }

  queueOfStored(msg: StoredMessage): EngineQueue {
    return { brokerName: this.#engine.brokerNames[brokerOrdinalOf(msg.queueId)] ?? this.#engine.brokerNames[0]!, queueId: queueIdOf(msg.queueId) };
  }

  async send(msg: IncomingMessage, queue: EngineQueue | undefined, bornHost: string): Promise<SendOutcome> {
    const messageId = msg.uniqueKey ?? this.#ids.next();
    // Delay and transaction messages need the engine's scheduler and half-message log: they go through send().
    if (msg.messageType === 'DELAY' || msg.messageType === 'TRANSACTION') return this.#sendThroughEngine(msg, messageId, bornHost);
    const t = this.#spec(msg.topic);
    if (!t) throw new RequestRejected(ResponseCode.TOPIC_NOT_EXIST, `topic[${msg.topic}] not exist, apply first please!`);
    const q = queue ?? this.#pick(t, msg.messageGroup);
    const properties = { ...msg.properties };
    if (msg.messageGroup) properties[MESSAGE_GROUP_PROPERTY] = msg.messageGroup;
    const rec: AppendRecord = {
      topic: msg.topic,
      queueId: this.#storeQueue(q),
      body: msg.body,
      messageId,
      keys: msg.keys,
      properties,
      bornTimestamp: msg.bornTimestamp,
      bornHost,
      flag: msg.flag,
      sysFlag: msg.sysFlag,
      reconsumeTimes: msg.reconsumeTimes,
    };
    if (msg.tag) rec.tag = msg.tag;
    const [res] = await engineCall(() => this.#store.append([rec]));
    this.#wake(msg.topic);
    return { messageId, queue: q, queueOffset: res!.queueOffset, commitLogOffset: res!.commitLogOffset, storeTimestamp: res!.storeTimestamp };
  }

  #pick(t: TopicSpec, messageGroup: string | undefined): EngineQueue {
    const n = t.brokers.length * t.queueNum;
    let k: number;
    if (messageGroup) {
      let h = 0x811c9dc5;
      for (let i = 0; i < messageGroup.length; i++) h = Math.imul(h ^ messageGroup.charCodeAt(i), 0x01000193);
      k = (h >>> 0) % n;
    } else {
      k = (this.#roundRobin.get(t.name) ?? 0) % n;
      this.#roundRobin.set(t.name, (k + 1) % n);
    }
    return { brokerName: t.brokers[Math.floor(k / t.queueNum)]!, queueId: k % t.queueNum };
  }

  async #sendThroughEngine(msg: IncomingMessage, messageId: string, bornHost: string): Promise<SendOutcome> {
    const userProperties: Record<string, string> = {};
    for (const [k, v] of Object.entries(msg.properties)) if (!isReservedForEngine(k, this.#reserved)) userProperties[k] = v;
    const out: OutgoingMessage = {
      topic: msg.topic,
      body: msg.body,
      messageId,
      messageType: msg.messageType,
      keys: msg.keys,
      userProperties,
      bornTimestamp: msg.bornTimestamp,
      bornHost,
    };
    if (msg.tag) out.tag = msg.tag;
    if (msg.messageGroup) out.messageGroup = msg.messageGroup;
    if (msg.deliveryTimestamp !== undefined) out.deliveryTimestamp = msg.deliveryTimestamp;
    const [receipt] = await engineCall(() => this.#engine.send([out]));
    // The receipt has no commit-log offset; the record (schedule or half message) is indexed by its id.
    const stored = await this.#store.getByMessageId(messageId);
    const res: SendOutcome = {
      messageId,
      queue: { brokerName: receipt!.brokerName, queueId: receipt!.queueId },
      queueOffset: receipt!.offset,
      commitLogOffset: stored?.commitLogOffset ?? 0,
      storeTimestamp: stored?.storeTimestamp ?? Date.now(),
    };
    if (receipt!.transactionId) res.transactionId = receipt!.transactionId;
    return res;
  }

  read(topic: string, queue: EngineQueue, offset: number, maxCount: number, maxBytes: number): Promise<StoredMessage[]> {
    return this.#store.read(topic, this.#storeQueue(queue), offset, maxCount, { maxBytes });
  }

  range(topic: string, queue: EngineQueue): QueueRange {
    return this.#store.queueRange(topic, this.#storeQueue(queue));
  }

  /** Woken at once by any append (ours through #wake, the engine's through onAppend); polling is a safety net. */
  waitForMessages(topic: string, queue: EngineQueue, offset: number, ms: number, signal: AbortSignal): Promise<void> {
    const sq = this.#storeQueue(queue);
    if (this.#store.queueRange(topic, sq).max > offset || ms <= 0 || signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        signal.removeEventListener('abort', done);
        this.#waiters.get(topic)?.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      const poll = setInterval(() => {
        if (this.#store.queueRange(topic, sq).max > offset) done();
      }, this.#pollMs);
      signal.addEventListener('abort', done, { once: true });
      let set = this.#waiters.get(topic);
      if (!set) this.#waiters.set(topic, (set = new Set()));
      set.add(done);
    });
  }

  /** After our own direct store appends: wake 5.x receives (through the engine) and our own long polls. */
  #wake(topic: string): void {
    this.#engine.notifyAppended(topic);
  }

  #wakeWaiters(topic: string): void {
    const set = this.#waiters.get(topic);
    if (!set) return;
    this.#waiters.delete(topic);
    for (const w of set) w();
  }

  consumerOffset(group: string, topic: string, queue: EngineQueue): number | undefined {
    return this.#store.getOffset(group, topic, this.#storeQueue(queue));
  }

  commitConsumerOffset(group: string, topic: string, queue: EngineQueue, offset: number): void {
    this.#store.commitOffset(group, topic, this.#storeQueue(queue), offset);
  }

  consumerSeen(c: { clientId: string; group: string; topics: string[]; address: string; language: string; version: number }): void {
    this.#engine.registerClient({
      clientId: `${c.clientId}#${c.group}`,
      address: c.address,
      language: c.language,
      version: String(c.version),
      clientType: 'PUSH_CONSUMER',
      group: c.group,
      topics: c.topics,
    });
  }

  consumerGone(clientId: string, group: string): void {
    this.#engine.removeClient(`${clientId}#${group}`);
  }

  searchOffset(topic: string, queue: EngineQueue, timestamp: number): Promise<number> {
    const store = this.#store;
    if (store instanceof MessageStore) return Promise.resolve(store.searchOffsetByTime(topic, this.#storeQueue(queue), timestamp));
    return searchOffsetByTimestamp(this, topic, queue, timestamp);
  }

  messageByCommitLogOffset(offset: number): Promise<StoredMessage | undefined> {
    return this.#store.getByCommitLogOffset(offset);
  }

  messageById(messageId: string): Promise<StoredMessage | undefined> {
    return this.#store.getByMessageId(messageId);
  }

  async messagesByKey(topic: string, key: string, maxNum: number, begin: number, end: number): Promise<StoredMessage[]> {
    const store = this.#store;
    if (!(store instanceof MessageStore)) return [];
    return store.queryByKey(topic, key, { beginMs: begin, endMs: end, max: maxNum });
  }

  async sendBack(group: string, msg: StoredMessage, delayMs: number | undefined, maxReconsumeTimes: number): Promise<SendBackOutcome> {
    const ordinal = brokerOrdinalOf(msg.queueId);
    const originTopic = msg.properties[MessageProp.RETRY_TOPIC] ?? msg.topic;
    const base: AppendRecord = {
      topic: msg.topic,
      queueId: msg.queueId,
      body: msg.body,
      messageId: msg.messageId,
      keys: msg.keys,
      properties: msg.properties,
      bornTimestamp: msg.bornTimestamp,
      flag: msg.flag,
      sysFlag: msg.sysFlag,
      reconsumeTimes: msg.reconsumeTimes,
    };
    if (msg.tag !== undefined) base.tag = msg.tag;
    if (msg.bornHost !== undefined) base.bornHost = msg.bornHost;
    if (msg.reconsumeTimes >= maxReconsumeTimes) {
      // Same record the engine writes for 5.x consumers out of attempts.
      const props: Record<string, string> = { ...msg.properties };
      delete props[MessageProp.RETRY_TOPIC];
      delete props[RETRY_DUE_PROPERTY];
      props[MessageProp.DLQ_ORIGIN_TOPIC] = originTopic;
      props[MessageProp.DLQ_ORIGIN_MESSAGE_ID] = msg.messageId;
      props[MessageProp.MAX_RECONSUME_TIMES] = String(msg.reconsumeTimes + 1);
      const records: AppendRecord[] = [{ ...base, topic: dlqTopicOf(group), queueId: storeQueueId(ordinal, 0), properties: props, reconsumeTimes: 0 }];
      const extra = this.#engine.group(group)?.deadLetterTopic;
      const extraSpec = extra ? this.#engine.topic(extra) : undefined;
      if (extraSpec) {
        const q = this.#pick(extraSpec, undefined);
        records.push({ ...base, topic: extraSpec.name, queueId: this.#storeQueue(q), properties: props, reconsumeTimes: 0 });
      }
      await engineCall(() => this.#store.append(records));
      for (const r of records) this.#wake(r.topic);
      return 'dlq';
    }
    const attempt = msg.reconsumeTimes + 1;
    const backoff = this.#engine.tunables.retryBackoffMs;
    const wait = delayMs ?? (backoff.length === 0 ? 0 : backoff[Math.min(attempt, backoff.length) - 1]!);
    const props: Record<string, string> = {
      ...msg.properties,
      [MessageProp.RETRY_TOPIC]: originTopic,
      [MessageProp.ORIGIN_MESSAGE_ID]: msg.properties[MessageProp.ORIGIN_MESSAGE_ID] ?? msg.messageId,
      [RETRY_DUE_PROPERTY]: String(Date.now() + wait),
    };
    const topic = retryTopicOf(group);
    await engineCall(() => this.#store.append([{ ...base, topic, queueId: storeQueueId(ordinal, 0), properties: props, reconsumeTimes: attempt }]));
    this.#wake(topic);
    return 'retry';
  }

  async endTransaction(req: EndTransactionRequest): Promise<void> {
    // END_TRANSACTION carries no topic: the half message (found by its commit-log offset or id) knows it.
    let half = req.commitLogOffset > 0 ? await this.#store.getByCommitLogOffset(req.commitLogOffset) : undefined;
    if (!half || (req.messageId && half.messageId !== req.messageId)) half = req.messageId ? await this.#store.getByMessageId(req.messageId) : undefined;
    const topic = half?.properties[MessageProp.REAL_TOPIC] ?? half?.topic;
    if (!half || !topic) throw new RequestRejected(ResponseCode.SYSTEM_ERROR, `no half message for transaction ${req.transactionId}`);
    await engineCall(() => this.#engine.endTransaction(topic, half.messageId, req.transactionId, req.commit));
  }
}
