// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Language as _apache_rocketmq_v2_Language, Language__Output as _apache_rocketmq_v2_Language__Output } from '../../../apache/rocketmq/v2/Language.js';

/**
 * User Agent
 */
export interface UA {
  /**
   * SDK language
   */
  'language'?: (_apache_rocketmq_v2_Language);
  /**
   * SDK version
   */
  'version'?: (string);
  /**
   * Platform details, including OS name, version, arch etc.
   */
  'platform'?: (string);
  /**
   * Hostname of the node
   */
  'hostname'?: (string);
}

/**
 * User Agent
 */
export interface UA__Output {
  /**
   * SDK language
   */
  'language'?: (_apache_rocketmq_v2_Language__Output);
  /**
   * SDK version
   */
  'version'?: (string);
  /**
   * Platform details, including OS name, version, arch etc.
   */
  'platform'?: (string);
  /**
   * Hostname of the node
   */
  'hostname'?: (string);
}
