// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { FilterExpression as _apache_rocketmq_v2_FilterExpression, FilterExpression__Output as _apache_rocketmq_v2_FilterExpression__Output } from '../../../apache/rocketmq/v2/FilterExpression.js';

export interface SubscriptionEntry {
  'topic'?: (_apache_rocketmq_v2_Resource | null);
  'expression'?: (_apache_rocketmq_v2_FilterExpression | null);
}

export interface SubscriptionEntry__Output {
  'topic'?: (_apache_rocketmq_v2_Resource__Output);
  'expression'?: (_apache_rocketmq_v2_FilterExpression__Output);
}
