// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { SystemProperties as _apache_rocketmq_v2_SystemProperties, SystemProperties__Output as _apache_rocketmq_v2_SystemProperties__Output } from '../../../apache/rocketmq/v2/SystemProperties.js';

export interface Message {
  'topic'?: (_apache_rocketmq_v2_Resource | null);
  /**
   * User defined key-value pairs.
   * If user_properties contain the reserved keys by RocketMQ,
   * the send message request will be aborted with status `INVALID_ARGUMENT`.
   * See below links for the reserved keys
   * https://github.com/apache/rocketmq/blob/master/common/src/main/java/org/apache/rocketmq/common/message/MessageConst.java#L58
   */
  'user_properties'?: ({[key: string]: string});
  'system_properties'?: (_apache_rocketmq_v2_SystemProperties | null);
  'body'?: (Buffer | Uint8Array | string);
}

export interface Message__Output {
  'topic'?: (_apache_rocketmq_v2_Resource__Output);
  /**
   * User defined key-value pairs.
   * If user_properties contain the reserved keys by RocketMQ,
   * the send message request will be aborted with status `INVALID_ARGUMENT`.
   * See below links for the reserved keys
   * https://github.com/apache/rocketmq/blob/master/common/src/main/java/org/apache/rocketmq/common/message/MessageConst.java#L58
   */
  'user_properties'?: ({[key: string]: string});
  'system_properties'?: (_apache_rocketmq_v2_SystemProperties__Output);
  'body'?: (Buffer);
}
