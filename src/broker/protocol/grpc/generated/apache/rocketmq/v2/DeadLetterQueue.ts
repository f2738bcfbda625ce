// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto


export interface DeadLetterQueue {
  /**
   * Original topic for this DLQ message.
   */
  'topic'?: (string);
  /**
   * Original message id for this DLQ message.
   */
  'message_id'?: (string);
}

export interface DeadLetterQueue__Output {
  /**
   * Original topic for this DLQ message.
   */
  'topic'?: (string);
  /**
   * Original message id for this DLQ message.
   */
  'message_id'?: (string);
}
