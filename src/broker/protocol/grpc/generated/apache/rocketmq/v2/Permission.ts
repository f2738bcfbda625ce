// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

export const Permission = {
  PERMISSION_UNSPECIFIED: 'PERMISSION_UNSPECIFIED',
  NONE: 'NONE',
  READ: 'READ',
  WRITE: 'WRITE',
  READ_WRITE: 'READ_WRITE',
} as const;

export type Permission =
  | 'PERMISSION_UNSPECIFIED'
  | 0
  | 'NONE'
  | 1
  | 'READ'
  | 2
  | 'WRITE'
  | 3
  | 'READ_WRITE'
  | 4

export type Permission__Output = typeof Permission[keyof typeof Permission]
