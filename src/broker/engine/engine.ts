// The broker's message engine: the one place every rule of an instance holds, for the 5.x gRPC and the 4.x remoting
// front ends alike. It composes metadata and limits, the client registry, producing, consuming (pop and pull),
// redelivery with dead letters, delay messages and transactions; everything that must survive a crash is in the
// message store, which only the engine touches.
import fs from 'node:fs/promises';
import path from 'node:path';
import { systemClock, type Clock } from '../../domain/clock.js';
import { DLQ_PREFIX, RETRY_PREFIX, dlqTopicOf, retryTopicOf, type ConsumerClient } from '../../domain/topic.js';
import { OPEN_ACCESS, type AccessAction } from '../../domain/access.js';
import { aesKeyOf } from '../../domain/sealed-secret.js';
import { AccessControl, type Credential, type Peer, type Principal } from './access.js';
import { parseAccessPolicy } from './access-policy.js';
import { Appender } from './appender.js';
import { readJsonFile, writeJsonFile } from './json-file.js';
import { ClientRegistry } from './clients.js';
import { Consumer } from './consume.js';
import { resendDeadLetters } from './dead-letters.js';
import { EngineError, groupNotFound, topicNotFound } from './errors.js';
import { Limits } from './limits.js';
import { MessageQueries, type FoundMessages } from './message-query.js';
import { Metadata } from './metadata.js';
import { PendingResets, resetGroupOffsets } from './offset-reset.js';
import { Producer, acceptedMessageTypes } from './produce.js';
import { brokerOrdinalOf, queueIdOf, storeQueueId } from './queue-map.js';
import { Redelivery } from './redelivery.js';
import { Scheduler } from './scheduler.js';
import { openMessageStore, type MessageStoreApi, type StoreOpener } from './store-api.js';
import { TailCache } from './tail-cache.js';
import { Transactions, type CheckBack } from './transactions.js';
import { resolveTunables } from './tunables.js';
import type { MessageQuery, QueueReset, ResendResult, ResetTarget, VerifyOutcome } from '../../domain/message.js';
import type {
  BrokerMetadata, ClientInfo, Delivery, EngineOptions, EngineQueue, EngineTunables, GroupProgressRow, GroupSpec,
  OutgoingMessage, PullRequest, PullResult, QueueRange, ReceiveRequest, SendReceipt, StoredMessage, TopicSpec, TopicStatus,
} from './types.js';

export { RETRY_PREFIX, DLQ_PREFIX, retryTopicOf, dlqTopicOf, acceptedMessageTypes };

/** The access policy the control plane last applied, kept beside the metadata (users' secrets stay sealed). */
export const ACCESS_FILE = 'engine-access.json';

/** Engine construction hooks beyond the options (tests inject a store opener). */
export interface EngineDeps {
  openStore?: StoreOpener;
}

/** Asks one client to consume one message (VerifyConsumeMessage); the protocol that serves the client answers. */
export type ConsumeVerifier = (client: ClientInfo, message: StoredMessage) => Promise<VerifyOutcome | undefined>;

const UNREACHABLE: VerifyOutcome = { consumed: false, answer: 'client cannot be reached' };

export class Engine {
  readonly brokerNames: readonly string[];
  readonly tunables: EngineTunables;
  readonly clock: Clock;
  readonly #store: MessageStoreApi;
  readonly #log: (obj: object, msg: string) => void;
  readonly #meta: Metadata;
  readonly #limits: Limits;
  readonly #clients: ClientRegistry;
  readonly #tail = new TailCache();
  readonly #appender: Appender;
  readonly #scheduler: Scheduler;
  readonly #transactions: Transactions;
  readonly #producer: Producer;
  readonly #consumer: Consumer;
  readonly #redelivery: Redelivery;
  readonly #access: AccessControl;
  readonly #secretsKey: Buffer | undefined;
  readonly #dataDir: string;
  /** Policy writes in order: the file always holds the last applied one. */
  #accessWrites: Promise<void> = Promise.resolve();
  readonly #queries: MessageQueries;
  readonly #resets: PendingResets;
  #verifier: ConsumeVerifier = () => Promise.resolve(undefined);
  #closed = false;

