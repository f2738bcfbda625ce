// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';

export interface NotifyClientTerminationRequest {
  /**
   * Consumer group, which is absent for producer.
   */
  'group'?: (_apache_rocketmq_v2_Resource | null);
  '_group'?: "group";
}

export interface NotifyClientTerminationRequest__Output {
  /**
   * Consumer group, which is absent for producer.
   */
  'group'?: (_apache_rocketmq_v2_Resource__Output);
  '_group'?: "group";
}
