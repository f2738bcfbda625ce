// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

export const ClientType = {
  CLIENT_TYPE_UNSPECIFIED: 'CLIENT_TYPE_UNSPECIFIED',
  PRODUCER: 'PRODUCER',
  PUSH_CONSUMER: 'PUSH_CONSUMER',
  SIMPLE_CONSUMER: 'SIMPLE_CONSUMER',
  PULL_CONSUMER: 'PULL_CONSUMER',
  LITE_PUSH_CONSUMER: 'LITE_PUSH_CONSUMER',
  LITE_SIMPLE_CONSUMER: 'LITE_SIMPLE_CONSUMER',
} as const;

export type ClientType =
  | 'CLIENT_TYPE_UNSPECIFIED'
  | 0
  | 'PRODUCER'
  | 1
  | 'PUSH_CONSUMER'
  | 2
  | 'SIMPLE_CONSUMER'
  | 3
  | 'PULL_CONSUMER'
  | 4
  | 'LITE_PUSH_CONSUMER'
  | 5
  | 'LITE_SIMPLE_CONSUMER'
  | 6

export type ClientType__Output = typeof ClientType[keyof typeof ClientType]
