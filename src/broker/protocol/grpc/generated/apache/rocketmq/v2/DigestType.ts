// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

export const DigestType = {
  DIGEST_TYPE_UNSPECIFIED: 'DIGEST_TYPE_UNSPECIFIED',
  /**
   * CRC algorithm achieves goal of detecting random data error with lowest
   * computation overhead.
   */
  CRC32: 'CRC32',
  /**
   * MD5 algorithm achieves good balance between collision rate and computation
   * overhead.
   */
  MD5: 'MD5',
  /**
   * SHA-family has substantially fewer collision with fair amount of
   * computation.
   */
  SHA1: 'SHA1',
} as const;

export type DigestType =
  | 'DIGEST_TYPE_UNSPECIFIED'
  | 0
  /**
   * CRC algorithm achieves goal of detecting random data error with lowest
   * computation overhead.
   */
  | 'CRC32'
  | 1
  /**
   * MD5 algorithm achieves good balance between collision rate and computation
   * overhead.
   */
  | 'MD5'
  | 2
  /**
   * SHA-family has substantially fewer collision with fair amount of
   * computation.
   */
  | 'SHA1'
  | 3

export type DigestType__Output = typeof DigestType[keyof typeof DigestType]
