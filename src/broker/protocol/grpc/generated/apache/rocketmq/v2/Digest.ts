// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { DigestType as _apache_rocketmq_v2_DigestType, DigestType__Output as _apache_rocketmq_v2_DigestType__Output } from '../../../apache/rocketmq/v2/DigestType.js';

/**
 * When publishing messages to or subscribing messages from brokers, clients
 * shall include or validate digests of message body to ensure data integrity.
 * 
 * For message publishing, when an invalid digest were detected, brokers need
 * respond client with BAD_REQUEST.
 * 
 * For messages subscription, when an invalid digest were detected, consumers
 * need to handle this case according to message type:
 * 1) Standard messages should be negatively acknowledged instantly, causing
 * immediate re-delivery; 2) FIFO messages require special RPC, to re-fetch
 * previously acquired messages batch;
 */
export interface Digest {
  'type'?: (_apache_rocketmq_v2_DigestType);
  'checksum'?: (string);
}

/**
 * When publishing messages to or subscribing messages from brokers, clients
 * shall include or validate digests of message body to ensure data integrity.
 * 
 * For message publishing, when an invalid digest were detected, brokers need
 * respond client with BAD_REQUEST.
 * 
 * For messages subscription, when an invalid digest were detected, consumers
 * need to handle this case according to message type:
 * 1) Standard messages should be negatively acknowledged instantly, causing
 * immediate re-delivery; 2) FIFO messages require special RPC, to re-fetch
 * previously acquired messages batch;
 */
export interface Digest__Output {
  'type'?: (_apache_rocketmq_v2_DigestType__Output);
  'checksum'?: (string);
}
