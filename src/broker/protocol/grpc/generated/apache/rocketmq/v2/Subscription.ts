// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { SubscriptionEntry as _apache_rocketmq_v2_SubscriptionEntry, SubscriptionEntry__Output as _apache_rocketmq_v2_SubscriptionEntry__Output } from '../../../apache/rocketmq/v2/SubscriptionEntry.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration.js';

export interface Subscription {
  /**
   * Subscription settings below here is appointed by client, thus it is
   * unnecessary for server to push at present.
   * 
   * Consumer group.
   */
  'group'?: (_apache_rocketmq_v2_Resource | null);
  /**
   * Subscription for consumer.
   */
  'subscriptions'?: (_apache_rocketmq_v2_SubscriptionEntry)[];
  /**
   * Subscription settings below here are from server, it is essential for
   * server to push.
   * 
   * When FIFO flag is `true`, messages of the same message group are processed
   * in first-in-first-out manner.
   * 
   * Brokers will not deliver further messages of the same group until prior
   * ones are completely acknowledged.
   */
  'fifo'?: (boolean);
  /**
   * Message receive batch size here is essential for push consumer.
   */
  'receive_batch_size'?: (number);
  /**
   * Long-polling timeout for `ReceiveMessageRequest`, which is essential for
   * push consumer.
   */
  'long_polling_timeout'?: (_google_protobuf_Duration | null);
  /**
   * Only lite push consumer
   * client-side lite subscription quota limit
   */
  'lite_subscription_quota'?: (number);
  /**
   * Only lite push consumer
   * Maximum length limit for lite topic
   */
  'max_lite_topic_size'?: (number);
  '_group'?: "group";
  '_fifo'?: "fifo";
  '_receive_batch_size'?: "receive_batch_size";
  '_long_polling_timeout'?: "long_polling_timeout";
  '_lite_subscription_quota'?: "lite_subscription_quota";
  '_max_lite_topic_size'?: "max_lite_topic_size";
}

export interface Subscription__Output {
  /**
   * Subscription settings below here is appointed by client, thus it is
   * unnecessary for server to push at present.
   * 
   * Consumer group.
   */
  'group'?: (_apache_rocketmq_v2_Resource__Output);
  /**
   * Subscription for consumer.
   */
  'subscriptions'?: (_apache_rocketmq_v2_SubscriptionEntry__Output)[];
  /**
   * Subscription settings below here are from server, it is essential for
   * server to push.
   * 
   * When FIFO flag is `true`, messages of the same message group are processed
   * in first-in-first-out manner.
   * 
   * Brokers will not deliver further messages of the same group until prior
   * ones are completely acknowledged.
   */
  'fifo'?: (boolean);
  /**
   * Message receive batch size here is essential for push consumer.
   */
  'receive_batch_size'?: (number);
  /**
   * Long-polling timeout for `ReceiveMessageRequest`, which is essential for
   * push consumer.
   */
  'long_polling_timeout'?: (_google_protobuf_Duration__Output);
  /**
   * Only lite push consumer
   * client-side lite subscription quota limit
   */
  'lite_subscription_quota'?: (number);
  /**
   * Only lite push consumer
   * Maximum length limit for lite topic
   */
  'max_lite_topic_size'?: (number);
  '_group'?: "group";
  '_fifo'?: "fifo";
  '_receive_batch_size'?: "receive_batch_size";
  '_long_polling_timeout'?: "long_polling_timeout";
  '_lite_subscription_quota'?: "lite_subscription_quota";
  '_max_lite_topic_size'?: "max_lite_topic_size";
}
