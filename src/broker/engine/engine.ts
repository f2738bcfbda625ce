// The broker's message engine: topics spread over the instance's logical brokers, consumer groups with
// pop-style consumption (receipt handles, invisible time, retries, dead letters), FIFO, delay and transaction
// messages — all state that must survive a crash kept in the message store.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppendRecord, AppendResult, StoredMessage } from '../storage/types.js';
import { DeadlineQueue } from './deadline-queue.js';
import { EngineError, groupNotFound, invalidHandle, topicNotFound } from './errors.js';
import { readMetadataFile, writeMetadataFile } from './metadata-file.js';
import { validateGroup, validateTopic } from './metadata-rules.js';
import { Notifier } from './notifier.js';
import { PopQueue, type InflightEntry, type Popped } from './pop-queue.js';
import {
  Prop,
  deliverAtOf,
  isReservedProperty,
  messageGroupOf,
  messageTypeOf,
  originTopicOf,
  userPropertiesOf,
  withoutProps,
} from './properties.js';
import { brokerOrdinalOf, queueIdOf, storeQueueId } from './queue-map.js';
import { TokenBucket } from './rate-limit.js';
import { decodeReceiptHandle, encodeReceiptHandle } from './receipt-handle.js';
import { Scheduler } from './scheduler.js';
import { TailCache } from './tail-cache.js';
import { openMessageStore, type MessageStoreApi, type StoreOpener } from './store-api.js';
import { DLQ_PREFIX, RETRY_PREFIX, dlqTopicOf, retryTopicOf } from '../../domain/topic.js';
import { MATCH_ALL, parseTagFilter, type TagFilter } from './tag-filter.js';
import { Transactions, type CheckBack } from './transactions.js';
import { resolveTunables, retryBackoff } from './tunables.js';
import type {
  BrokerMetadata,
  ClientInfo,
  Delivery,
  EngineOptions,
  EngineTunables,
  GroupProgressRow,
  GroupSpec,
  MessageType,
  OutgoingMessage,
  ReceiveRequest,
  SendReceipt,
  TopicSpec,
  TopicStatus,
} from './types.js';

export { RETRY_PREFIX, DLQ_PREFIX, retryTopicOf, dlqTopicOf };

/** Most bytes of message bodies one receive hands out (the batch is cut short beyond). */
const MAX_RECEIVE_BYTES = 16 * 1024 * 1024;

interface ExpiryItem {
  pq: PopQueue;
  offset: number;
  seq: number;
}

interface ClientRecord extends ClientInfo {
  lastSeen: number;
}

/** Engine construction hooks beyond the contract (tests inject a store opener or a clock-free setup). */
export interface EngineDeps {
  openStore?: StoreOpener;
}

const ACCEPTS: Record<TopicSpec['messageType'], readonly MessageType[]> = {
  NORMAL: ['NORMAL'],
  FIFO: ['FIFO'],
  DELAY: ['DELAY'],
  TRANSACTION: ['TRANSACTION'],
  MIXED: ['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION'],
};

export const acceptedMessageTypes = (t: TopicSpec): readonly MessageType[] => ACCEPTS[t.messageType];

export class Engine {
  readonly brokerNames: readonly string[];
  readonly tunables: EngineTunables;
  readonly #dataDir: string;
  readonly #store: MessageStoreApi;
  readonly #log: (obj: object, msg: string) => void;
  readonly #topics = new Map<string, TopicSpec>();
  readonly #groups = new Map<string, GroupSpec>();
  readonly #popQueues = new Map<string, PopQueue>();
  readonly #roundRobin = new Map<string, number>();
  readonly #lastMessageTime = new Map<string, number>();
  readonly #clients = new Map<string, ClientRecord>();
  readonly #topicLimits = new Map<string, TokenBucket>();
  readonly #groupLimits = new Map<string, TokenBucket>();
  readonly #instanceLimit: TokenBucket | undefined;
  readonly #notifier = new Notifier();
  readonly #tail = new TailCache();
  readonly #appendListeners = new Set<(topic: string) => void>();
  readonly #expiry: DeadlineQueue<ExpiryItem>;
  readonly #scheduler: Scheduler;
  readonly #transactions: Transactions;
  readonly #epoch = Math.floor(Math.random() * 0x3fffffff);
  #seq = 0;
  #closed = false;
  #metaWrite: Promise<void> = Promise.resolve();