  private constructor(opts: EngineOptions, store: MessageStoreApi, meta: Metadata, tunables: EngineTunables, clock: Clock) {
    this.brokerNames = meta.brokerNames;
    this.tunables = tunables;
    this.clock = clock;
    this.#store = store;
    this.#meta = meta;
    this.#dataDir = opts.dataDir;
    this.#secretsKey = opts.secretsKey === undefined ? undefined : aesKeyOf(opts.secretsKey);
    this.#access = new AccessControl(this.#secretsKey);
    this.#log = opts.log ?? (() => undefined);
    this.#limits = new Limits(clock, opts.maxTps);
    this.#limits.sync(meta);
    this.#clients = new ClientRegistry(clock, tunables.clientExpiryMs);
    this.#appender = new Appender(store, this.#tail, clock, this.#log);
    const onError = (e: unknown): void => this.#log({ err: e }, 'engine background task failed');
    const append = (records: Parameters<Appender['append']>[0]): Promise<void> => this.#appender.append(records).then(() => undefined);
    this.#scheduler = new Scheduler(store, clock, append, onError);
    this.#transactions = new Transactions(store, clock, tunables, append, onError, (m) => this.#log(m, 'transaction rolled back after unanswered check-backs'));
    this.#producer = new Producer({ meta, limits: this.#limits, appender: this.#appender, scheduler: this.#scheduler, transactions: this.#transactions, tunables, clock });
    const isClientAlive = (id: string): boolean => this.#clients.isAlive(id);
    this.#consumer = new Consumer({
      store, meta, limits: this.#limits, appender: this.#appender, tail: this.#tail, tunables, clock, isClientAlive,
      liveConsumersOf: (group) => new Set(this.#clients.live().filter((c) => c.group === group).flatMap((c) => c.topics)),
    });
    this.#redelivery = new Redelivery({
      store, meta, appender: this.#appender, consumer: this.#consumer, producer: this.#producer, scheduler: this.#scheduler,
      tunables, clock, isClientAlive, log: this.#log,
    });
    this.#queries = new MessageQueries(store, meta);
    this.#resets = new PendingResets(clock, tunables.clientExpiryMs);
  }

  static async open(opts: EngineOptions, deps: EngineDeps = {}): Promise<Engine> {
    if (!opts.brokerNames || opts.brokerNames.length === 0) {
      throw new EngineError('INVALID_METADATA', 'an engine needs at least one broker name');
    }
    const clock = opts.clock ?? systemClock;
    await fs.mkdir(opts.dataDir, { recursive: true, mode: 0o700 });
    const open = deps.openStore ?? openMessageStore;
    const store = await open({ now: () => clock.now(), ...opts.store, dir: opts.store?.dir ?? path.join(opts.dataDir, 'store') });
    try {
      const log = opts.log ?? (() => undefined);
      const meta = await Metadata.open(opts.dataDir, [...opts.brokerNames], log);
      const engine = new Engine(opts, store, meta, resolveTunables(opts.tunables), clock);
      // Before any client is served: an instance with access control on never runs open, not even after a restart.
      const saved = await readJsonFile<unknown>(opts.dataDir, ACCESS_FILE);
      engine.#access.apply(saved === undefined ? (opts.initialAccess ?? OPEN_ACCESS) : parseAccessPolicy(saved));
      await engine.#scheduler.open();
      await engine.#transactions.open();
      for (const t of meta.userTopics()) for (const sq of engine.#storeQueues(t)) await engine.#appender.loadLastMessageTime(t.name, sq);
      return engine;
    } catch (e) {
      await store.close();
      throw e;
    }
  }

  // ---- metadata -------------------------------------------------------------------------------------------

  metadata(): BrokerMetadata {
    return this.#meta.snapshot();
  }

  async applyMetadata(meta: BrokerMetadata): Promise<void> {
    this.#assertOpen();
    const { goneTopics, goneGroups } = await this.#meta.apply(meta);
    this.#limits.sync(this.#meta);
    for (const n of goneTopics) await this.#dropTopicData(n);
    for (const n of goneGroups) await this.#dropGroupData(n);
  }

  async upsertTopic(t: TopicSpec): Promise<void> {
    this.#assertOpen();
    await this.#meta.upsertTopic(t);
    this.#limits.sync(this.#meta);
  }

  async deleteTopic(name: string): Promise<void> {
    this.#assertOpen();
    if (!(await this.#meta.deleteTopic(name))) return;
    this.#limits.sync(this.#meta);
    await this.#dropTopicData(name);
  }

  async upsertGroup(g: GroupSpec): Promise<void> {
    this.#assertOpen();
    await this.#meta.upsertGroup(g);
    this.#limits.sync(this.#meta);
  }

  async deleteGroup(name: string): Promise<void> {
    this.#assertOpen();
    if (!(await this.#meta.deleteGroup(name))) return;
    this.#limits.sync(this.#meta);
    await this.#dropGroupData(name);
  }

  /** A user topic, or the retry or dead-letter topic of an existing group (consumable like any topic). */
  topic(name: string): TopicSpec | undefined {
    return this.#meta.topic(name);
  }

  group(name: string): GroupSpec | undefined {
    return this.#meta.group(name);
  }

  // ---- access ---------------------------------------------------------------------------------------------

  /** Who a request comes from; throws UNAUTHORIZED. Every protocol calls this for every request it serves. */
  authenticate(credential: Credential | undefined, peer: Peer): Principal {
    return this.#access.authenticate(credential, peer);
  }

  /** Replaces the users, ACL entries and switches; applies at once to every connected client's next request. */
  async applyAccess(raw: unknown): Promise<void> {
    this.#assertOpen();
    const policy = parseAccessPolicy(raw);
    // Checked whole (secrets open, patterns parse) before anything changes; enforced only once it is on disk, so a
    // refused or failed call leaves the broker as it was (the control plane then undoes its records too).
    new AccessControl(this.#secretsKey).apply(policy);
    const write = this.#accessWrites.then(() => writeJsonFile(this.#dataDir, ACCESS_FILE, policy));
    this.#accessWrites = write.catch(() => undefined);
    await write;
    this.#access.apply(policy);
  }

  /** Throws FORBIDDEN unless `who` may act on the topic; a group's retry and dead-letter topics take the group's SUB. */
  #authorizeTopic(who: Principal, topic: string, action: AccessAction): void {
    if (who.unrestricted) return;
    const group = topic.startsWith(RETRY_PREFIX) ? topic.slice(RETRY_PREFIX.length) : topic.startsWith(DLQ_PREFIX) ? topic.slice(DLQ_PREFIX.length) : undefined;
    if (group !== undefined) this.#access.authorize(who, 'group', group, 'sub');
    else this.#access.authorize(who, 'topic', topic, action);
  }

  #authorizeConsume(who: Principal, group: string, topic: string | undefined): void {
    if (who.unrestricted) return;
    this.#access.authorize(who, 'group', group, 'sub');
    if (topic) this.#authorizeTopic(who, topic, 'sub');
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
          queues.push({ id, minOffset: r.min, maxOffset: r.max, lastMessageTime: this.#appender.lastMessageTime(name, sq) });
        }
        return { brokerName, queues };
      }),
    };
  }

  groupProgress(group: string): GroupProgressRow[] {
    if (!this.#meta.group(group)) throw groupNotFound(group);
    const topics = [...this.#meta.userTopics()];
    const dlq = this.topic(dlqTopicOf(group));
    if (dlq) topics.push(dlq);
    return this.#consumer.groupProgress(group, topics);
  }

  /** Bytes the store occupies on disk (what counts against the instance's storage space). */
  diskBytes(): number {
    return this.#store.stats().diskBytes;
  }

  // ---- clients --------------------------------------------------------------------------------------------

  /**
   * Registration needs an authenticated client (the protocols authenticate every call) but no permission: refusing it
   * would leave the Node client waiting for its first Settings reply for ever. Its receives are checked instead.
   */
  registerClient(info: ClientInfo): void {
    this.#clients.register(info);
  }

  touchClient(clientId: string): void {
    this.#clients.touch(clientId);
  }

  removeClient(clientId: string): void {
    this.#clients.remove(clientId);
  }

  clientInfo(clientId: string): ClientInfo | undefined {
    return this.#clients.info(clientId);
  }

  isClientAlive(clientId: string): boolean {
    return this.#clients.isAlive(clientId);
  }

  clients(group: string): ConsumerClient[] {
    return this.#clients
      .live()
      .filter((c) => c.group === group)
      .map((c) => ({
        clientId: c.clientId,
        address: c.address,
        language: c.language,
        version: c.version,
        // 5.x consumers (push and simple) receive by pop; a 4.x consumer says its type in its heartbeat.
        consumeType: c.consumeType ?? 'CONSUME_POP',
        subscriptions: c.subscriptions.map((s) => ({ ...s })),
      }));
  }

  /** Live producers that publish to the topic, or all live producers (for transaction check-backs). */
  producersOf(topic: string | undefined): ClientInfo[] {
    return this.#clients.live().filter((c) => c.clientType === 'PRODUCER' && (topic === undefined || c.topics.length === 0 || c.topics.includes(topic)));
  }

  set transactionChecker(fn: CheckBack) {
    this.#transactions.checkBack = fn;
  }

  // ---- produce --------------------------------------------------------------------------------------------

  /** Stores messages after every check passed for all of them; a refused call stores nothing. */
  send(messages: OutgoingMessage[], who: Principal): Promise<SendReceipt[]> {
    this.#assertOpen();
    for (const topic of new Set(messages.map((m) => m.topic))) this.#authorizeTopic(who, topic, 'pub');
    return this.#producer.send(messages);
  }

  /** Commits or rolls back a half message, named by its transaction id or message id (topic when the client gave one). */
  async endTransaction(topic: string | undefined, messageId: string, transactionId: string, commit: boolean, who: Principal): Promise<void> {
    this.#assertOpen();
    if (topic !== undefined && !this.topic(topic)) throw topicNotFound(topic);
    // The half message's own topic decides (4.x names none; a 5.x client could name another).
    const halfTopic = this.#transactions.topicOf(transactionId, messageId) ?? topic;
    if (halfTopic !== undefined) this.#authorizeTopic(who, halfTopic, 'pub');
    await this.#transactions.end(transactionId, messageId, commit);
  }

  /** Cancels a delay message before it is due; returns its message id. */
  async recall(topic: string, recallHandle: string, who: Principal): Promise<string> {
    this.#assertOpen();
    if (!this.topic(topic)) throw topicNotFound(topic);
    this.#authorizeTopic(who, topic, 'pub');
    const id = await this.#scheduler.recall(recallHandle);
    if (id === undefined) throw new EngineError('NOT_FOUND', 'no pending delay message for this recall handle');
    return id;
  }

  // ---- consume --------------------------------------------------------------------------------------------

  receive(req: ReceiveRequest, who: Principal): Promise<Delivery[]> {
    this.#assertOpen();
    this.#authorizeConsume(who, req.group, req.topic);
    return this.#consumer.receive(req);
  }

  ack(group: string, topic: string, handle: string, who: Principal): void {
    this.#assertOpen();
    this.#authorizeConsume(who, group, topic);
    this.#consumer.ack(group, handle);
  }

  /** Extends or shortens the invisible time; returns the receipt handle that replaces the given one. */
  changeInvisibleDuration(group: string, topic: string, handle: string, invisibleMs: number, who: Principal): string {
    this.#assertOpen();
    this.#authorizeConsume(who, group, topic);
    return this.#consumer.changeInvisibleDuration(group, handle, invisibleMs);
  }

  forwardToDeadLetter(group: string, topic: string, handle: string, who: Principal): Promise<void> {
    this.#assertOpen();
    this.#authorizeConsume(who, group, topic);
    return this.#redelivery.forwardToDeadLetter(group, handle);
  }

  /** A 4.x pull; after an offset reset the consumer has not taken yet, the offset it must move to instead. */
  pull(req: PullRequest, who: Principal): Promise<PullResult> {
    this.#assertOpen();
    this.#authorizeConsume(who, req.group, req.topic);
    const t = this.topic(req.topic);
    if (t) {
      const sq = this.#consumer.storeQueue(t, req.queue);
      const committed = this.#consumer.consumerOffset(req.group, req.topic, req.queue);
      const movedTo = committed === undefined ? undefined : this.#resets.movedFor(req.group, req.topic, sq, req.offset, committed);
      if (movedTo !== undefined) {
        const range = this.#store.queueRange(req.topic, sq);
        return Promise.resolve({ messages: [], nextOffset: movedTo, range, movedTo });
      }
    }
    return this.#consumer.pull(req);
  }

  /** Waits for messages at or past `offset` (a suspended 4.x pull); with a group, an offset reset of it ends the wait too. */
  async waitForMessages(topic: string, queue: EngineQueue, offset: number, ms: number, signal?: AbortSignal, group?: string): Promise<void> {
    const t = this.topic(topic);
    if (group === undefined || !t) return this.#consumer.waitForMessages(topic, queue, offset, ms, signal);
    const reset = this.#resets.wait(group, topic, this.#consumer.storeQueue(t, queue));
    try {
      await Promise.race([this.#consumer.waitForMessages(topic, queue, offset, ms, signal), reset.done]);
    } finally {
      reset.cancel();
    }
  }

  sendBack(group: string, m: StoredMessage, delayMs: number | undefined, maxRetries: number | undefined, who: Principal): Promise<'retry' | 'dead-letter'> {
    this.#assertOpen();
    this.#authorizeConsume(who, group, undefined);
    return this.#redelivery.sendBack(group, m, delayMs, maxRetries);
  }

  consumerOffset(group: string, topic: string, queue: EngineQueue, who: Principal): number | undefined {
    this.#authorizeConsume(who, group, topic);
    return this.#consumer.consumerOffset(group, topic, queue);
  }

  /** A 4.x consumer's progress; ignored while an offset reset it has not taken is pending (its offset is stale). */
  commitOffset(group: string, topic: string, queue: EngineQueue, offset: number, who: Principal): void {
    this.#assertOpen();
    this.#authorizeConsume(who, group, topic);
    const t = this.topic(topic);
    if (t && this.#resets.isPending(group, topic, this.#consumer.storeQueue(t, queue))) return;
    this.#consumer.commitOffset(group, topic, queue, offset);
  }

  /**
   * Moves a group's offsets on every queue of a topic (earliest, latest, a store time or an offset). 5.x receives
   * continue from there at once; 4.x consumers at their next pull. Messages behind the new offsets stay stored.
   */
  resetOffset(group: string, topic: string, target: ResetTarget): QueueReset[] {
    this.#assertOpen();
    if (!this.#meta.group(group)) throw groupNotFound(group);
    const t = this.topic(topic);
    if (!t) throw topicNotFound(topic);
    const out = resetGroupOffsets({ store: this.#store, consumer: this.#consumer, resets: this.#resets }, group, t, target);
    this.#log({ group, topic, target }, 'consumer offsets reset');
    return out;
  }

  /** Puts dead letters of the group back to its consumers (through its retry queue). */
  resendDeadLetters(group: string, messageIds: string[]): Promise<ResendResult[]> {
    this.#assertOpen();
    return resendDeadLetters({ store: this.#store, meta: this.#meta, appender: this.#appender }, group, messageIds);
  }

  set consumeVerifier(fn: ConsumeVerifier) {
    this.#verifier = fn;
  }

  /** Asks a live client of the group to consume a message of the topic; what it answered. */
  async verifyConsume(group: string, topic: string, clientId: string, messageId: string): Promise<VerifyOutcome> {
    this.#assertOpen();
    if (!this.#meta.group(group)) throw groupNotFound(group);
    if (!this.topic(topic)) throw topicNotFound(topic);
    const [m] = (await this.#store.messagesById(messageId, 16)).filter((x) => x.topic === topic);
    if (!m) throw new EngineError('MESSAGE_NOT_FOUND', `message ${messageId} is not in topic ${topic}`);
    // A 4.x consumer is registered per group as "<client id>#<group>"; either spelling names it.
    const client = this.#clients.info(clientId) ?? this.#clients.info(`${clientId}#${group}`);
    if (!client || client.group !== group || !this.#clients.isAlive(client.clientId)) return UNREACHABLE;
    return (await this.#verifier(client, m)) ?? UNREACHABLE;
  }

  /**
   * Forgets a group's subscription to a topic: its consumption state and offsets (a client still subscribed brings the
   * subscription back, starting again from the oldest retained message, as on a managed instance).
   */
  dropSubscription(group: string, topic: string): void {
    this.#assertOpen();
    if (!this.#meta.group(group)) throw groupNotFound(group);
    this.#consumer.forget((pq) => pq.group === group && pq.storeTopic === topic);
    this.#resets.forget((g, t) => g === group && t === topic);
    this.#store.deleteOffsets(group, topic);
  }

  // ---- queues and messages --------------------------------------------------------------------------------

  queueRange(topic: string, queue: EngineQueue, who: Principal): QueueRange {
    const t = this.topic(topic);
    if (!t) throw topicNotFound(topic);
    this.#authorizeTopic(who, topic, 'sub');
    return this.#store.queueRange(topic, this.#consumer.storeQueue(t, queue));
  }

  /** The engine queue a stored message sits in. */
  queueOf(m: StoredMessage): EngineQueue {
    return { brokerName: this.brokerNames[brokerOrdinalOf(m.queueId)] ?? this.brokerNames[0]!, queueId: queueIdOf(m.queueId) };
  }

  /** First queue offset stored at or after `timestamp` (the queue's max when none). */
  searchOffset(topic: string, queue: EngineQueue, timestamp: number, who: Principal): number {
    const t = this.topic(topic);
    if (!t) throw topicNotFound(topic);
    this.#authorizeTopic(who, topic, 'sub');
    return this.#store.searchOffsetByTime(topic, this.#consumer.storeQueue(t, queue), timestamp);
  }

  /** Store time of the oldest message of a queue (0 when empty). */
  async earliestStoreTime(topic: string, queue: EngineQueue, who: Principal): Promise<number> {
    const t = this.topic(topic);
    if (!t) throw topicNotFound(topic);
    this.#authorizeTopic(who, topic, 'sub');
    const sq = this.#consumer.storeQueue(t, queue);
    const [m] = await this.#store.read(topic, sq, this.#store.queueRange(topic, sq).min, 1);
    return m?.storeTimestamp ?? 0;
  }

  /** Lookups by id or offset check SUB on the topic of the message found. */
  async messageByCommitLogOffset(offset: number, who: Principal): Promise<StoredMessage | undefined> {
    const m = await this.#store.getByCommitLogOffset(offset);
    if (m) this.#authorizeTopic(who, m.topic, 'sub');
    return m;
  }

  async messageById(messageId: string, who: Principal): Promise<StoredMessage | undefined> {
    const m = await this.#store.getByMessageId(messageId);
    if (m) this.#authorizeTopic(who, m.topic, 'sub');
    return m;
  }

  /** Messages of a topic by id, key or store time, a page at a time (bounded work however large the topic). */
  findMessages(topic: string, q: MessageQuery): Promise<FoundMessages> {
    return this.#queries.find(topic, q);
  }

  messagesByKey(topic: string, key: string, opts: { beginMs?: number; endMs?: number; max?: number }, who: Principal): Promise<StoredMessage[]> {
    this.#authorizeTopic(who, topic, 'sub');
    return this.#store.queryByKey(topic, key, opts);
  }

  // ---- lifecycle ------------------------------------------------------------------------------------------

  /** Counts for tests and metrics. */
  stats(): { scheduled: number; halfMessages: number; inflight: number; longPolls: number } {
    return {
      scheduled: this.#scheduler.pendingCount,
      halfMessages: this.#transactions.pendingCount,
      inflight: this.#consumer.inflightCount(),
      longPolls: this.#appender.notifier.waiting,
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#consumer.close();
    this.#redelivery.close();
    this.#tail.clear();
    this.#scheduler.close();
    this.#transactions.close();
    await this.#meta.settled();
    await this.#store.flush();
    await this.#store.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new EngineError('ENGINE_CLOSED', 'engine is closed');
  }

  #storeQueues(t: TopicSpec): number[] {
    const out: number[] = [];
    for (const b of t.brokers) for (let id = 0; id < t.queueNum; id++) out.push(storeQueueId(this.brokerNames.indexOf(b), id));
    return out;
  }

  async #dropTopicData(name: string): Promise<void> {
    this.#consumer.forget((pq) => pq.storeTopic === name);
    this.#resets.forget((_, t) => t === name);
    this.#appender.forgetTopic(name);
    await this.#store.deleteTopic(name);
    this.#tail.dropTopic(name); // an append that completed meanwhile
  }

  async #dropGroupData(name: string): Promise<void> {
    this.#consumer.forget((pq) => pq.group === name);
    this.#resets.forget((g) => g === name);
    this.#store.deleteOffsets(name);
    for (const t of [retryTopicOf(name), dlqTopicOf(name)]) {
      this.#appender.forgetTopic(t);
      await this.#store.deleteTopic(t);
      this.#tail.dropTopic(t);
    }
  }
}
