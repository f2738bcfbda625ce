// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Message as _apache_rocketmq_v2_Message, Message__Output as _apache_rocketmq_v2_Message__Output } from '../../../apache/rocketmq/v2/Message.js';

export interface RecoverOrphanedTransactionCommand {
  'message'?: (_apache_rocketmq_v2_Message | null);
  'transaction_id'?: (string);
}

export interface RecoverOrphanedTransactionCommand__Output {
  'message'?: (_apache_rocketmq_v2_Message__Output);
  'transaction_id'?: (string);
}
