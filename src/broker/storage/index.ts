// Public API of the broker's message store.
export { MessageStore } from './message-store.js';
export type { MessageStoreOpenOptions, ReadBatch, ReadOptions, StoreStats } from './message-store.js';
export type { Fd, FileLayer } from './file-layer.js';
export { nodeFileLayer } from './file-layer.js';
export { FLUSH_POLICIES, MIN_SEGMENT_BYTES, DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_RETENTION_MS, DEFAULT_SEGMENT_BYTES } from './options.js';
export {
  InvalidRecordError,
  InvalidStoreOptionsError,
  MessageTooLargeError,
  StoreClosedError,
  StoreCorruptError,
  StoreError,
  StoreLockedError,
  StoreVersionError,
} from './errors.js';
export type { StoreErrorCode } from './errors.js';
export { StoreFullError } from './types.js';
export { hashString } from './record-codec.js';
export type { AppendRecord, AppendResult, FlushPolicy, QueueRange, StoreOptions, StoredMessage } from './types.js';
