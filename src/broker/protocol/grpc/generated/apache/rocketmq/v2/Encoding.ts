// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

export const Encoding = {
  ENCODING_UNSPECIFIED: 'ENCODING_UNSPECIFIED',
  IDENTITY: 'IDENTITY',
  GZIP: 'GZIP',
} as const;

export type Encoding =
  | 'ENCODING_UNSPECIFIED'
  | 0
  | 'IDENTITY'
  | 1
  | 'GZIP'
  | 2

export type Encoding__Output = typeof Encoding[keyof typeof Encoding]
