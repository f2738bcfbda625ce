// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';

export interface ForwardMessageToDeadLetterQueueRequest {
  'group'?: (_apache_rocketmq_v2_Resource | null);
  'topic'?: (_apache_rocketmq_v2_Resource | null);
  'receipt_handle'?: (string);
  'message_id'?: (string);
  'delivery_attempt'?: (number);
  'max_delivery_attempts'?: (number);
  'lite_topic'?: (string);
  '_lite_topic'?: "lite_topic";
}

export interface ForwardMessageToDeadLetterQueueRequest__Output {
  'group'?: (_apache_rocketmq_v2_Resource__Output);
  'topic'?: (_apache_rocketmq_v2_Resource__Output);
  'receipt_handle'?: (string);
  'message_id'?: (string);
  'delivery_attempt'?: (number);
  'max_delivery_attempts'?: (number);
  'lite_topic'?: (string);
  '_lite_topic'?: "lite_topic";
}
