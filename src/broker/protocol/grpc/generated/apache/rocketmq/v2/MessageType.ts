// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

export const MessageType = {
  MESSAGE_TYPE_UNSPECIFIED: 'MESSAGE_TYPE_UNSPECIFIED',
  NORMAL: 'NORMAL',
  /**
   * Sequenced message
   */
  FIFO: 'FIFO',
  /**
   * Messages that are delivered after the specified duration.
   */
  DELAY: 'DELAY',
  /**
   * Messages that are transactional. Only committed messages are delivered to
   * subscribers.
   */
  TRANSACTION: 'TRANSACTION',
  /**
   * lite topic
   */
  LITE: 'LITE',
  /**
   * Messages that lower prioritised ones may need to wait for higher priority messages to be processed first
   */
  PRIORITY: 'PRIORITY',
} as const;

export type MessageType =
  | 'MESSAGE_TYPE_UNSPECIFIED'
  | 0
  | 'NORMAL'
  | 1
  /**
   * Sequenced message
   */
  | 'FIFO'
  | 2
  /**
   * Messages that are delivered after the specified duration.
   */
  | 'DELAY'
  | 3
  /**
   * Messages that are transactional. Only committed messages are delivered to
   * subscribers.
   */
  | 'TRANSACTION'
  | 4
  /**
   * lite topic
   */
  | 'LITE'
  | 5
  /**
   * Messages that lower prioritised ones may need to wait for higher priority messages to be processed first
   */
  | 'PRIORITY'
  | 6

export type MessageType__Output = typeof MessageType[keyof typeof MessageType]
