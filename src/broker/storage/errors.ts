// Typed errors of the message store; each has a stable `code` the engine and protocols can map.
export { StoreFullError } from './types.js';

export type StoreErrorCode =
  | 'STORE_CORRUPT'
  | 'STORE_VERSION_UNSUPPORTED'
  | 'STORE_CLOSED'
  | 'STORE_INVALID_RECORD'
  | 'STORE_MESSAGE_TOO_LARGE'
  | 'STORE_INVALID_OPTIONS'
  | 'STORE_LOCKED';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** A store file has a bad magic/header or a record read back fails its checksum below the recovered tail. */
export class StoreCorruptError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_CORRUPT', message, options);
    this.name = 'StoreCorruptError';
  }
}

/** A store file was written by a newer (or unknown) format version than this build reads. */
export class StoreVersionError extends StoreError {
  constructor(message: string) {
    super('STORE_VERSION_UNSUPPORTED', message);
    this.name = 'StoreVersionError';
  }
}

export class StoreClosedError extends StoreError {
  constructor() {
    super('STORE_CLOSED', 'the message store is closed');
    this.name = 'StoreClosedError';
  }
}

/** A record breaks a field limit (queue id range, string lengths); nothing of its append call was written. */
export class InvalidRecordError extends StoreError {
  readonly field: string;
  constructor(field: string, message: string) {
    super('STORE_INVALID_RECORD', message);
    this.name = 'InvalidRecordError';
    this.field = field;
  }
}

/** A single record does not fit in one commit-log segment. */
export class MessageTooLargeError extends StoreError {
  constructor(size: number, limit: number) {
    super('STORE_MESSAGE_TOO_LARGE', `record of ${size} bytes exceeds the segment limit of ${limit} bytes`);
    this.name = 'MessageTooLargeError';
  }
}

export class InvalidStoreOptionsError extends StoreError {
  constructor(message: string) {
    super('STORE_INVALID_OPTIONS', message);
    this.name = 'InvalidStoreOptionsError';
  }
}

/** The store directory is open in another live process (or already in this one). */
export class StoreLockedError extends StoreError {
  constructor(message: string) {
    super('STORE_LOCKED', message);
    this.name = 'StoreLockedError';
  }
}
