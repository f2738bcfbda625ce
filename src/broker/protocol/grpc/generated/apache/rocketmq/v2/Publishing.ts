// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';

export interface Publishing {
  /**
   * Publishing settings below here is appointed by client, thus it is
   * unnecessary for server to push at present.
   * 
   * List of topics to which messages will publish to.
   */
  'topics'?: (_apache_rocketmq_v2_Resource)[];
  /**
   * If the message body size exceeds `max_body_size`, broker servers would
   * reject the request. As a result, it is advisable that Producer performs
   * client-side check validation.
   */
  'max_body_size'?: (number);
  /**
   * When `validate_message_type` flag set `false`, no need to validate message's type
   * with messageQueue's `accept_message_types` before publishing.
   */
  'validate_message_type'?: (boolean);
}

export interface Publishing__Output {
  /**
   * Publishing settings below here is appointed by client, thus it is
   * unnecessary for server to push at present.
   * 
   * List of topics to which messages will publish to.
   */
  'topics'?: (_apache_rocketmq_v2_Resource__Output)[];
  /**
   * If the message body size exceeds `max_body_size`, broker servers would
   * reject the request. As a result, it is advisable that Producer performs
   * client-side check validation.
   */
  'max_body_size'?: (number);
  /**
   * When `validate_message_type` flag set `false`, no need to validate message's type
   * with messageQueue's `accept_message_types` before publishing.
   */
  'validate_message_type'?: (boolean);
}
