// What the remoting protocol needs from the broker's engine, stated as one interface so the handlers do not depend
// on how the engine is put together. engine-backend.ts implements it by translation onto the Engine's public API;
// every rule (limits, message types, permissions) is the engine's.

import type { Credential, EngineQueue, Peer, Principal, PullRequest, PullResult, QueueRange, StoredMessage } from '../../engine/index.js';
import type { IncomingMessage } from './message-mapping.js';
import type { ClientSubscription } from '../../../domain/topic.js';

/** A 4.x consumer as its heartbeat describes it. */
export interface SeenConsumer {
  clientId: string;
  group: string;
  consumeType: string;
  subscriptions: ClientSubscription[];
  address: string;
  language: string;
  version: number;
}

export type { EngineQueue };

export interface RemotingTopic {
  name: string;
  perm: 'pub' | 'sub' | 'all';
  /** FIFO topics are announced as ordered (orderTopicConf) to 4.x clients. */
  ordered: boolean;
  /** The topic's queues in 4.x queue-id order: 4.x queue id n is queues[n]. */
  queues: EngineQueue[];
}

export interface RemotingGroup {
  name: string;
  maxRetries: number;
  consumeOrderly: boolean;
  broadcast: boolean;
  enabled: boolean;
}

export interface SendOutcome {
  messageId: string;
  queue: EngineQueue;
  queueOffset: number;
  commitLogOffset: number;
  storeTimestamp: number;
  transactionId?: string;
}

export type SendBackOutcome = 'retry' | 'dlq';

export interface EndTransactionRequest {
  transactionId: string;
  /** The producer's message id (UNIQ_KEY) of the half message. */
  messageId: string;
  commit: boolean;
}

export interface RemotingBackend {
  /** Name of the cluster in routes (the instance). */
  readonly clusterName: string;
  brokerNames(): string[];
  /** Topic metadata; also resolves %RETRY%<group> and %DLQ%<group> of existing groups. */
  topic(name: string): RemotingTopic | undefined;
  topicNames(): string[];
  group(name: string): RemotingGroup | undefined;

  /**
   * Stores messages (one call: a batch, all in one queue) into the queue the client chose (or one the engine picks when
   * `queue` is undefined). Messages without a producer id get the offset message id of `storeHost`.
   */
  send(msgs: IncomingMessage[], queue: EngineQueue | undefined, bornHost: string, who: Principal): Promise<SendOutcome[]>;

  pull(req: PullRequest, who: Principal): Promise<PullResult>;
  range(topic: string, queue: EngineQueue, who: Principal): QueueRange;
  /** Resolves once the queue's max offset passes `offset`, the group's offsets of it are reset, after `ms`, or on abort. */
  waitForMessages(topic: string, queue: EngineQueue, offset: number, ms: number, signal: AbortSignal, group: string): Promise<void>;

  consumerOffset(group: string, topic: string, queue: EngineQueue, who: Principal): number | undefined;
  commitConsumerOffset(group: string, topic: string, queue: EngineQueue, offset: number, who: Principal): void;

  messageByCommitLogOffset(offset: number, who: Principal): Promise<StoredMessage | undefined>;
  messageById(messageId: string, who: Principal): Promise<StoredMessage | undefined>;
  messagesByKey(topic: string, key: string, maxNum: number, begin: number, end: number, who: Principal): Promise<StoredMessage[]>;

  /**
   * A 4.x consumer gave a message back: a copy in %RETRY%<group> delivered after delayMs, or in %DLQ%<group> once
   * its reconsumeTimes reached maxReconsumeTimes (the group's max retries when undefined or higher). delayMs undefined: the engine's retry backoff for the next attempt
   * (the rule 5.x consumers get).
   */
  sendBack(group: string, msg: StoredMessage, delayMs: number | undefined, maxReconsumeTimes: number | undefined, who: Principal): Promise<SendBackOutcome>;

  /** The engine queue a stored message sits in (from its store topic and queue id). */
  queueOfStored(msg: StoredMessage): EngineQueue;

  endTransaction(req: EndTransactionRequest, who: Principal): Promise<void>;

  /** A 4.x consumer announced itself (heartbeat): visible in the engine's client list of the group. */
  consumerSeen(c: SeenConsumer): void;
  consumerGone(clientId: string, group: string): void;

  /** First queue offset stored at or after `timestamp` (the queue's max when none). */
  searchOffset(topic: string, queue: EngineQueue, timestamp: number, who: Principal): number;
  earliestStoreTime(topic: string, queue: EngineQueue, who: Principal): Promise<number>;

  /** Who a request comes from (throws UNAUTHORIZED when access control refuses it). */
  authenticate(credential: Credential | undefined, peer: Peer): Principal;
}
