// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { LiteSubscriptionAction as _apache_rocketmq_v2_LiteSubscriptionAction, LiteSubscriptionAction__Output as _apache_rocketmq_v2_LiteSubscriptionAction__Output } from '../../../apache/rocketmq/v2/LiteSubscriptionAction.js';
import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { OffsetOption as _apache_rocketmq_v2_OffsetOption, OffsetOption__Output as _apache_rocketmq_v2_OffsetOption__Output } from '../../../apache/rocketmq/v2/OffsetOption.js';
import type { Long } from '@grpc/proto-loader';

export interface SyncLiteSubscriptionRequest {
  'action'?: (_apache_rocketmq_v2_LiteSubscriptionAction);
  /**
   * bindTopic for lite push consumer
   */
  'topic'?: (_apache_rocketmq_v2_Resource | null);
  /**
   * consumer group
   */
  'group'?: (_apache_rocketmq_v2_Resource | null);
  /**
   * lite subscription set of lite topics
   */
  'lite_topic_set'?: (string)[];
  'version'?: (number | string | Long);
  'offset_option'?: (_apache_rocketmq_v2_OffsetOption | null);
  '_version'?: "version";
  '_offset_option'?: "offset_option";
}

export interface SyncLiteSubscriptionRequest__Output {
  'action'?: (_apache_rocketmq_v2_LiteSubscriptionAction__Output);
  /**
   * bindTopic for lite push consumer
   */
  'topic'?: (_apache_rocketmq_v2_Resource__Output);
  /**
   * consumer group
   */
  'group'?: (_apache_rocketmq_v2_Resource__Output);
  /**
   * lite subscription set of lite topics
   */
  'lite_topic_set'?: (string)[];
  'version'?: (number);
  'offset_option'?: (_apache_rocketmq_v2_OffsetOption__Output);
  '_version'?: "version";
  '_offset_option'?: "offset_option";
}
