// RemotingBackend over the Engine's public API: translation only. Queues, ids and messages are mapped between 4.x
// and engine terms; every check (topic, message type, body size, TPS, permissions) and all state is the engine's.

import {
  Engine, isReservedProperty, type Credential, type EngineQueue, type Peer, type Principal, type OutgoingMessage, type PullRequest, type PullResult, type QueueRange, type StoredMessage,
} from '../../engine/index.js';
import type {
  EndTransactionRequest, RemotingBackend, RemotingGroup, RemotingTopic, SeenConsumer, SendBackOutcome, SendOutcome,
} from './backend.js';
import { engineCall, engineCallSync } from './engine-errors.js';
import type { HostAddress } from './host.js';
import type { IncomingMessage } from './message-mapping.js';
import { encodeOffsetMessageId } from './message-id.js';

export interface EngineBackendOptions {
  clusterName: string;
  /** Store host of offset message ids (the advertised IP and the broker port). */
  storeHost: HostAddress;
}

export class EngineRemotingBackend implements RemotingBackend {
  readonly clusterName: string;
  readonly #engine: Engine;
  readonly #storeHost: HostAddress;
  /** Id of a message the store gives its offset message id, until it does: as long as that id (32 hex for IPv4, 56 for IPv6). */
  readonly #offsetIdPlaceholder: string;

  constructor(engine: Engine, opts: EngineBackendOptions) {
    this.#engine = engine;
    this.clusterName = opts.clusterName;
    this.#storeHost = opts.storeHost;
    this.#offsetIdPlaceholder = '0'.repeat(encodeOffsetMessageId(opts.storeHost, 0).length);
  }

  brokerNames(): string[] {
    return [...this.#engine.brokerNames];
  }

  topic(name: string): RemotingTopic | undefined {
    const t = this.#engine.topic(name);
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

  queueOfStored(msg: StoredMessage): EngineQueue {
    return this.#engine.queueOf(msg);
  }

  async send(msgs: IncomingMessage[], queue: EngineQueue | undefined, bornHost: string, who: Principal): Promise<SendOutcome[]> {
    const out = msgs.map((m) => this.#outgoing(m, bornHost));
    if (queue) for (const o of out) o.queue = queue;
    const receipts = await engineCall(() => this.#engine.send(out, who));
    return receipts.map((r) => {
      const o: SendOutcome = {
        messageId: r.messageId,
        queue: { brokerName: r.brokerName, queueId: r.queueId },
        queueOffset: r.offset,
        commitLogOffset: r.commitLogOffset,
        storeTimestamp: r.storeTimestamp,
      };
      if (r.transactionId) o.transactionId = r.transactionId;
      return o;
    });
  }

  #outgoing(m: IncomingMessage, bornHost: string): OutgoingMessage {
    const userProperties: Record<string, string> = {};
    const systemProperties: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.properties)) (isReservedProperty(k) ? systemProperties : userProperties)[k] = v;
    const out: OutgoingMessage = {
      topic: m.topic,
      body: m.body,
      messageId: m.uniqueKey ?? this.#offsetIdPlaceholder,
      messageType: m.messageType,
      keys: m.keys,
      userProperties,
      systemProperties,
      bornTimestamp: m.bornTimestamp,
      bornHost,
      flag: m.flag,
      sysFlag: m.sysFlag,
      reconsumeTimes: m.reconsumeTimes,
    };
    // Without a producer id the message is known by its offset message id everywhere, as on Apache RocketMQ: the
    // SEND response, 4.x pulls and 5.x consumers show the same id.
    if (!m.uniqueKey) out.messageIdAt = (offset) => encodeOffsetMessageId(this.#storeHost, offset);
    if (m.tag) out.tag = m.tag;
    if (m.messageGroup) out.messageGroup = m.messageGroup;
    if (m.deliveryTimestamp !== undefined) out.deliveryTimestamp = m.deliveryTimestamp;
    return out;
  }

  pull(req: PullRequest, who: Principal): Promise<PullResult> {
    return engineCall(() => this.#engine.pull(req, who));
  }

  range(topic: string, queue: EngineQueue, who: Principal): QueueRange {
    return engineCallSync(() => this.#engine.queueRange(topic, queue, who));
  }

  waitForMessages(topic: string, queue: EngineQueue, offset: number, ms: number, signal: AbortSignal, group: string): Promise<void> {
    return this.#engine.waitForMessages(topic, queue, offset, ms, signal, group);
  }

  consumerOffset(group: string, topic: string, queue: EngineQueue, who: Principal): number | undefined {
    return engineCallSync(() => this.#engine.consumerOffset(group, topic, queue, who));
  }

  commitConsumerOffset(group: string, topic: string, queue: EngineQueue, offset: number, who: Principal): void {
    engineCallSync(() => this.#engine.commitOffset(group, topic, queue, offset, who));
  }

  consumerSeen(c: SeenConsumer): void {
    this.#engine.registerClient({
      clientId: `${c.clientId}#${c.group}`,
      address: c.address,
      language: c.language,
      version: String(c.version),
      clientType: 'PUSH_CONSUMER',
      group: c.group,
      topics: c.subscriptions.map((s) => s.topic),
      subscriptions: c.subscriptions,
      consumeType: c.consumeType,
    });
  }

  consumerGone(clientId: string, group: string): void {
    this.#engine.removeClient(`${clientId}#${group}`);
  }

  searchOffset(topic: string, queue: EngineQueue, timestamp: number, who: Principal): number {
    return engineCallSync(() => this.#engine.searchOffset(topic, queue, timestamp, who));
  }

  earliestStoreTime(topic: string, queue: EngineQueue, who: Principal): Promise<number> {
    return engineCall(() => this.#engine.earliestStoreTime(topic, queue, who));
  }

  messageByCommitLogOffset(offset: number, who: Principal): Promise<StoredMessage | undefined> {
    return engineCall(() => this.#engine.messageByCommitLogOffset(offset, who));
  }

  messageById(messageId: string, who: Principal): Promise<StoredMessage | undefined> {
    return engineCall(() => this.#engine.messageById(messageId, who));
  }

  messagesByKey(topic: string, key: string, maxNum: number, begin: number, end: number, who: Principal): Promise<StoredMessage[]> {
    return engineCall(() => this.#engine.messagesByKey(topic, key, { beginMs: begin, endMs: end, max: maxNum }, who));
  }

  async sendBack(group: string, msg: StoredMessage, delayMs: number | undefined, maxReconsumeTimes: number | undefined, who: Principal): Promise<SendBackOutcome> {
    const outcome = await engineCall(() => this.#engine.sendBack(group, msg, delayMs, maxReconsumeTimes, who));
    return outcome === 'dead-letter' ? 'dlq' : 'retry';
  }

  endTransaction(req: EndTransactionRequest, who: Principal): Promise<void> {
    // END_TRANSACTION names no topic: the engine finds the half message by its transaction or message id.
    return engineCall(() => this.#engine.endTransaction(undefined, req.messageId, req.transactionId, req.commit, who));
  }

  authenticate(credential: Credential | undefined, peer: Peer): Principal {
    return engineCallSync(() => this.#engine.authenticate(credential, peer));
  }
}
