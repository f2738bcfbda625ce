// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Endpoints as _apache_rocketmq_v2_Endpoints, Endpoints__Output as _apache_rocketmq_v2_Endpoints__Output } from '../../../apache/rocketmq/v2/Endpoints.js';

export interface Broker {
  /**
   * Name of the broker
   */
  'name'?: (string);
  /**
   * Broker index. Canonically, index = 0 implies that the broker is playing
   * leader role while brokers with index > 0 play follower role.
   */
  'id'?: (number);
  /**
   * Address of the broker, complying with the following scheme
   * 1. dns:[//authority/]host[:port]
   * 2. ipv4:address[:port][,address[:port],...] – IPv4 addresses
   * 3. ipv6:address[:port][,address[:port],...] – IPv6 addresses
   */
  'endpoints'?: (_apache_rocketmq_v2_Endpoints | null);
}

export interface Broker__Output {
  /**
   * Name of the broker
   */
  'name'?: (string);
  /**
   * Broker index. Canonically, index = 0 implies that the broker is playing
   * leader role while brokers with index > 0 play follower role.
   */
  'id'?: (number);
  /**
   * Address of the broker, complying with the following scheme
   * 1. dns:[//authority/]host[:port]
   * 2. ipv4:address[:port][,address[:port],...] – IPv4 addresses
   * 3. ipv6:address[:port][,address[:port],...] – IPv6 addresses
   */
  'endpoints'?: (_apache_rocketmq_v2_Endpoints__Output);
}
