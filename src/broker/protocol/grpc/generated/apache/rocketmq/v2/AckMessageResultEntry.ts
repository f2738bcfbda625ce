// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Status as _apache_rocketmq_v2_Status, Status__Output as _apache_rocketmq_v2_Status__Output } from '../../../apache/rocketmq/v2/Status.js';

export interface AckMessageResultEntry {
  'message_id'?: (string);
  'receipt_handle'?: (string);
  /**
   * Acknowledge result may be acquired through inspecting
   * `status.code`; In case acknowledgement failed, `status.message`
   * is the explanation of the failure.
   */
  'status'?: (_apache_rocketmq_v2_Status | null);
}

export interface AckMessageResultEntry__Output {
  'message_id'?: (string);
  'receipt_handle'?: (string);
  /**
   * Acknowledge result may be acquired through inspecting
   * `status.code`; In case acknowledgement failed, `status.message`
   * is the explanation of the failure.
   */
  'status'?: (_apache_rocketmq_v2_Status__Output);
}
