// Bits of a 4.x message's sysFlag (MessageSysFlag) and of a pull request's sysFlag (PullSysFlag).

export const MessageSysFlag = {
  COMPRESSED: 0x1,
  MULTI_TAGS: 0x2,
  TRANSACTION_NOT_TYPE: 0,
  TRANSACTION_PREPARED_TYPE: 0x4,
  TRANSACTION_COMMIT_TYPE: 0x8,
  TRANSACTION_ROLLBACK_TYPE: 0xc,
  BORNHOST_V6: 0x10,
  STOREHOST_V6: 0x20,
  /** Java 5.x: compression algorithm in bits 8-10 (0 zlib, 1 zstd, 2 lz4). */
  COMPRESSION_TYPE_MASK: 0x700,
} as const;

export const transactionType = (sysFlag: number): number => sysFlag & MessageSysFlag.TRANSACTION_ROLLBACK_TYPE;

export const PullSysFlag = {
  COMMIT_OFFSET: 0x1,
  SUSPEND: 0x2,
  SUBSCRIPTION: 0x4,
  CLASS_FILTER: 0x8,
  LITE_PULL: 0x10,
} as const;
