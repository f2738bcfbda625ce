// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { MessageQueue as _apache_rocketmq_v2_MessageQueue, MessageQueue__Output as _apache_rocketmq_v2_MessageQueue__Output } from '../../../apache/rocketmq/v2/MessageQueue.js';
import type { FilterExpression as _apache_rocketmq_v2_FilterExpression, FilterExpression__Output as _apache_rocketmq_v2_FilterExpression__Output } from '../../../apache/rocketmq/v2/FilterExpression.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration.js';

export interface ReceiveMessageRequest {
  'group'?: (_apache_rocketmq_v2_Resource | null);
  'message_queue'?: (_apache_rocketmq_v2_MessageQueue | null);
  'filter_expression'?: (_apache_rocketmq_v2_FilterExpression | null);
  'batch_size'?: (number);
  /**
   * Required if client type is simple consumer.
   */
  'invisible_duration'?: (_google_protobuf_Duration | null);
  /**
   * For message auto renew and clean
   */
  'auto_renew'?: (boolean);
  'long_polling_timeout'?: (_google_protobuf_Duration | null);
  'attempt_id'?: (string);
  '_invisible_duration'?: "invisible_duration";
  '_long_polling_timeout'?: "long_polling_timeout";
  '_attempt_id'?: "attempt_id";
}

export interface ReceiveMessageRequest__Output {
  'group'?: (_apache_rocketmq_v2_Resource__Output);
  'message_queue'?: (_apache_rocketmq_v2_MessageQueue__Output);
  'filter_expression'?: (_apache_rocketmq_v2_FilterExpression__Output);
  'batch_size'?: (number);
  /**
   * Required if client type is simple consumer.
   */
  'invisible_duration'?: (_google_protobuf_Duration__Output);
  /**
   * For message auto renew and clean
   */
  'auto_renew'?: (boolean);
  'long_polling_timeout'?: (_google_protobuf_Duration__Output);
  'attempt_id'?: (string);
  '_invisible_duration'?: "invisible_duration";
  '_long_polling_timeout'?: "long_polling_timeout";
  '_attempt_id'?: "attempt_id";
}
