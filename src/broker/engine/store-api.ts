// The slice of the message store (src/broker/storage) the engine uses, as an interface so the engine states
// exactly what it depends on.
import { MessageStore } from '../storage/index.js';
import type { AppendRecord, AppendResult, QueueRange, StoreOptions, StoredMessage } from '../storage/types.js';

export interface MessageStoreApi {
  append(records: AppendRecord[]): Promise<AppendResult[]>;
  read(
    topic: string,
    queueId: number,
    offset: number,
    maxCount: number,
    opts?: { maxBytes?: number; tagFilter?: (tag?: string) => boolean },
  ): Promise<StoredMessage[]>;
  /** Like read, and says where to continue: offsets before it that were not returned were filtered out. */
  readBatch(
    topic: string,
    queueId: number,
    offset: number,
    maxCount: number,
    opts?: { maxBytes?: number; tagFilter?: (tag?: string) => boolean; maxScan?: number },
  ): Promise<{ messages: StoredMessage[]; nextOffset: number }>;
  queueRange(topic: string, queueId: number): QueueRange;
  storeTimeAt(topic: string, queueId: number, offset: number): number | undefined;
  queues(topic: string): number[];
  getByCommitLogOffset(offset: number): Promise<StoredMessage | undefined>;
  getByMessageId(messageId: string): Promise<StoredMessage | undefined>;
  /** Every stored copy of a message id (its retry and dead-letter copies too), newest first. */
  messagesById(messageId: string, max?: number): Promise<StoredMessage[]>;
  /** Messages of a topic carrying a key, stored within [beginMs, endMs]. */
  queryByKey(topic: string, key: string, opts?: { beginMs?: number; endMs?: number; max?: number }): Promise<StoredMessage[]>;
  /** First queue offset stored at or after timestampMs (the queue's max when none). */
  searchOffsetByTime(topic: string, queueId: number, timestampMs: number): number;
  commitOffset(group: string, topic: string, queueId: number, offset: number): void;
  getOffset(group: string, topic: string, queueId: number): number | undefined;
  /** Forgets a group's offsets on one topic, or on every topic. */
  deleteOffsets(group: string, topic?: string): void;
  deleteTopic(topic: string): Promise<void>;
  /** Bytes the store occupies on disk (what counts against the instance's storage_space). */
  stats(): { diskBytes: number };
  flush(): Promise<void> | void;
  close(): Promise<void> | void;
}

export type StoreOpener = (opts: StoreOptions) => Promise<MessageStoreApi>;

export const openMessageStore: StoreOpener = (opts) => MessageStore.open(opts);

