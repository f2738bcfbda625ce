// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Status as _apache_rocketmq_v2_Status, Status__Output as _apache_rocketmq_v2_Status__Output } from '../../../apache/rocketmq/v2/Status.js';
import type { SendResultEntry as _apache_rocketmq_v2_SendResultEntry, SendResultEntry__Output as _apache_rocketmq_v2_SendResultEntry__Output } from '../../../apache/rocketmq/v2/SendResultEntry.js';

export interface SendMessageResponse {
  'status'?: (_apache_rocketmq_v2_Status | null);
  /**
   * Some implementation may have partial failure issues. Client SDK developers are expected to inspect
   * each entry for best certainty.
   */
  'entries'?: (_apache_rocketmq_v2_SendResultEntry)[];
}

export interface SendMessageResponse__Output {
  'status'?: (_apache_rocketmq_v2_Status__Output);
  /**
   * Some implementation may have partial failure issues. Client SDK developers are expected to inspect
   * each entry for best certainty.
   */
  'entries'?: (_apache_rocketmq_v2_SendResultEntry__Output)[];
}