  private constructor(opts: EngineOptions, store: MessageStoreApi, tunables: EngineTunables) {
    this.brokerNames = [...opts.brokerNames];
    this.tunables = tunables;
    this.#dataDir = opts.dataDir;
    this.#store = store;
    this.#log = opts.log ?? (() => undefined);
    this.#instanceLimit = opts.maxTps && opts.maxTps > 0 ? new TokenBucket(opts.maxTps) : undefined;
    this.#expiry = new DeadlineQueue<ExpiryItem>((items) => this.#onExpired(items));
    const onError = (e: unknown): void => this.#log({ err: e }, 'engine background task failed');
    this.#scheduler = new Scheduler(store, (records) => this.#appendVisible(records).then(() => undefined), onError);
    this.#transactions = new Transactions(
      store,
      tunables,
      (records) => this.#appendVisible(records).then(() => undefined),
      onError,
      (m) => this.#log(m, 'transaction rolled back after unanswered check-backs'),
    );
  }

  static async open(opts: EngineOptions, deps: EngineDeps = {}): Promise<Engine> {
    if (!opts.brokerNames || opts.brokerNames.length === 0) {
      throw new EngineError('INVALID_METADATA', 'an engine needs at least one broker name');
    }
    await fs.mkdir(opts.dataDir, { recursive: true });
    const open = deps.openStore ?? openMessageStore;
    const store = await open({ ...opts.store, dir: opts.store?.dir ?? path.join(opts.dataDir, 'store') });
    const engine = new Engine(opts, store, resolveTunables(opts.tunables));
    try {
      const meta = await readMetadataFile(opts.dataDir);
      for (const t of meta.topics) {
        // Brokers the instance no longer has (scaled down) keep their data but serve no queues.
        const brokers = t.brokers.filter((b) => engine.brokerNames.includes(b));
        if (brokers.length > 0) engine.#topics.set(t.name, { ...t, brokers });
        else engine.#log({ topic: t.name, brokers: t.brokers }, 'topic has no broker of this instance; not served');
      }
      for (const g of meta.groups) engine.#groups.set(g.name, g);
      engine.#syncLimits();
      await engine.#scheduler.open();
      await engine.#transactions.open();
      for (const t of engine.#topics.values()) await engine.#loadLastMessageTimes(t);
    } catch (e) {
      await store.close();
      throw e;
    }
    return engine;
  }

  // ---- metadata -------------------------------------------------------------------------------------------

  metadata(): BrokerMetadata {
    return {
      topics: [...this.#topics.values()].map((t) => ({ ...t, brokers: [...t.brokers] })),
      groups: [...this.#groups.values()].map((g) => ({ ...g })),
    };
  }

  async applyMetadata(meta: BrokerMetadata): Promise<void> {
    this.#assertOpen();
    const topics = (meta.topics ?? []).map((t) => validateTopic(t, this.brokerNames));
    const groups = (meta.groups ?? []).map(validateGroup);
    const topicNames = new Set(topics.map((t) => t.name));
    const groupNames = new Set(groups.map((g) => g.name));
    const goneTopics = [...this.#topics.keys()].filter((n) => !topicNames.has(n));
    const goneGroups = [...this.#groups.keys()].filter((n) => !groupNames.has(n));
    for (const n of goneTopics) this.#topics.delete(n);
    for (const n of goneGroups) this.#groups.delete(n);
    for (const t of topics) this.#topics.set(t.name, t);
    for (const g of groups) this.#groups.set(g.name, g);
    this.#syncLimits();
    await this.#persist();
    for (const n of goneTopics) await this.#dropTopicData(n);
    for (const n of goneGroups) await this.#dropGroupData(n);
  }

  async upsertTopic(t: TopicSpec): Promise<void> {
    this.#assertOpen();
    const spec = validateTopic(t, this.brokerNames);
    this.#topics.set(spec.name, spec);
    this.#syncLimits();
    await this.#persist();
  }

  async deleteTopic(name: string): Promise<void> {
    this.#assertOpen();
    if (!this.#topics.delete(name)) return;
    this.#syncLimits();
    await this.#persist();
    await this.#dropTopicData(name);
  }

  async upsertGroup(g: GroupSpec): Promise<void> {
    this.#assertOpen();
    const spec = validateGroup(g);
    this.#groups.set(spec.name, spec);
    this.#syncLimits();
    await this.#persist();
  }

  async deleteGroup(name: string): Promise<void> {
    this.#assertOpen();
    if (!this.#groups.delete(name)) return;
    this.#syncLimits();
    await this.#persist();
    await this.#dropGroupData(name);
  }

  /** A user topic, or the dead-letter topic of an existing group (consumable like any topic). */
  topic(name: string): TopicSpec | undefined {
    const t = this.#topics.get(name);
    if (t) return t;
    if (name.startsWith(DLQ_PREFIX) && this.#groups.has(name.slice(DLQ_PREFIX.length))) {
      return { name, messageType: 'MIXED', queueNum: 1, brokers: [...this.brokerNames], perm: 'all' };
    }
    return undefined;
  }

  group(name: string): GroupSpec | undefined {
    return this.#groups.get(name);
  }

  // ---- status ---------------------------------------------------------------------------------------------

  topicStatus(name: string): TopicStatus {
    const t = this.topic(name);
    if (!t) throw topicNotFound(name);
    return {
      brokers: t.brokers.map((brokerName) => {
        const ordinal = this.brokerNames.indexOf(brokerName);
        const queues = [];
        for (let id = 0; id < t.queueNum; id++) {
          const sq = storeQueueId(ordinal, id);
          const r = this.#store.queueRange(name, sq);
          queues.push({ id, minOffset: r.min, maxOffset: r.max, lastMessageTime: this.#lastMessageTime.get(qkey(name, sq)) ?? 0 });
        }
        return { brokerName, queues };
      }),
    };
  }

  groupProgress(group: string): GroupProgressRow[] {
    if (!this.#groups.has(group)) throw groupNotFound(group);
    const subscribed = new Set<string>();
    for (const c of this.#liveClients()) if (c.group === group) for (const t of c.topics) subscribed.add(t);
    const rows: GroupProgressRow[] = [];
    const topics = [...this.#topics.values()];
    const dlq = this.topic(dlqTopicOf(group));
    if (dlq) topics.push(dlq);
    for (const t of topics) {
      const perQueue: GroupProgressRow[] = [];
      let known = subscribed.has(t.name);
      for (const brokerName of t.brokers) {
        const ordinal = this.brokerNames.indexOf(brokerName);
        for (let id = 0; id < t.queueNum; id++) {
          const sq = storeQueueId(ordinal, id);
          const range = this.#store.queueRange(t.name, sq);
          const pq = this.#popQueues.get(pqKey(group, t.name, sq));
          const saved = pq ? pq.committed : this.#store.getOffset(group, t.name, sq);
          if (saved !== undefined) known = true;
          const consumerOffset = Math.max(saved ?? range.min, range.min);
          perQueue.push({
            topic: t.name,
            brokerName,
            queueId: id,
            brokerOffset: range.max,
            consumerOffset,
            lag: Math.max(0, range.max - consumerOffset),
            lastMessageTime: this.#lastMessageTime.get(qkey(t.name, sq)) ?? 0,
          });
        }
      }
      if (known) rows.push(...perQueue);
    }
    return rows;
  }

  // ---- clients --------------------------------------------------------------------------------------------

  registerClient(info: ClientInfo): void {
    this.#clients.set(info.clientId, { ...info, lastSeen: Date.now() });
    if (this.#clients.size > 1000) this.#pruneClients();
  }

  touchClient(clientId: string): void {
    const c = this.#clients.get(clientId);
    if (c) c.lastSeen = Date.now();
  }

  removeClient(clientId: string): void {
    this.#clients.delete(clientId);
  }

  clientInfo(clientId: string): ClientInfo | undefined {
    return this.#clients.get(clientId);
  }

  isClientAlive(clientId: string): boolean {
    const c = this.#clients.get(clientId);
    return c !== undefined && Date.now() - c.lastSeen < this.tunables.clientExpiryMs;
  }

  clients(group: string): { clientId: string; address: string; language: string; version: string }[] {
    return this.#liveClients()
      .filter((c) => c.group === group)
      .map((c) => ({ clientId: c.clientId, address: c.address, language: c.language, version: c.version }));
  }

  /** Live producers that publish to the topic, or all live producers (for transaction check-backs). */
  producersOf(topic: string | undefined): ClientInfo[] {
    return this.#liveClients().filter(
      (c) => c.clientType === 'PRODUCER' && (topic === undefined || c.topics.length === 0 || c.topics.includes(topic)),
    );
  }

  set transactionChecker(fn: CheckBack) {
    this.#transactions.checkBack = fn;
  }

  // ---- produce --------------------------------------------------------------------------------------------

  async send(messages: OutgoingMessage[]): Promise<SendReceipt[]> {
    this.#assertOpen();
    const now = Date.now();
    const receipts = new Array<SendReceipt>(messages.length);
    const direct: { i: number; rec: AppendRecord; brokerName: string }[] = [];
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i]!;
      const t = this.#checkSendable(m, now);
      const { brokerName, queueId } = this.#pickQueue(t, m);
      const rec = this.#recordOf(m, t, brokerName, queueId);
      if (m.messageType === 'TRANSACTION') {
        const { transactionId, offset } = await this.#transactions.prepare(rec);
        receipts[i] = { messageId: m.messageId, brokerName, queueId, offset, transactionId };
      } else if (m.messageType === 'DELAY' && m.deliveryTimestamp! - now > this.tunables.delayThresholdMs) {
        const { offset, recallHandle } = await this.#scheduler.schedule(rec, m.deliveryTimestamp!);
        receipts[i] = { messageId: m.messageId, brokerName, queueId, offset, recallHandle };
      } else {
        direct.push({ i, rec, brokerName });
      }
    }
    if (direct.length > 0) {
      const results = await this.#appendVisible(direct.map((d) => d.rec));
      direct.forEach((d, k) => {
        receipts[d.i] = {
          messageId: d.rec.messageId,
          brokerName: d.brokerName,
          queueId: queueIdOf(d.rec.queueId),
          offset: results[k]!.queueOffset,
        };
      });
    }
    return receipts;
  }

  async endTransaction(topic: string, messageId: string, transactionId: string, commit: boolean): Promise<void> {
    this.#assertOpen();
    if (!this.topic(topic)) throw topicNotFound(topic);
    await this.#transactions.end(transactionId, messageId, commit);
  }

  /** Cancels a delay message before it is due; returns its message id. */
  async recall(topic: string, recallHandle: string): Promise<string> {
    this.#assertOpen();
    if (!this.topic(topic)) throw topicNotFound(topic);
    const id = await this.#scheduler.recall(recallHandle);
    if (id === undefined) throw new EngineError('NOT_FOUND', 'no pending delay message for this recall handle');
    return id;
  }

  /**
   * Gives a consumed message back for redelivery after delayMs (4.x CONSUMER_SEND_MSG_BACK): a copy goes to the
   * group's retry topic on the message's broker, or to its dead-letter topic once the group's retries are used up.
   */
  async sendBack(group: string, m: StoredMessage, delayMs: number): Promise<'retry' | 'dead-letter'> {
    this.#assertOpen();
    const g = this.#groups.get(group);
    if (!g) throw groupNotFound(group);
    const ordinal = Math.max(0, Math.min(brokerOrdinalOf(m.queueId), this.brokerNames.length - 1));
    const brokerName = this.brokerNames[ordinal]!;
    const attempt = m.reconsumeTimes + 1;
    const pseudo = { brokerName, storeQueueId: storeQueueId(ordinal, 0) } as PopQueue;
    if (attempt > g.maxRetries) {
      await this.#appendDeadLetter(g, pseudo, m, attempt);
      return 'dead-letter';
    }
    const rec: AppendRecord = {
      ...copyOf(m),
      topic: retryTopicOf(g.name),
      queueId: storeQueueId(ordinal, 0),
      properties: { ...m.properties, [Prop.RETRY_TOPIC]: originTopicOf(m), [Prop.ORIGIN_MESSAGE_ID]: m.messageId },
      reconsumeTimes: attempt,
    };
    if (delayMs > this.tunables.delayThresholdMs) await this.#scheduler.schedule(rec, Date.now() + delayMs);
    else await this.#appendVisible([rec]);
    return 'retry';
  }

  #checkSendable(m: OutgoingMessage, now: number): TopicSpec {
    const t = this.topic(m.topic);
    if (!t) throw topicNotFound(m.topic);
    if (t.perm === 'sub') throw new EngineError('FORBIDDEN', `topic ${m.topic} does not accept messages (perm sub)`);
    if (!m.messageId) throw new EngineError('ILLEGAL_MESSAGE_ID', 'message id is empty');
    if (!acceptedMessageTypes(t).includes(m.messageType)) {
      throw new EngineError(
        'MESSAGE_PROPERTY_CONFLICT_WITH_TYPE',
        `topic ${t.name} accepts ${acceptedMessageTypes(t).join(', ')} messages, not ${m.messageType}`,
      );
    }
    if (m.messageType === 'FIFO' && !m.messageGroup) throw new EngineError('ILLEGAL_MESSAGE_GROUP', 'FIFO message without message group');
    if (m.messageType === 'DELAY') {
      const at = m.deliveryTimestamp;
      if (at === undefined || !Number.isFinite(at)) throw new EngineError('ILLEGAL_DELIVERY_TIME', 'DELAY message without delivery time');
      if (at - now > this.tunables.maxDelayMs) {
        throw new EngineError('ILLEGAL_DELIVERY_TIME', `delivery time is more than ${this.tunables.maxDelayMs} ms ahead`);
      }
    }
    for (const k of Object.keys(m.userProperties ?? {})) {
      if (isReservedProperty(k)) throw new EngineError('ILLEGAL_MESSAGE_PROPERTY_KEY', `property ${k} is reserved`);
    }
    if (t.maxSendTps !== undefined && !this.#topicLimits.get(t.name)?.take(1, now)) {
      throw new EngineError('TOO_MANY_REQUESTS', `topic ${t.name} is above ${t.maxSendTps} messages per second`);
    }
    if (this.#instanceLimit && !this.#instanceLimit.take(1, now)) {
      throw new EngineError('TOO_MANY_REQUESTS', 'instance is above its TPS limit');
    }
    return t;
  }

  /** The engine picks the queue (clients address queue 0 only): message group hash for FIFO, else round robin. */
  #pickQueue(t: TopicSpec, m: OutgoingMessage): { brokerName: string; queueId: number } {
    const n = t.brokers.length * t.queueNum;
    let k: number;
    if (m.messageGroup) {
      k = hashString(m.messageGroup) % n;
    } else {
      k = this.#roundRobin.get(t.name) ?? Math.floor(Math.random() * n);
      this.#roundRobin.set(t.name, (k + 1) % n);
      k %= n;
    }
    return { brokerName: t.brokers[Math.floor(k / t.queueNum)]!, queueId: k % t.queueNum };
  }

  #recordOf(m: OutgoingMessage, t: TopicSpec, brokerName: string, queueId: number): AppendRecord {
    const props: Record<string, string> = { ...(m.userProperties ?? {}) };
    if (m.messageGroup) props[Prop.MESSAGE_GROUP] = m.messageGroup;
    if (m.messageType === 'DELAY' && m.deliveryTimestamp !== undefined) props[Prop.DELIVER_AT] = String(m.deliveryTimestamp);
    if (m.traceContext) props[Prop.TRACE_CONTEXT] = m.traceContext;
    const rec: AppendRecord = {
      topic: t.name,
      queueId: storeQueueId(this.brokerNames.indexOf(brokerName), queueId),
      body: m.body,
      messageId: m.messageId,
      properties: props,
      bornTimestamp: m.bornTimestamp,
    };
    if (m.tag !== undefined && m.tag !== '') rec.tag = m.tag;
    if (m.keys && m.keys.length > 0) rec.keys = m.keys;
    if (m.bornHost) rec.bornHost = m.bornHost;
    return rec;
  }

  /** Appends records consumers may see at once and wakes the receives waiting for their topics. */
  async #appendVisible(records: AppendRecord[]): Promise<AppendResult[]> {
    let results: AppendResult[];
    try {
      results = await this.#store.append(records);
    } catch (e) {
      if ((e as { code?: string }).code === 'STORE_FULL') throw new EngineError('STORE_FULL', 'message store is full', { cause: e });
      throw e;
    }
    this.#tail.add(records, results);
    const topics = new Set<string>();
    results.forEach((r, i) => {
      const rec = records[i]!;
      this.#lastMessageTime.set(qkey(rec.topic, rec.queueId), r.storeTimestamp);
      topics.add(rec.topic);
    });
    for (const t of topics) this.notifyAppended(t);
    return results;
  }

  /** Calls listener with the topic of every append the engine makes (for other protocols' long polls). */
  onAppend(listener: (topic: string) => void): () => void {
    this.#appendListeners.add(listener);
    return () => this.#appendListeners.delete(listener);
  }

  /** Wakes receives waiting on the topic; for writers that append to the store directly. */
  notifyAppended(topic: string): void {
    this.#notifier.notify(topic);
    for (const l of this.#appendListeners) {
      try {
        l(topic);
      } catch (e) {
        this.#log({ err: e }, 'append listener failed');
      }
    }
  }

  // ---- consume --------------------------------------------------------------------------------------------

  async receive(req: ReceiveRequest): Promise<Delivery[]> {
    this.#assertOpen();
    const g = this.#groups.get(req.group);
    if (!g) throw groupNotFound(req.group);
    if (!g.enabled) throw new EngineError('FORBIDDEN', `consumer group ${g.name} is disabled`);
    const t = this.topic(req.topic);
    if (!t) throw topicNotFound(req.topic);
    if (t.perm === 'pub') throw new EngineError('FORBIDDEN', `topic ${t.name} cannot be consumed (perm pub)`);
    const filter = parseTagFilter(req.filter);
    const brokers = req.brokerName && t.brokers.includes(req.brokerName) ? [req.brokerName] : t.brokers;
    const retryTopic = retryTopicOf(g.name);
    const queues: { pq: PopQueue; retry: boolean }[] = [];
    for (const b of brokers) {
      const ordinal = this.brokerNames.indexOf(b);
      queues.push({ pq: this.#popQueue(g.name, retryTopic, storeQueueId(ordinal, 0), b), retry: true });
      for (let id = 0; id < t.queueNum; id++) queues.push({ pq: this.#popQueue(g.name, t.name, storeQueueId(ordinal, id), b), retry: false });
    }
    const batch = Math.max(1, Math.min(req.batchSize || 32, 1024));
    const deadline = Date.now() + Math.max(0, Math.min(req.longPollMs, this.tunables.longPollMs));
    const rrKey = `${g.name}\u0000${t.name}\u0000${req.brokerName ?? ''}`;
    for (;;) {
      const seen = new Map([
        [t.name, this.#notifier.version(t.name)],
        [retryTopic, this.#notifier.version(retryTopic)],
      ]);
      const limit = g.maxReceiveTps !== undefined ? this.#groupLimits.get(g.name) : undefined;
      if (limit && !limit.take(0)) throw new EngineError('TOO_MANY_REQUESTS', `group ${g.name} is above ${g.maxReceiveTps} messages per second`);
      const start = this.#roundRobin.get(rrKey) ?? 0;
      this.#roundRobin.set(rrKey, (start + 1) % queues.length);
      // Share the batch out over the queues that hold messages, in round-robin order, and pop them all at once: a
      // receive then costs one storage read of latency, not one per queue. Queues another receive is popping are left
      // to it (waiting for its lock would only find what it left behind). A queue may hand out less than its share
      // (FIFO groups in flight, filtered or finished messages): the rest goes to the queues not tried yet.
      const out: Delivery[] = [];
      const tried = new Set<PopQueue>();
      let busy: PopQueue[] = [];
      while (out.length < batch) {
        const picks: { pq: PopQueue; retry: boolean; max: number }[] = [];
        busy = [];
        let want = batch - out.length;
        for (let k = 0; k < queues.length && want > 0; k++) {
          const { pq, retry } = queues[(start + k) % queues.length]!;
          if (tried.has(pq)) continue;
          const backlog = pq.backlog();
          if (backlog === 0) continue;
          if (pq.popping) {
            busy.push(pq);
            continue;
          }
          const max = Math.min(want, backlog);
          tried.add(pq);
          picks.push({ pq, retry, max });
          want -= max;
        }
        if (picks.length === 0) break;
        let popped: Delivery[];
        try {
          popped = await this.#popAll(picks, g, req, filter);
        } catch (e) {
          if (out.length === 0) throw e;
          break; // hand out what the earlier round took rather than leave it invisible
        }
        for (const d of popped) out.push(d);
      }
      if (out.length > 0) {
        limit?.take(out.length);
        this.#instanceLimit?.take(out.length);
        return out;
      }
      const left = deadline - Date.now();
      if (left <= 0 || req.signal?.aborted || this.#closed) return out;
      // Queues another receive was popping may hold more than it took: look again once it is done.
      if (busy.length > 0) {
        await Promise.race(busy.map((pq) => pq.idle()));
        continue;
      }
      await this.#notifier.wait(seen, left, req.signal);
    }
  }

  /** Pops the picked queues concurrently; what a failed pop would have handed out is lost to none of the others. */
  async #popAll(picks: { pq: PopQueue; retry: boolean; max: number }[], g: GroupSpec, req: ReceiveRequest, filter: TagFilter): Promise<Delivery[]> {
    const now = Date.now();
    const nextSeq = (): number => ++this.#seq;
    const settled = await Promise.allSettled(
      picks.map(({ pq, retry, max }) =>
        pq.pop({
          max,
          filter: retry ? MATCH_ALL : filter,
          invisibleMs: req.invisibleMs,
          autoRenew: req.autoRenew,
          clientId: req.clientId,
          fifo: g.consumeOrderly,
          now,
          nextSeq,
          maxBytes: MAX_RECEIVE_BYTES,
        }),
      ),
    );
    const out: Delivery[] = [];
    let failure: unknown;
    settled.forEach((r, i) => {
      if (r.status === 'rejected') failure ??= r.reason;
      else for (const p of r.value) out.push(this.#deliver(picks[i]!.pq, p, req.invisibleMs, now));
    });
    // The first rejection, rethrown as it came (an engine error the caller maps to a status).
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (out.length === 0 && failure !== undefined) throw failure;
    return out;
  }

  #deliver(pq: PopQueue, p: Popped, invisibleMs: number, now: number): Delivery {
    const m = p.msg;
    this.#expiry.add(now + invisibleMs, { pq, offset: m.queueOffset, seq: p.seq });
    const d: Delivery = {
      message: m,
      topic: originTopicOf(m),
      brokerName: pq.brokerName,
      queueId: queueIdOf(pq.storeQueueId),
      queueOffset: m.queueOffset,
      messageType: messageTypeOf(m),
      userProperties: userPropertiesOf(m.properties),
      receiptHandle: this.#handle(pq, m.queueOffset, p.seq),
      deliveryAttempt: p.attempt,
      invisibleMs,
    };
    const group = messageGroupOf(m);
    if (group !== undefined) d.messageGroup = group;
    const at = deliverAtOf(m);
    if (at !== undefined) d.deliveryTimestamp = at;
    const trace = m.properties[Prop.TRACE_CONTEXT];
    if (trace) d.traceContext = trace;
    return d;
  }

  #handle(pq: PopQueue, offset: number, seq: number): string {
    return encodeReceiptHandle({ epoch: this.#epoch, seq, storeTopic: pq.storeTopic, storeQueueId: pq.storeQueueId, offset });
  }

  /** Resolves a receipt handle of the group to its queue state (and the live delivery, when it is one). */
  #resolveHandle(group: string, handle: string): { pq: PopQueue; offset: number; seq: number; e?: InflightEntry; stale: boolean } {
    const g = this.#groups.get(group);
    if (!g) throw groupNotFound(group);
    const h = decodeReceiptHandle(handle);
    const retry = h.storeTopic === retryTopicOf(group);
    if (!retry && !this.topic(h.storeTopic)) throw invalidHandle('its topic no longer exists');
    const ordinal = brokerOrdinalOf(h.storeQueueId);
    const brokerName = this.brokerNames[ordinal];
    if (brokerName === undefined) throw invalidHandle('unknown broker');
    const pq = this.#popQueue(group, h.storeTopic, h.storeQueueId, brokerName);
    if (h.epoch !== this.#epoch) return { pq, offset: h.offset, seq: h.seq, stale: true };
    return { pq, offset: h.offset, seq: h.seq, e: pq.entry(h.offset, h.seq), stale: false };
  }

  ack(group: string, _topic: string, handle: string): void {
    this.#assertOpen();
    const r = this.#resolveHandle(group, handle);
    if (r.stale) {
      if (!r.pq.acceptStale(r.offset)) throw invalidHandle('expired or already acknowledged');
      return;
    }
    if (!r.e) throw invalidHandle('expired or already acknowledged');
    r.pq.takeInflight(r.offset);
    r.pq.markDone(r.offset);
    if (r.e.messageGroup !== undefined) this.#notifier.notify(r.pq.storeTopic);
  }

  /** Extends or shortens the invisible time; returns the receipt handle that replaces the given one. */
  changeInvisibleDuration(group: string, _topic: string, handle: string, invisibleMs: number): string {
    this.#assertOpen();
    if (!Number.isFinite(invisibleMs) || invisibleMs < 0 || invisibleMs > 12 * 3_600_000) {
      throw new EngineError('ILLEGAL_INVISIBLE_TIME', 'invisible duration must be 0..12 h');
    }
    const r = this.#resolveHandle(group, handle);
    if (!r.e) throw invalidHandle('expired or already acknowledged');
    const e = r.e;
    let ms = invisibleMs;
    if (e.autoRenew) {
      // A push consumer gives the message back (nack). Its delay arrives in the wrong unit (seconds sent as ms),
      // so the engine's own backoff for this attempt is the floor.
      ms = Math.max(ms, retryBackoff(this.tunables, e.attempt));
      e.released = true;
    }
    const now = Date.now();
    e.seq = ++this.#seq;
    e.visibleAt = now + ms;
    this.#expiry.add(e.visibleAt, { pq: r.pq, offset: r.offset, seq: e.seq });
    return this.#handle(r.pq, r.offset, e.seq);
  }

  /** Moves a message to the group's dead-letter topic at the consumer's request (FIFO push consumers). */
  async forwardToDeadLetter(group: string, _topic: string, handle: string): Promise<void> {
    this.#assertOpen();
    const r = this.#resolveHandle(group, handle);
    if (!r.e) throw invalidHandle('expired or already acknowledged');
    const e = r.pq.takeInflight(r.offset)!;
    r.pq.reviving.add(r.offset);
    try {
      const m = await this.#store.getByCommitLogOffset(e.commitLogOffset);
      if (m) await this.#appendDeadLetter(this.#groups.get(group)!, r.pq, m, e.attempt);
      r.pq.reviving.delete(r.offset);
      r.pq.markDone(r.offset);
      this.#notifier.notify(r.pq.storeTopic);
    } catch (err) {
      r.pq.reviving.delete(r.offset);
      this.#restoreInflight(r.pq, e);
      throw err;
    }
  }

  #onExpired(items: ExpiryItem[]): void {
    const now = Date.now();
    for (const { pq, offset, seq } of items) {
      const e = pq.entry(offset, seq);
      if (!e) continue;
      if (
        e.autoRenew &&
        !e.released &&
        !this.#closed &&
        this.isClientAlive(e.clientId) &&
        now - e.firstDeliveredAt < this.tunables.autoRenewMaxMs
      ) {
        e.visibleAt = now + this.tunables.autoRenewInvisibleMs;
        this.#expiry.add(e.visibleAt, { pq, offset, seq });
        continue;
      }
      const g = this.#groups.get(pq.group);
      pq.takeInflight(offset);
      if (!g) continue;
      const exhausted = e.attempt >= g.maxRetries + 1;
      if (g.consumeOrderly && e.messageGroup !== undefined && !exhausted) {
        pq.requeue(e, e.attempt + 1);
        this.#notifier.notify(pq.storeTopic);
        continue;
      }
      pq.reviving.add(offset);
      void this.#revive(g, pq, e, exhausted);
    }
  }

  /** Copies an expired delivery to the retry topic (or, out of attempts, the dead-letter topic), then finishes it. */
  async #revive(g: GroupSpec, pq: PopQueue, e: InflightEntry, exhausted: boolean): Promise<void> {
    try {
      const m = await this.#store.getByCommitLogOffset(e.commitLogOffset);
      if (m) {
        if (exhausted) await this.#appendDeadLetter(g, pq, m, e.attempt);
        else await this.#appendRetry(g, pq, m, e.attempt);
      }
      pq.reviving.delete(e.offset);
      pq.markDone(e.offset);
      if (e.messageGroup !== undefined) this.#notifier.notify(pq.storeTopic);
    } catch (err) {
      pq.reviving.delete(e.offset);
      if (this.#closed) return;
      this.#log({ err, group: g.name, messageId: e.messageId }, 'redelivery failed; will try again');
      this.#restoreInflight(pq, { ...e, visibleAt: Date.now() + 1_000 });
    }
  }

  #restoreInflight(pq: PopQueue, e: InflightEntry): void {
    const seq = ++this.#seq;
    const entry = { ...e, seq, released: true };
    pq.inflight.set(e.offset, entry);
    if (entry.messageGroup !== undefined && this.#groups.get(pq.group)?.consumeOrderly) pq.busy.set(entry.messageGroup, e.offset);
    this.#expiry.add(entry.visibleAt, { pq, offset: e.offset, seq });
  }

  #appendRetry(g: GroupSpec, pq: PopQueue, m: StoredMessage, attempt: number): Promise<AppendResult[]> {
    const ordinal = brokerOrdinalOf(pq.storeQueueId);
    return this.#appendVisible([
      {
        ...copyOf(m),
        topic: retryTopicOf(g.name),
        queueId: storeQueueId(ordinal, 0),
        properties: { ...m.properties, [Prop.RETRY_TOPIC]: originTopicOf(m), [Prop.ORIGIN_MESSAGE_ID]: m.messageId },
        reconsumeTimes: attempt,
      },
    ]);
  }

  async #appendDeadLetter(g: GroupSpec, pq: PopQueue, m: StoredMessage, attempt: number): Promise<void> {
    const ordinal = brokerOrdinalOf(pq.storeQueueId);
    const props = {
      ...withoutProps(m.properties, [Prop.RETRY_TOPIC]),
      [Prop.DLQ_ORIGIN_TOPIC]: originTopicOf(m),
      [Prop.DLQ_ORIGIN_MESSAGE_ID]: m.messageId,
      [Prop.MAX_RECONSUME_TIMES]: String(attempt),
    };
    const records: AppendRecord[] = [
      { ...copyOf(m), topic: dlqTopicOf(g.name), queueId: storeQueueId(ordinal, 0), properties: props, reconsumeTimes: 0 },
    ];
    const extra = g.deadLetterTopic ? this.#topics.get(g.deadLetterTopic) : undefined;
    if (extra) {
      const { brokerName, queueId } = this.#pickQueue(extra, { messageGroup: messageGroupOf(m) } as OutgoingMessage);
      records.push({
        ...copyOf(m),
        topic: extra.name,
        queueId: storeQueueId(this.brokerNames.indexOf(brokerName), queueId),
        properties: props,
        reconsumeTimes: 0,
      });
    }
    await this.#appendVisible(records);
    this.#log({ group: g.name, messageId: m.messageId, attempt }, 'message moved to dead-letter topic');
  }

  #popQueue(group: string, storeTopic: string, sq: number, brokerName: string): PopQueue {
    const key = pqKey(group, storeTopic, sq);
    let pq = this.#popQueues.get(key);
    if (!pq) {
      pq = new PopQueue(this.#store, group, storeTopic, sq, brokerName, this.#tail);
      this.#popQueues.set(key, pq);
    }
    return pq;
  }

  // ---- lifecycle ------------------------------------------------------------------------------------------

  /** Counts for tests and metrics. */
  stats(): { scheduled: number; halfMessages: number; inflight: number } {
    let inflight = 0;
    for (const pq of this.#popQueues.values()) inflight += pq.inflight.size;
    return { scheduled: this.#scheduler.pendingCount, halfMessages: this.#transactions.pendingCount, inflight };
  }

  get store(): MessageStoreApi {
    return this.#store;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#notifier.wakeAll();
    this.#tail.clear();
    this.#expiry.close();
    this.#scheduler.close();
    this.#transactions.close();
    await this.#metaWrite.catch(() => undefined);
    await this.#store.flush();
    await this.#store.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new EngineError('ENGINE_CLOSED', 'engine is closed');
  }

  #persist(): Promise<void> {
    const snapshot = this.metadata();
    const run = this.#metaWrite.then(() => writeMetadataFile(this.#dataDir, snapshot));
    this.#metaWrite = run.catch(() => undefined);
    return run;
  }

  #syncLimits(): void {
    this.#topicLimits.clear();
    for (const t of this.#topics.values()) if (t.maxSendTps) this.#topicLimits.set(t.name, new TokenBucket(t.maxSendTps));
    for (const g of this.#groups.values()) {
      const cur = this.#groupLimits.get(g.name);
      if (!g.maxReceiveTps) this.#groupLimits.delete(g.name);
      else if (cur) cur.setRate(g.maxReceiveTps);
      else this.#groupLimits.set(g.name, new TokenBucket(g.maxReceiveTps));
    }
  }

  async #dropTopicData(name: string): Promise<void> {
    for (const [k, pq] of this.#popQueues) if (pq.storeTopic === name) this.#popQueues.delete(k);
    for (const k of [...this.#lastMessageTime.keys()]) if (k.startsWith(`${name}\u0000`)) this.#lastMessageTime.delete(k);
    this.#tail.dropTopic(name);
    this.#notifier.notify(name);
    await this.#store.deleteTopic(name);
    this.#tail.dropTopic(name); // an append that completed meanwhile
  }

  /**
   * Forgets a group's subscription to a topic: its consumption state and offsets (a client still subscribed brings the
   * subscription back, starting again from the oldest retained message, as on a managed instance).
   */
  dropSubscription(group: string, topic: string): void {
    this.#assertOpen();
    if (!this.#groups.has(group)) throw groupNotFound(group);
    for (const [k, pq] of this.#popQueues) if (pq.group === group && pq.storeTopic === topic) this.#popQueues.delete(k);
    this.#store.deleteOffsets(group, topic);
  }

  async #dropGroupData(name: string): Promise<void> {
    for (const [k, pq] of this.#popQueues) if (pq.group === name) this.#popQueues.delete(k);
    this.#store.deleteOffsets(name);
    this.#tail.dropTopic(retryTopicOf(name));
    this.#tail.dropTopic(dlqTopicOf(name));
    await this.#store.deleteTopic(retryTopicOf(name));
    await this.#store.deleteTopic(dlqTopicOf(name));
    this.#tail.dropTopic(retryTopicOf(name));
    this.#tail.dropTopic(dlqTopicOf(name));
  }

  async #loadLastMessageTimes(t: TopicSpec): Promise<void> {
    for (const b of t.brokers) {
      const ordinal = this.brokerNames.indexOf(b);
      for (let id = 0; id < t.queueNum; id++) {
        const sq = storeQueueId(ordinal, id);
        const r = this.#store.queueRange(t.name, sq);
        if (r.max <= r.min) continue;
        const [last] = await this.#store.read(t.name, sq, r.max - 1, 1);
        if (last) this.#lastMessageTime.set(qkey(t.name, sq), last.storeTimestamp);
      }
    }
  }

  #liveClients(): ClientRecord[] {
    const now = Date.now();
    return [...this.#clients.values()].filter((c) => now - c.lastSeen < this.tunables.clientExpiryMs);
  }

  #pruneClients(): void {
    const now = Date.now();
    for (const [id, c] of this.#clients) if (now - c.lastSeen >= this.tunables.clientExpiryMs) this.#clients.delete(id);
  }
}

const qkey = (topic: string, sq: number): string => `${topic}\u0000${sq}`;
const pqKey = (group: string, topic: string, sq: number): string => `${group}\u0000${topic}\u0000${sq}`;

/** Stable 32-bit string hash (FNV-1a) for message-group → queue. */
const hashString = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

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
