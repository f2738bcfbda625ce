// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Status as _apache_rocketmq_v2_Status, Status__Output as _apache_rocketmq_v2_Status__Output } from '../../../apache/rocketmq/v2/Status.js';
import type { Long } from '@grpc/proto-loader';

export interface SendResultEntry {
  'status'?: (_apache_rocketmq_v2_Status | null);
  'message_id'?: (string);
  'transaction_id'?: (string);
  'offset'?: (number | string | Long);
  /**
   * Unique handle to identify message to recall, support delay message for now.
   */
  'recall_handle'?: (string);
}

export interface SendResultEntry__Output {
  'status'?: (_apache_rocketmq_v2_Status__Output);
  'message_id'?: (string);
  'transaction_id'?: (string);
  'offset'?: (number);
  /**
   * Unique handle to identify message to recall, support delay message for now.
   */
  'recall_handle'?: (string);
}
