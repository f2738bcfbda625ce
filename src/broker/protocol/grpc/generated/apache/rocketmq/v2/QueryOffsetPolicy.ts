// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

export const QueryOffsetPolicy = {
  /**
   * Use this option if client wishes to playback all existing messages.
   */
  BEGINNING: 'BEGINNING',
  /**
   * Use this option if client wishes to skip all existing messages.
   */
  END: 'END',
  /**
   * Use this option if time-based seek is targeted.
   */
  TIMESTAMP: 'TIMESTAMP',
} as const;

export type QueryOffsetPolicy =
  /**
   * Use this option if client wishes to playback all existing messages.
   */
  | 'BEGINNING'
  | 0
  /**
   * Use this option if client wishes to skip all existing messages.
   */
  | 'END'
  | 1
  /**
   * Use this option if time-based seek is targeted.
   */
  | 'TIMESTAMP'
  | 2

export type QueryOffsetPolicy__Output = typeof QueryOffsetPolicy[keyof typeof QueryOffsetPolicy]
