// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { MessageQueue as _apache_rocketmq_v2_MessageQueue, MessageQueue__Output as _apache_rocketmq_v2_MessageQueue__Output } from '../../../apache/rocketmq/v2/MessageQueue.js';
import type { Long } from '@grpc/proto-loader';

export interface UpdateOffsetRequest {
  'group'?: (_apache_rocketmq_v2_Resource | null);
  'message_queue'?: (_apache_rocketmq_v2_MessageQueue | null);
  'offset'?: (number | string | Long);
}

export interface UpdateOffsetRequest__Output {
  'group'?: (_apache_rocketmq_v2_Resource__Output);
  'message_queue'?: (_apache_rocketmq_v2_MessageQueue__Output);
  'offset'?: (number);
}
