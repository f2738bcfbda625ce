// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Endpoints as _apache_rocketmq_v2_Endpoints, Endpoints__Output as _apache_rocketmq_v2_Endpoints__Output } from '../../../apache/rocketmq/v2/Endpoints.js';

export interface Metric {
  /**
   * Indicates that if client should export local metrics to server.
   */
  'on'?: (boolean);
  /**
   * The endpoint that client metrics should be exported to, which is required if the switch is on.
   */
  'endpoints'?: (_apache_rocketmq_v2_Endpoints | null);
  '_endpoints'?: "endpoints";
}

export interface Metric__Output {
  /**
   * Indicates that if client should export local metrics to server.
   */
  'on'?: (boolean);
  /**
   * The endpoint that client metrics should be exported to, which is required if the switch is on.
   */
  'endpoints'?: (_apache_rocketmq_v2_Endpoints__Output);
  '_endpoints'?: "endpoints";
}
