// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { ExponentialBackoff as _apache_rocketmq_v2_ExponentialBackoff, ExponentialBackoff__Output as _apache_rocketmq_v2_ExponentialBackoff__Output } from '../../../apache/rocketmq/v2/ExponentialBackoff.js';
import type { CustomizedBackoff as _apache_rocketmq_v2_CustomizedBackoff, CustomizedBackoff__Output as _apache_rocketmq_v2_CustomizedBackoff__Output } from '../../../apache/rocketmq/v2/CustomizedBackoff.js';

export interface RetryPolicy {
  'max_attempts'?: (number);
  'exponential_backoff'?: (_apache_rocketmq_v2_ExponentialBackoff | null);
  'customized_backoff'?: (_apache_rocketmq_v2_CustomizedBackoff | null);
  'strategy'?: "exponential_backoff"|"customized_backoff";
}

export interface RetryPolicy__Output {
  'max_attempts'?: (number);
  'exponential_backoff'?: (_apache_rocketmq_v2_ExponentialBackoff__Output);
  'customized_backoff'?: (_apache_rocketmq_v2_CustomizedBackoff__Output);
  'strategy'?: "exponential_backoff"|"customized_backoff";
}
