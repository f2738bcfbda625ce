// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Long } from '@grpc/proto-loader';

// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

export const _apache_rocketmq_v2_OffsetOption_Policy = {
  LAST: 'LAST',
  MIN: 'MIN',
  MAX: 'MAX',
} as const;

export type _apache_rocketmq_v2_OffsetOption_Policy =
  | 'LAST'
  | 0
  | 'MIN'
  | 1
  | 'MAX'
  | 2

export type _apache_rocketmq_v2_OffsetOption_Policy__Output = typeof _apache_rocketmq_v2_OffsetOption_Policy[keyof typeof _apache_rocketmq_v2_OffsetOption_Policy]

export interface OffsetOption {
  'policy'?: (_apache_rocketmq_v2_OffsetOption_Policy);
  'offset'?: (number | string | Long);
  'tail_n'?: (number | string | Long);
  'timestamp'?: (number | string | Long);
  'offset_type'?: "policy"|"offset"|"tail_n"|"timestamp";
}

export interface OffsetOption__Output {
  'policy'?: (_apache_rocketmq_v2_OffsetOption_Policy__Output);
  'offset'?: (number);
  'tail_n'?: (number);
  'timestamp'?: (number);
  'offset_type'?: "policy"|"offset"|"tail_n"|"timestamp";
}
