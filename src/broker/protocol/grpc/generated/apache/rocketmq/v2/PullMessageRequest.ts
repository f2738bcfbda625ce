// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { MessageQueue as _apache_rocketmq_v2_MessageQueue, MessageQueue__Output as _apache_rocketmq_v2_MessageQueue__Output } from '../../../apache/rocketmq/v2/MessageQueue.js';
import type { FilterExpression as _apache_rocketmq_v2_FilterExpression, FilterExpression__Output as _apache_rocketmq_v2_FilterExpression__Output } from '../../../apache/rocketmq/v2/FilterExpression.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration.js';
import type { Long } from '@grpc/proto-loader';

export interface PullMessageRequest {
  'group'?: (_apache_rocketmq_v2_Resource | null);
  'message_queue'?: (_apache_rocketmq_v2_MessageQueue | null);
  'offset'?: (number | string | Long);
  'batch_size'?: (number);
  'filter_expression'?: (_apache_rocketmq_v2_FilterExpression | null);
  'long_polling_timeout'?: (_google_protobuf_Duration | null);
}

export interface PullMessageRequest__Output {
  'group'?: (_apache_rocketmq_v2_Resource__Output);
  'message_queue'?: (_apache_rocketmq_v2_MessageQueue__Output);
  'offset'?: (number);
  'batch_size'?: (number);
  'filter_expression'?: (_apache_rocketmq_v2_FilterExpression__Output);
  'long_polling_timeout'?: (_google_protobuf_Duration__Output);
}
