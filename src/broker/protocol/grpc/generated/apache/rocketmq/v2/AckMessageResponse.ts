// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Status as _apache_rocketmq_v2_Status, Status__Output as _apache_rocketmq_v2_Status__Output } from '../../../apache/rocketmq/v2/Status.js';
import type { AckMessageResultEntry as _apache_rocketmq_v2_AckMessageResultEntry, AckMessageResultEntry__Output as _apache_rocketmq_v2_AckMessageResultEntry__Output } from '../../../apache/rocketmq/v2/AckMessageResultEntry.js';

export interface AckMessageResponse {
  /**
   * RPC tier status, which is used to represent RPC-level errors including
   * authentication, authorization, throttling and other general failures.
   */
  'status'?: (_apache_rocketmq_v2_Status | null);
  'entries'?: (_apache_rocketmq_v2_AckMessageResultEntry)[];
}

export interface AckMessageResponse__Output {
  /**
   * RPC tier status, which is used to represent RPC-level errors including
   * authentication, authorization, throttling and other general failures.
   */
  'status'?: (_apache_rocketmq_v2_Status__Output);
  'entries'?: (_apache_rocketmq_v2_AckMessageResultEntry__Output)[];
}
