// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { Permission as _apache_rocketmq_v2_Permission, Permission__Output as _apache_rocketmq_v2_Permission__Output } from '../../../apache/rocketmq/v2/Permission.js';
import type { Broker as _apache_rocketmq_v2_Broker, Broker__Output as _apache_rocketmq_v2_Broker__Output } from '../../../apache/rocketmq/v2/Broker.js';
import type { MessageType as _apache_rocketmq_v2_MessageType, MessageType__Output as _apache_rocketmq_v2_MessageType__Output } from '../../../apache/rocketmq/v2/MessageType.js';

export interface MessageQueue {
  'topic'?: (_apache_rocketmq_v2_Resource | null);
  'id'?: (number);
  'permission'?: (_apache_rocketmq_v2_Permission);
  'broker'?: (_apache_rocketmq_v2_Broker | null);
  'accept_message_types'?: (_apache_rocketmq_v2_MessageType)[];
}

export interface MessageQueue__Output {
  'topic'?: (_apache_rocketmq_v2_Resource__Output);
  'id'?: (number);
  'permission'?: (_apache_rocketmq_v2_Permission__Output);
  'broker'?: (_apache_rocketmq_v2_Broker__Output);
  'accept_message_types'?: (_apache_rocketmq_v2_MessageType__Output)[];
}
