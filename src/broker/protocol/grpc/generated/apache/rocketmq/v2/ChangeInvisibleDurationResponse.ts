// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Status as _apache_rocketmq_v2_Status, Status__Output as _apache_rocketmq_v2_Status__Output } from '../../../apache/rocketmq/v2/Status.js';

export interface ChangeInvisibleDurationResponse {
  'status'?: (_apache_rocketmq_v2_Status | null);
  /**
   * Server may generate a new receipt handle for the message.
   */
  'receipt_handle'?: (string);
}

export interface ChangeInvisibleDurationResponse__Output {
  'status'?: (_apache_rocketmq_v2_Status__Output);
  /**
   * Server may generate a new receipt handle for the message.
   */
  'receipt_handle'?: (string);
}
