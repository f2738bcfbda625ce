// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration.js';

export interface ChangeInvisibleDurationRequest {
  'group'?: (_apache_rocketmq_v2_Resource | null);
  'topic'?: (_apache_rocketmq_v2_Resource | null);
  /**
   * Unique receipt handle to identify message to change
   */
  'receipt_handle'?: (string);
  /**
   * New invisible duration
   */
  'invisible_duration'?: (_google_protobuf_Duration | null);
  /**
   * For message tracing
   */
  'message_id'?: (string);
  'lite_topic'?: (string);
  /**
   * If true, server will not increment the retry times for this message
   */
  'suspend'?: (boolean);
  '_lite_topic'?: "lite_topic";
  '_suspend'?: "suspend";
}

export interface ChangeInvisibleDurationRequest__Output {
  'group'?: (_apache_rocketmq_v2_Resource__Output);
  'topic'?: (_apache_rocketmq_v2_Resource__Output);
  /**
   * Unique receipt handle to identify message to change
   */
  'receipt_handle'?: (string);
  /**
   * New invisible duration
   */
  'invisible_duration'?: (_google_protobuf_Duration__Output);
  /**
   * For message tracing
   */
  'message_id'?: (string);
  'lite_topic'?: (string);
  /**
   * If true, server will not increment the retry times for this message
   */
  'suspend'?: (boolean);
  '_lite_topic'?: "lite_topic";
  '_suspend'?: "suspend";
}
