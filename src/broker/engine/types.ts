// Public types of the broker engine: metadata the control plane applies, and the shapes protocols exchange with it.
import type { StoreOptions, StoredMessage } from '../storage/types.js';

import type { BrokerMetadata, GroupSpec, QueueProgress, TopicMessageType, TopicSpec, TopicStatus } from '../../domain/topic.js';

// Topic and group specs are shared with the control plane (domain/), which pushes them through the admin API.
export type { BrokerMetadata, GroupSpec, TopicMessageType, TopicSpec, TopicStatus };
export type GroupProgressRow = QueueProgress;
export type MessageType = 'NORMAL' | 'FIFO' | 'DELAY' | 'TRANSACTION';

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
}

export interface SendReceipt {
  messageId: string;
  brokerName: string;
  queueId: number;
  offset: number;
  transactionId?: string;
  recallHandle?: string;
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
}
