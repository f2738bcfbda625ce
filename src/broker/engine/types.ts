// Public types of the broker engine: metadata the control plane applies, and the shapes protocols exchange with it.
import type { StoreOptions, StoredMessage, QueueRange } from '../storage/types.js';
import type { AccessPolicy } from '../../domain/access.js';
import type { Clock } from '../../domain/clock.js';

import type { BrokerMetadata, ClientSubscription, GroupSpec, QueueProgress, TopicMessageType, TopicSpec, TopicStatus } from '../../domain/topic.js';

// Topic and group specs are shared with the control plane (domain/), which pushes them through the admin API.
export type { BrokerMetadata, GroupSpec, TopicMessageType, TopicSpec, TopicStatus };
export type GroupProgressRow = QueueProgress;
export type MessageType = 'NORMAL' | 'FIFO' | 'DELAY' | 'TRANSACTION';
/** A stored message as the engine hands it to a protocol. */
export type { StoredMessage, QueueRange };

/** A queue in the engine's terms: queue `queueId` of logical broker `brokerName`. */
export interface EngineQueue {
  brokerName: string;
  queueId: number;
}

/** Timing knobs; defaults and environment overrides in tunables.ts (documented in README.md of this folder). */
export interface EngineTunables {
  /** First transaction check-back this long after a half message was stored. */
  txnCheckDelayMs: number;
  /** Later check-backs this far apart. */
  txnCheckIntervalMs: number;
  /** After this many unanswered check-backs the half message is rolled back. */
  txnCheckMax: number;
  /** Upper bound of one long-polling receive. */
  longPollMs: number;
  /** Redelivery delay per attempt (attempt 1 → first entry; the last entry repeats). */
  retryBackoffMs: number[];
  /** Invisible time of messages received with auto-renew (push consumers), renewed while the client is alive. */
  autoRenewInvisibleMs: number;
  /** A push consumer may hold a message this long in total before it is redelivered anyway. */
  autoRenewMaxMs: number;
  /** A client without any request for this long is considered gone. */
  clientExpiryMs: number;
  /** Delay messages due within this much are stored directly (no schedule round trip). */
  delayThresholdMs: number;
  /** Longest accepted delay of a DELAY message. */
  maxDelayMs: number;
  /** Largest body a producer is told it may send (kept below 4 MiB so Node consumers can read it back). */
  maxBodyBytes: number;
  /** Re-push the first Settings reply 1×, 3× and 7× this long after it (Node client startup hang, several topics). */
  settingsRepushMs: number;
}

export interface EngineOptions {
  dataDir: string;
  brokerNames: string[];
  store?: Partial<StoreOptions>;
  /** Instance-wide messages per second (sends + deliveries); unlimited when absent. */
  maxTps?: number;
  tunables?: Partial<EngineTunables>;
  log?: (obj: object, msg: string) => void;
  /** Time of the engine and its store; the system clock when absent. */
  clock?: Clock;
  /** Opens the sealed secrets of the users in access policies (the broker key the control plane derived). */
  secretsKey?: string;
  /** Access policy until the control plane applies one (an instance created with access control on starts closed). */
  initialAccess?: AccessPolicy;
}

/** A message as a producer hands it to the engine (protocol-neutral). */
export interface OutgoingMessage {
  topic: string;
  body: Buffer;
  messageId: string;
  messageType: MessageType;
  tag?: string;
  keys?: string[];
  userProperties?: Record<string, string>;
  messageGroup?: string;
  /** Absolute delivery time (ms) of a DELAY message. */
  deliveryTimestamp?: number;
  bornTimestamp: number;
  bornHost?: string;
  traceContext?: string;
  /** Broker the producer addressed, when it addressed one; the engine still picks the queue. */
  brokerName?: string;
  /** Queue the producer chose (4.x clients pick one); the engine picks when absent. */
  queue?: EngineQueue;
  /** Reserved properties a 4.x client set; the engine keeps those it stores as they are (a retry's origin, PGROUP). */
  systemProperties?: Record<string, string>;
  /** 4.x message flag, sysFlag and reconsume count, kept for 4.x readers. */
  flag?: number;
  sysFlag?: number;
  reconsumeTimes?: number;
  /** Derives the message id from the commit-log offset (4.x messages without a producer id); messageId is its placeholder. */
  messageIdAt?: (commitLogOffset: number) => string;
}

export interface SendReceipt {
  messageId: string;
  brokerName: string;
  queueId: number;
  offset: number;
  /** Where the stored record sits (a delay or transaction message: its schedule or half record). */
  commitLogOffset: number;
  storeTimestamp: number;
  transactionId?: string;
  recallHandle?: string;
}

/** A 4.x pull: messages of one queue from an offset on. */
export interface PullRequest {
  group: string;
  topic: string;
  queue: EngineQueue;
  offset: number;
  maxCount: number;
  maxBytes: number;
  /** Tag expression: `*`, `a||b`. */
  filter?: string;
}

export interface PullResult {
  messages: StoredMessage[];
  /** Where the next pull continues (past filtered messages too). */
  nextOffset: number;
  range: QueueRange;
  /** The head of the queue is a retry copy not due before this time (ms); nothing after it is delivered yet. */
  dueAt?: number;
  /** The group's offset was reset and the pull is not there: the consumer must continue from this offset. */
  movedTo?: number;
}

export interface ReceiveRequest {
  group: string;
  topic: string;
  /** Pop across every queue of this broker; all brokers of the topic when absent. */
  brokerName?: string;
  /** Tag expression: `*`, `a||b`. */
  filter?: string;
  batchSize: number;
  invisibleMs: number;
  autoRenew: boolean;
  /** How long to wait for a message when none is ready (already clamped by the caller to its deadline). */
  longPollMs: number;
  clientId: string;
  signal?: AbortSignal;
}

/** One delivered message with everything a protocol needs to present it. */
export interface Delivery {
  message: StoredMessage;
  /** Topic the producer sent it to (differs from message.topic for retry copies). */
  topic: string;
  brokerName: string;
  /** Queue id within its broker. */
  queueId: number;
  queueOffset: number;
  messageType: MessageType;
  messageGroup?: string;
  deliveryTimestamp?: number;
  traceContext?: string;
  userProperties: Record<string, string>;
  receiptHandle: string;
  deliveryAttempt: number;
  invisibleMs: number;
}

export interface ClientInfo {
  clientId: string;
  address: string;
  language: string;
  version: string;
  clientType: string;
  group?: string;
  topics: string[];
  /** What a consumer subscribes to (empty for producers and before a 5.x client's Settings). */
  subscriptions: ClientSubscription[];
  /** A 4.x consumer's consume type (CONSUME_PASSIVELY for push, CONSUME_ACTIVELY for pull); 5.x clients pop. */
  consumeType?: string;
}

