// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration.js';

export interface CustomizedBackoff {
  /**
   * To support classic backoff strategy which is arbitrary defined by end users.
   * Typical values are: `1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h`
   */
  'next'?: (_google_protobuf_Duration)[];
}

export interface CustomizedBackoff__Output {
  /**
   * To support classic backoff strategy which is arbitrary defined by end users.
   * Typical values are: `1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h`
   */
  'next'?: (_google_protobuf_Duration__Output)[];
}
