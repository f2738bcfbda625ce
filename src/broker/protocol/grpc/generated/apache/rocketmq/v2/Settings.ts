// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { ClientType as _apache_rocketmq_v2_ClientType, ClientType__Output as _apache_rocketmq_v2_ClientType__Output } from '../../../apache/rocketmq/v2/ClientType.js';
import type { Endpoints as _apache_rocketmq_v2_Endpoints, Endpoints__Output as _apache_rocketmq_v2_Endpoints__Output } from '../../../apache/rocketmq/v2/Endpoints.js';
import type { RetryPolicy as _apache_rocketmq_v2_RetryPolicy, RetryPolicy__Output as _apache_rocketmq_v2_RetryPolicy__Output } from '../../../apache/rocketmq/v2/RetryPolicy.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration.js';
import type { Publishing as _apache_rocketmq_v2_Publishing, Publishing__Output as _apache_rocketmq_v2_Publishing__Output } from '../../../apache/rocketmq/v2/Publishing.js';
import type { Subscription as _apache_rocketmq_v2_Subscription, Subscription__Output as _apache_rocketmq_v2_Subscription__Output } from '../../../apache/rocketmq/v2/Subscription.js';
import type { UA as _apache_rocketmq_v2_UA, UA__Output as _apache_rocketmq_v2_UA__Output } from '../../../apache/rocketmq/v2/UA.js';
import type { Metric as _apache_rocketmq_v2_Metric, Metric__Output as _apache_rocketmq_v2_Metric__Output } from '../../../apache/rocketmq/v2/Metric.js';

export interface Settings {
  /**
   * Configurations for all clients.
   */
  'client_type'?: (_apache_rocketmq_v2_ClientType);
  'access_point'?: (_apache_rocketmq_v2_Endpoints | null);
  /**
   * If publishing of messages encounters throttling or server internal errors,
   * publishers should implement automatic retries after progressive longer
   * back-offs for consecutive errors.
   * 
   * When processing message fails, `backoff_policy` describes an interval
   * after which the message should be available to consume again.
   * 
   * For FIFO messages, the interval should be relatively small because
   * messages of the same message group would not be readily available until
   * the prior one depletes its lifecycle.
   */
  'backoff_policy'?: (_apache_rocketmq_v2_RetryPolicy | null);
  /**
   * Request timeout for RPCs excluding long-polling.
   */
  'request_timeout'?: (_google_protobuf_Duration | null);
  'publishing'?: (_apache_rocketmq_v2_Publishing | null);
  'subscription'?: (_apache_rocketmq_v2_Subscription | null);
  /**
   * User agent details
   */
  'user_agent'?: (_apache_rocketmq_v2_UA | null);
  'metric'?: (_apache_rocketmq_v2_Metric | null);
  '_client_type'?: "client_type";
  '_access_point'?: "access_point";
  '_backoff_policy'?: "backoff_policy";
  '_request_timeout'?: "request_timeout";
  'pub_sub'?: "publishing"|"subscription";
}

export interface Settings__Output {
  /**
   * Configurations for all clients.
   */
  'client_type'?: (_apache_rocketmq_v2_ClientType__Output);
  'access_point'?: (_apache_rocketmq_v2_Endpoints__Output);
  /**
   * If publishing of messages encounters throttling or server internal errors,
   * publishers should implement automatic retries after progressive longer
   * back-offs for consecutive errors.
   * 
   * When processing message fails, `backoff_policy` describes an interval
   * after which the message should be available to consume again.
   * 
   * For FIFO messages, the interval should be relatively small because
   * messages of the same message group would not be readily available until
   * the prior one depletes its lifecycle.
   */
  'backoff_policy'?: (_apache_rocketmq_v2_RetryPolicy__Output);
  /**
   * Request timeout for RPCs excluding long-polling.
   */
  'request_timeout'?: (_google_protobuf_Duration__Output);
  'publishing'?: (_apache_rocketmq_v2_Publishing__Output);
  'subscription'?: (_apache_rocketmq_v2_Subscription__Output);
  /**
   * User agent details
   */
  'user_agent'?: (_apache_rocketmq_v2_UA__Output);
  'metric'?: (_apache_rocketmq_v2_Metric__Output);
  '_client_type'?: "client_type";
  '_access_point'?: "access_point";
  '_backoff_policy'?: "backoff_policy";
  '_request_timeout'?: "request_timeout";
  'pub_sub'?: "publishing"|"subscription";
}
