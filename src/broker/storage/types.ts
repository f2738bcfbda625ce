// Public contract of the broker's message store (src/broker/storage). The engine codes against these types only.

export type FlushPolicy = 'ASYNC_FLUSH' | 'SYNC_FLUSH';

export interface StoreOptions {
  /** Directory that holds every file of this store; created if missing. */
  dir: string;
  /** Size of one commit-log segment file in bytes (default 64 MiB; tests use small values). */
  segmentBytes?: number;
  flushPolicy?: FlushPolicy;
  /** ASYNC_FLUSH background flush interval (default 500 ms). */
  flushIntervalMs?: number;
  /** Segments whose newest record is older than this are deleted whole (default 72 h). */
  retentionMs?: number;
  /** Disk quota for the commit log in bytes (the instance's storage_space); oldest segments go first. */
  quotaBytes?: number;
  /** Injectable clock (ms since epoch) for retention tests. */
  now?: () => number;
}

/** One message to append. Everything the protocols need to give back later travels in here. */
export interface AppendRecord {
  topic: string;
  queueId: number;
  body: Buffer;
  /** Unique message id (5.x style, 32 hex chars) assigned before the append. */
  messageId: string;
  /**
   * Replaces messageId with an id made from the record's commit-log offset once the store assigns it (a 4.x message
   * without a producer id gets the offset message id, as on Apache RocketMQ). It must return as many characters as the
   * placeholder messageId has.
   */
  messageIdAt?: (commitLogOffset: number) => string;
  tag?: string;
  keys?: string[];
  /** User and system properties (message group, delivery time, trace context, ...). */
  properties?: Record<string, string>;
  bornTimestamp: number;
  bornHost?: string;
  /** 4.x flag and sysFlag (compression, transaction bits), reconsume count; 0 when absent. */
  flag?: number;
  sysFlag?: number;
  reconsumeTimes?: number;
}

export interface AppendResult {
  messageId: string;
  queueOffset: number;
  /** Global position of the record in the commit log. */
  commitLogOffset: number;
  storeTimestamp: number;
}

/** A stored message as read back. `body` is a view of the read buffer, not a second copy. */
export interface StoredMessage extends Required<Omit<AppendRecord, 'tag' | 'bornHost' | 'messageIdAt'>> {
  tag?: string;
  bornHost?: string;
  queueOffset: number;
  commitLogOffset: number;
  storeTimestamp: number;
  /** Size of the framed record in the commit log. */
  storeSize: number;
}

export interface QueueRange {
  /** Lowest offset still readable (older ones were removed by retention or quota). */
  min: number;
  /** Offset the next message of the queue will get. */
  max: number;
}

/** Thrown by append when even deleting the oldest segments cannot make room within the quota. */
export class StoreFullError extends Error {
  readonly code = 'STORE_FULL';
  override readonly name = 'StoreFullError';
}
