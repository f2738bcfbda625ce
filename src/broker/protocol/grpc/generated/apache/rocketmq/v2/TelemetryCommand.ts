// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Status as _apache_rocketmq_v2_Status, Status__Output as _apache_rocketmq_v2_Status__Output } from '../../../apache/rocketmq/v2/Status.js';
import type { Settings as _apache_rocketmq_v2_Settings, Settings__Output as _apache_rocketmq_v2_Settings__Output } from '../../../apache/rocketmq/v2/Settings.js';
import type { ThreadStackTrace as _apache_rocketmq_v2_ThreadStackTrace, ThreadStackTrace__Output as _apache_rocketmq_v2_ThreadStackTrace__Output } from '../../../apache/rocketmq/v2/ThreadStackTrace.js';
import type { VerifyMessageResult as _apache_rocketmq_v2_VerifyMessageResult, VerifyMessageResult__Output as _apache_rocketmq_v2_VerifyMessageResult__Output } from '../../../apache/rocketmq/v2/VerifyMessageResult.js';
import type { RecoverOrphanedTransactionCommand as _apache_rocketmq_v2_RecoverOrphanedTransactionCommand, RecoverOrphanedTransactionCommand__Output as _apache_rocketmq_v2_RecoverOrphanedTransactionCommand__Output } from '../../../apache/rocketmq/v2/RecoverOrphanedTransactionCommand.js';
import type { PrintThreadStackTraceCommand as _apache_rocketmq_v2_PrintThreadStackTraceCommand, PrintThreadStackTraceCommand__Output as _apache_rocketmq_v2_PrintThreadStackTraceCommand__Output } from '../../../apache/rocketmq/v2/PrintThreadStackTraceCommand.js';
import type { VerifyMessageCommand as _apache_rocketmq_v2_VerifyMessageCommand, VerifyMessageCommand__Output as _apache_rocketmq_v2_VerifyMessageCommand__Output } from '../../../apache/rocketmq/v2/VerifyMessageCommand.js';
import type { ReconnectEndpointsCommand as _apache_rocketmq_v2_ReconnectEndpointsCommand, ReconnectEndpointsCommand__Output as _apache_rocketmq_v2_ReconnectEndpointsCommand__Output } from '../../../apache/rocketmq/v2/ReconnectEndpointsCommand.js';
import type { NotifyUnsubscribeLiteCommand as _apache_rocketmq_v2_NotifyUnsubscribeLiteCommand, NotifyUnsubscribeLiteCommand__Output as _apache_rocketmq_v2_NotifyUnsubscribeLiteCommand__Output } from '../../../apache/rocketmq/v2/NotifyUnsubscribeLiteCommand.js';

export interface TelemetryCommand {
  'status'?: (_apache_rocketmq_v2_Status | null);
  /**
   * Client settings
   */
  'settings'?: (_apache_rocketmq_v2_Settings | null);
  /**
   * These messages are from client.
   * 
   * Report thread stack trace to server.
   */
  'thread_stack_trace'?: (_apache_rocketmq_v2_ThreadStackTrace | null);
  /**
   * Report message verify result to server.
   */
  'verify_message_result'?: (_apache_rocketmq_v2_VerifyMessageResult | null);
  /**
   * There messages are from server.
   * 
   * Request client to recover the orphaned transaction message.
   */
  'recover_orphaned_transaction_command'?: (_apache_rocketmq_v2_RecoverOrphanedTransactionCommand | null);
  /**
   * Request client to print thread stack trace.
   */
  'print_thread_stack_trace_command'?: (_apache_rocketmq_v2_PrintThreadStackTraceCommand | null);
  /**
   * Request client to verify the consumption of the appointed message.
   */
  'verify_message_command'?: (_apache_rocketmq_v2_VerifyMessageCommand | null);
  /**
   * Request client to reconnect server use the latest endpoints.
   */
  'reconnect_endpoints_command'?: (_apache_rocketmq_v2_ReconnectEndpointsCommand | null);
  /**
   * Request client to unsubscribe lite topic.
   */
  'notify_unsubscribe_lite_command'?: (_apache_rocketmq_v2_NotifyUnsubscribeLiteCommand | null);
  '_status'?: "status";
  'command'?: "settings"|"thread_stack_trace"|"verify_message_result"|"recover_orphaned_transaction_command"|"print_thread_stack_trace_command"|"verify_message_command"|"reconnect_endpoints_command"|"notify_unsubscribe_lite_command";
}

export interface TelemetryCommand__Output {
  'status'?: (_apache_rocketmq_v2_Status__Output);
  /**
   * Client settings
   */
  'settings'?: (_apache_rocketmq_v2_Settings__Output);
  /**
   * These messages are from client.
   * 
   * Report thread stack trace to server.
   */
  'thread_stack_trace'?: (_apache_rocketmq_v2_ThreadStackTrace__Output);
  /**
   * Report message verify result to server.
   */
  'verify_message_result'?: (_apache_rocketmq_v2_VerifyMessageResult__Output);
  /**
   * There messages are from server.
   * 
   * Request client to recover the orphaned transaction message.
   */
  'recover_orphaned_transaction_command'?: (_apache_rocketmq_v2_RecoverOrphanedTransactionCommand__Output);
  /**
   * Request client to print thread stack trace.
   */
  'print_thread_stack_trace_command'?: (_apache_rocketmq_v2_PrintThreadStackTraceCommand__Output);
  /**
   * Request client to verify the consumption of the appointed message.
   */
  'verify_message_command'?: (_apache_rocketmq_v2_VerifyMessageCommand__Output);
  /**
   * Request client to reconnect server use the latest endpoints.
   */
  'reconnect_endpoints_command'?: (_apache_rocketmq_v2_ReconnectEndpointsCommand__Output);
  /**
   * Request client to unsubscribe lite topic.
   */
  'notify_unsubscribe_lite_command'?: (_apache_rocketmq_v2_NotifyUnsubscribeLiteCommand__Output);
  '_status'?: "status";
  'command'?: "settings"|"thread_stack_trace"|"verify_message_result"|"recover_orphaned_transaction_command"|"print_thread_stack_trace_command"|"verify_message_command"|"reconnect_endpoints_command"|"notify_unsubscribe_lite_command";
}
