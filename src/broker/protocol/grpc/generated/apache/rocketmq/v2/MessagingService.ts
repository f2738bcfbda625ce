// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AckMessageRequest as _apache_rocketmq_v2_AckMessageRequest, AckMessageRequest__Output as _apache_rocketmq_v2_AckMessageRequest__Output } from '../../../apache/rocketmq/v2/AckMessageRequest.js';
import type { AckMessageResponse as _apache_rocketmq_v2_AckMessageResponse, AckMessageResponse__Output as _apache_rocketmq_v2_AckMessageResponse__Output } from '../../../apache/rocketmq/v2/AckMessageResponse.js';
import type { ChangeInvisibleDurationRequest as _apache_rocketmq_v2_ChangeInvisibleDurationRequest, ChangeInvisibleDurationRequest__Output as _apache_rocketmq_v2_ChangeInvisibleDurationRequest__Output } from '../../../apache/rocketmq/v2/ChangeInvisibleDurationRequest.js';
import type { ChangeInvisibleDurationResponse as _apache_rocketmq_v2_ChangeInvisibleDurationResponse, ChangeInvisibleDurationResponse__Output as _apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output } from '../../../apache/rocketmq/v2/ChangeInvisibleDurationResponse.js';
import type { EndTransactionRequest as _apache_rocketmq_v2_EndTransactionRequest, EndTransactionRequest__Output as _apache_rocketmq_v2_EndTransactionRequest__Output } from '../../../apache/rocketmq/v2/EndTransactionRequest.js';
import type { EndTransactionResponse as _apache_rocketmq_v2_EndTransactionResponse, EndTransactionResponse__Output as _apache_rocketmq_v2_EndTransactionResponse__Output } from '../../../apache/rocketmq/v2/EndTransactionResponse.js';
import type { ForwardMessageToDeadLetterQueueRequest as _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, ForwardMessageToDeadLetterQueueRequest__Output as _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest__Output } from '../../../apache/rocketmq/v2/ForwardMessageToDeadLetterQueueRequest.js';
import type { ForwardMessageToDeadLetterQueueResponse as _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse, ForwardMessageToDeadLetterQueueResponse__Output as _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output } from '../../../apache/rocketmq/v2/ForwardMessageToDeadLetterQueueResponse.js';
import type { GetOffsetRequest as _apache_rocketmq_v2_GetOffsetRequest, GetOffsetRequest__Output as _apache_rocketmq_v2_GetOffsetRequest__Output } from '../../../apache/rocketmq/v2/GetOffsetRequest.js';
import type { GetOffsetResponse as _apache_rocketmq_v2_GetOffsetResponse, GetOffsetResponse__Output as _apache_rocketmq_v2_GetOffsetResponse__Output } from '../../../apache/rocketmq/v2/GetOffsetResponse.js';
import type { HeartbeatRequest as _apache_rocketmq_v2_HeartbeatRequest, HeartbeatRequest__Output as _apache_rocketmq_v2_HeartbeatRequest__Output } from '../../../apache/rocketmq/v2/HeartbeatRequest.js';
import type { HeartbeatResponse as _apache_rocketmq_v2_HeartbeatResponse, HeartbeatResponse__Output as _apache_rocketmq_v2_HeartbeatResponse__Output } from '../../../apache/rocketmq/v2/HeartbeatResponse.js';
import type { NotifyClientTerminationRequest as _apache_rocketmq_v2_NotifyClientTerminationRequest, NotifyClientTerminationRequest__Output as _apache_rocketmq_v2_NotifyClientTerminationRequest__Output } from '../../../apache/rocketmq/v2/NotifyClientTerminationRequest.js';
import type { NotifyClientTerminationResponse as _apache_rocketmq_v2_NotifyClientTerminationResponse, NotifyClientTerminationResponse__Output as _apache_rocketmq_v2_NotifyClientTerminationResponse__Output } from '../../../apache/rocketmq/v2/NotifyClientTerminationResponse.js';
import type { PullMessageRequest as _apache_rocketmq_v2_PullMessageRequest, PullMessageRequest__Output as _apache_rocketmq_v2_PullMessageRequest__Output } from '../../../apache/rocketmq/v2/PullMessageRequest.js';
import type { PullMessageResponse as _apache_rocketmq_v2_PullMessageResponse, PullMessageResponse__Output as _apache_rocketmq_v2_PullMessageResponse__Output } from '../../../apache/rocketmq/v2/PullMessageResponse.js';
import type { QueryAssignmentRequest as _apache_rocketmq_v2_QueryAssignmentRequest, QueryAssignmentRequest__Output as _apache_rocketmq_v2_QueryAssignmentRequest__Output } from '../../../apache/rocketmq/v2/QueryAssignmentRequest.js';
import type { QueryAssignmentResponse as _apache_rocketmq_v2_QueryAssignmentResponse, QueryAssignmentResponse__Output as _apache_rocketmq_v2_QueryAssignmentResponse__Output } from '../../../apache/rocketmq/v2/QueryAssignmentResponse.js';
import type { QueryOffsetRequest as _apache_rocketmq_v2_QueryOffsetRequest, QueryOffsetRequest__Output as _apache_rocketmq_v2_QueryOffsetRequest__Output } from '../../../apache/rocketmq/v2/QueryOffsetRequest.js';
import type { QueryOffsetResponse as _apache_rocketmq_v2_QueryOffsetResponse, QueryOffsetResponse__Output as _apache_rocketmq_v2_QueryOffsetResponse__Output } from '../../../apache/rocketmq/v2/QueryOffsetResponse.js';
import type { QueryRouteRequest as _apache_rocketmq_v2_QueryRouteRequest, QueryRouteRequest__Output as _apache_rocketmq_v2_QueryRouteRequest__Output } from '../../../apache/rocketmq/v2/QueryRouteRequest.js';
import type { QueryRouteResponse as _apache_rocketmq_v2_QueryRouteResponse, QueryRouteResponse__Output as _apache_rocketmq_v2_QueryRouteResponse__Output } from '../../../apache/rocketmq/v2/QueryRouteResponse.js';
import type { RecallMessageRequest as _apache_rocketmq_v2_RecallMessageRequest, RecallMessageRequest__Output as _apache_rocketmq_v2_RecallMessageRequest__Output } from '../../../apache/rocketmq/v2/RecallMessageRequest.js';
import type { RecallMessageResponse as _apache_rocketmq_v2_RecallMessageResponse, RecallMessageResponse__Output as _apache_rocketmq_v2_RecallMessageResponse__Output } from '../../../apache/rocketmq/v2/RecallMessageResponse.js';
import type { ReceiveMessageRequest as _apache_rocketmq_v2_ReceiveMessageRequest, ReceiveMessageRequest__Output as _apache_rocketmq_v2_ReceiveMessageRequest__Output } from '../../../apache/rocketmq/v2/ReceiveMessageRequest.js';
import type { ReceiveMessageResponse as _apache_rocketmq_v2_ReceiveMessageResponse, ReceiveMessageResponse__Output as _apache_rocketmq_v2_ReceiveMessageResponse__Output } from '../../../apache/rocketmq/v2/ReceiveMessageResponse.js';
import type { SendMessageRequest as _apache_rocketmq_v2_SendMessageRequest, SendMessageRequest__Output as _apache_rocketmq_v2_SendMessageRequest__Output } from '../../../apache/rocketmq/v2/SendMessageRequest.js';
import type { SendMessageResponse as _apache_rocketmq_v2_SendMessageResponse, SendMessageResponse__Output as _apache_rocketmq_v2_SendMessageResponse__Output } from '../../../apache/rocketmq/v2/SendMessageResponse.js';
import type { SyncLiteSubscriptionRequest as _apache_rocketmq_v2_SyncLiteSubscriptionRequest, SyncLiteSubscriptionRequest__Output as _apache_rocketmq_v2_SyncLiteSubscriptionRequest__Output } from '../../../apache/rocketmq/v2/SyncLiteSubscriptionRequest.js';
import type { SyncLiteSubscriptionResponse as _apache_rocketmq_v2_SyncLiteSubscriptionResponse, SyncLiteSubscriptionResponse__Output as _apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output } from '../../../apache/rocketmq/v2/SyncLiteSubscriptionResponse.js';
import type { TelemetryCommand as _apache_rocketmq_v2_TelemetryCommand, TelemetryCommand__Output as _apache_rocketmq_v2_TelemetryCommand__Output } from '../../../apache/rocketmq/v2/TelemetryCommand.js';
import type { UpdateOffsetRequest as _apache_rocketmq_v2_UpdateOffsetRequest, UpdateOffsetRequest__Output as _apache_rocketmq_v2_UpdateOffsetRequest__Output } from '../../../apache/rocketmq/v2/UpdateOffsetRequest.js';
import type { UpdateOffsetResponse as _apache_rocketmq_v2_UpdateOffsetResponse, UpdateOffsetResponse__Output as _apache_rocketmq_v2_UpdateOffsetResponse__Output } from '../../../apache/rocketmq/v2/UpdateOffsetResponse.js';

/**
 * For all the RPCs in MessagingService, the following error handling policies
 * apply:
 * 
 * If the request doesn't bear a valid authentication credential, return a
 * response with common.status.code == `UNAUTHENTICATED`. If the authenticated
 * user is not granted with sufficient permission to execute the requested
 * operation, return a response with common.status.code == `PERMISSION_DENIED`.
 * If the per-user-resource-based quota is exhausted, return a response with
 * common.status.code == `RESOURCE_EXHAUSTED`. If any unexpected server-side
 * errors raise, return a response with common.status.code == `INTERNAL`.
 */
export interface MessagingServiceClient extends grpc.Client {
  /**
   * Acknowledges the message associated with the `receipt_handle` or `offset`
   * in the `AckMessageRequest`, it means the message has been successfully
   * processed. Returns `OK` if the message server remove the relevant message
   * successfully.
   * 
   * If the given receipt_handle is illegal or out of date, returns
   * `INVALID_ARGUMENT`.
   */
  AckMessage(argument: _apache_rocketmq_v2_AckMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_AckMessageResponse__Output>): grpc.ClientUnaryCall;
  AckMessage(argument: _apache_rocketmq_v2_AckMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_AckMessageResponse__Output>): grpc.ClientUnaryCall;
  AckMessage(argument: _apache_rocketmq_v2_AckMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_AckMessageResponse__Output>): grpc.ClientUnaryCall;
  AckMessage(argument: _apache_rocketmq_v2_AckMessageRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_AckMessageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Acknowledges the message associated with the `receipt_handle` or `offset`
   * in the `AckMessageRequest`, it means the message has been successfully
   * processed. Returns `OK` if the message server remove the relevant message
   * successfully.
   * 
   * If the given receipt_handle is illegal or out of date, returns
   * `INVALID_ARGUMENT`.
   */
  ackMessage(argument: _apache_rocketmq_v2_AckMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_AckMessageResponse__Output>): grpc.ClientUnaryCall;
  ackMessage(argument: _apache_rocketmq_v2_AckMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_AckMessageResponse__Output>): grpc.ClientUnaryCall;
  ackMessage(argument: _apache_rocketmq_v2_AckMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_AckMessageResponse__Output>): grpc.ClientUnaryCall;
  ackMessage(argument: _apache_rocketmq_v2_AckMessageRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_AckMessageResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Once a message is retrieved from consume queue on behalf of the group, it
   * will be kept invisible to other clients of the same group for a period of
   * time. The message is supposed to be processed within the invisible
   * duration. If the client, which is in charge of the invisible message, is
   * not capable of processing the message timely, it may use
   * ChangeInvisibleDuration to lengthen invisible duration.
   */
  ChangeInvisibleDuration(argument: _apache_rocketmq_v2_ChangeInvisibleDurationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output>): grpc.ClientUnaryCall;
  ChangeInvisibleDuration(argument: _apache_rocketmq_v2_ChangeInvisibleDurationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output>): grpc.ClientUnaryCall;
  ChangeInvisibleDuration(argument: _apache_rocketmq_v2_ChangeInvisibleDurationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output>): grpc.ClientUnaryCall;
  ChangeInvisibleDuration(argument: _apache_rocketmq_v2_ChangeInvisibleDurationRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Once a message is retrieved from consume queue on behalf of the group, it
   * will be kept invisible to other clients of the same group for a period of
   * time. The message is supposed to be processed within the invisible
   * duration. If the client, which is in charge of the invisible message, is
   * not capable of processing the message timely, it may use
   * ChangeInvisibleDuration to lengthen invisible duration.
   */
  changeInvisibleDuration(argument: _apache_rocketmq_v2_ChangeInvisibleDurationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output>): grpc.ClientUnaryCall;
  changeInvisibleDuration(argument: _apache_rocketmq_v2_ChangeInvisibleDurationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output>): grpc.ClientUnaryCall;
  changeInvisibleDuration(argument: _apache_rocketmq_v2_ChangeInvisibleDurationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output>): grpc.ClientUnaryCall;
  changeInvisibleDuration(argument: _apache_rocketmq_v2_ChangeInvisibleDurationRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Commits or rollback one transactional message.
   */
  EndTransaction(argument: _apache_rocketmq_v2_EndTransactionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_EndTransactionResponse__Output>): grpc.ClientUnaryCall;
  EndTransaction(argument: _apache_rocketmq_v2_EndTransactionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_EndTransactionResponse__Output>): grpc.ClientUnaryCall;
  EndTransaction(argument: _apache_rocketmq_v2_EndTransactionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_EndTransactionResponse__Output>): grpc.ClientUnaryCall;
  EndTransaction(argument: _apache_rocketmq_v2_EndTransactionRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_EndTransactionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Commits or rollback one transactional message.
   */
  endTransaction(argument: _apache_rocketmq_v2_EndTransactionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_EndTransactionResponse__Output>): grpc.ClientUnaryCall;
  endTransaction(argument: _apache_rocketmq_v2_EndTransactionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_EndTransactionResponse__Output>): grpc.ClientUnaryCall;
  endTransaction(argument: _apache_rocketmq_v2_EndTransactionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_EndTransactionResponse__Output>): grpc.ClientUnaryCall;
  endTransaction(argument: _apache_rocketmq_v2_EndTransactionRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_EndTransactionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Forwards one message to dead letter queue if the max delivery attempts is
   * exceeded by this message at client-side, return `OK` if success.
   */
  ForwardMessageToDeadLetterQueue(argument: _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output>): grpc.ClientUnaryCall;
  ForwardMessageToDeadLetterQueue(argument: _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output>): grpc.ClientUnaryCall;
  ForwardMessageToDeadLetterQueue(argument: _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output>): grpc.ClientUnaryCall;
  ForwardMessageToDeadLetterQueue(argument: _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Forwards one message to dead letter queue if the max delivery attempts is
   * exceeded by this message at client-side, return `OK` if success.
   */
  forwardMessageToDeadLetterQueue(argument: _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output>): grpc.ClientUnaryCall;
  forwardMessageToDeadLetterQueue(argument: _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output>): grpc.ClientUnaryCall;
  forwardMessageToDeadLetterQueue(argument: _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output>): grpc.ClientUnaryCall;
  forwardMessageToDeadLetterQueue(argument: _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Query the consumption progress of the designated queue of the
   * consumer group to the remote.
   */
  GetOffset(argument: _apache_rocketmq_v2_GetOffsetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_GetOffsetResponse__Output>): grpc.ClientUnaryCall;
  GetOffset(argument: _apache_rocketmq_v2_GetOffsetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_GetOffsetResponse__Output>): grpc.ClientUnaryCall;
  GetOffset(argument: _apache_rocketmq_v2_GetOffsetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_GetOffsetResponse__Output>): grpc.ClientUnaryCall;
  GetOffset(argument: _apache_rocketmq_v2_GetOffsetRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_GetOffsetResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Query the consumption progress of the designated queue of the
   * consumer group to the remote.
   */
  getOffset(argument: _apache_rocketmq_v2_GetOffsetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_GetOffsetResponse__Output>): grpc.ClientUnaryCall;
  getOffset(argument: _apache_rocketmq_v2_GetOffsetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_GetOffsetResponse__Output>): grpc.ClientUnaryCall;
  getOffset(argument: _apache_rocketmq_v2_GetOffsetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_GetOffsetResponse__Output>): grpc.ClientUnaryCall;
  getOffset(argument: _apache_rocketmq_v2_GetOffsetRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_GetOffsetResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Producer or consumer sends HeartbeatRequest to servers periodically to
   * keep-alive. Additionally, it also reports client-side configuration,
   * including topic subscription, load-balancing group name, etc.
   * 
   * Returns `OK` if success.
   * 
   * If a client specifies a language that is not yet supported by servers,
   * returns `INVALID_ARGUMENT`
   */
  Heartbeat(argument: _apache_rocketmq_v2_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _apache_rocketmq_v2_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _apache_rocketmq_v2_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _apache_rocketmq_v2_HeartbeatRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Producer or consumer sends HeartbeatRequest to servers periodically to
   * keep-alive. Additionally, it also reports client-side configuration,
   * including topic subscription, load-balancing group name, etc.
   * 
   * Returns `OK` if success.
   * 
   * If a client specifies a language that is not yet supported by servers,
   * returns `INVALID_ARGUMENT`
   */
  heartbeat(argument: _apache_rocketmq_v2_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _apache_rocketmq_v2_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _apache_rocketmq_v2_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _apache_rocketmq_v2_HeartbeatRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Notify the server that the client is terminated.
   */
  NotifyClientTermination(argument: _apache_rocketmq_v2_NotifyClientTerminationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_NotifyClientTerminationResponse__Output>): grpc.ClientUnaryCall;
  NotifyClientTermination(argument: _apache_rocketmq_v2_NotifyClientTerminationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_NotifyClientTerminationResponse__Output>): grpc.ClientUnaryCall;
  NotifyClientTermination(argument: _apache_rocketmq_v2_NotifyClientTerminationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_NotifyClientTerminationResponse__Output>): grpc.ClientUnaryCall;
  NotifyClientTermination(argument: _apache_rocketmq_v2_NotifyClientTerminationRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_NotifyClientTerminationResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Notify the server that the client is terminated.
   */
  notifyClientTermination(argument: _apache_rocketmq_v2_NotifyClientTerminationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_NotifyClientTerminationResponse__Output>): grpc.ClientUnaryCall;
  notifyClientTermination(argument: _apache_rocketmq_v2_NotifyClientTerminationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_NotifyClientTerminationResponse__Output>): grpc.ClientUnaryCall;
  notifyClientTermination(argument: _apache_rocketmq_v2_NotifyClientTerminationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_NotifyClientTerminationResponse__Output>): grpc.ClientUnaryCall;
  notifyClientTermination(argument: _apache_rocketmq_v2_NotifyClientTerminationRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_NotifyClientTerminationResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * PullMessage and ReceiveMessage RPCs serve a similar purpose,
   * which is to attempt to get messages from the server, but with different semantics.
   */
  PullMessage(argument: _apache_rocketmq_v2_PullMessageRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_apache_rocketmq_v2_PullMessageResponse__Output>;
  PullMessage(argument: _apache_rocketmq_v2_PullMessageRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_apache_rocketmq_v2_PullMessageResponse__Output>;
  /**
   * PullMessage and ReceiveMessage RPCs serve a similar purpose,
   * which is to attempt to get messages from the server, but with different semantics.
   */
  pullMessage(argument: _apache_rocketmq_v2_PullMessageRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_apache_rocketmq_v2_PullMessageResponse__Output>;
  pullMessage(argument: _apache_rocketmq_v2_PullMessageRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_apache_rocketmq_v2_PullMessageResponse__Output>;
  
  /**
   * Queries the assigned route info of a topic for current consumer,
   * the returned assignment result is decided by server-side load balancer.
   * 
   * If the corresponding topic doesn't exist, returns `NOT_FOUND`.
   * If the specific endpoints is empty, returns `INVALID_ARGUMENT`.
   */
  QueryAssignment(argument: _apache_rocketmq_v2_QueryAssignmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryAssignmentResponse__Output>): grpc.ClientUnaryCall;
  QueryAssignment(argument: _apache_rocketmq_v2_QueryAssignmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryAssignmentResponse__Output>): grpc.ClientUnaryCall;
  QueryAssignment(argument: _apache_rocketmq_v2_QueryAssignmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryAssignmentResponse__Output>): grpc.ClientUnaryCall;
  QueryAssignment(argument: _apache_rocketmq_v2_QueryAssignmentRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryAssignmentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Queries the assigned route info of a topic for current consumer,
   * the returned assignment result is decided by server-side load balancer.
   * 
   * If the corresponding topic doesn't exist, returns `NOT_FOUND`.
   * If the specific endpoints is empty, returns `INVALID_ARGUMENT`.
   */
  queryAssignment(argument: _apache_rocketmq_v2_QueryAssignmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryAssignmentResponse__Output>): grpc.ClientUnaryCall;
  queryAssignment(argument: _apache_rocketmq_v2_QueryAssignmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryAssignmentResponse__Output>): grpc.ClientUnaryCall;
  queryAssignment(argument: _apache_rocketmq_v2_QueryAssignmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryAssignmentResponse__Output>): grpc.ClientUnaryCall;
  queryAssignment(argument: _apache_rocketmq_v2_QueryAssignmentRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryAssignmentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Query the offset of the designated queue by the query offset policy.
   */
  QueryOffset(argument: _apache_rocketmq_v2_QueryOffsetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryOffsetResponse__Output>): grpc.ClientUnaryCall;
  QueryOffset(argument: _apache_rocketmq_v2_QueryOffsetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryOffsetResponse__Output>): grpc.ClientUnaryCall;
  QueryOffset(argument: _apache_rocketmq_v2_QueryOffsetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryOffsetResponse__Output>): grpc.ClientUnaryCall;
  QueryOffset(argument: _apache_rocketmq_v2_QueryOffsetRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryOffsetResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Query the offset of the designated queue by the query offset policy.
   */
  queryOffset(argument: _apache_rocketmq_v2_QueryOffsetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryOffsetResponse__Output>): grpc.ClientUnaryCall;
  queryOffset(argument: _apache_rocketmq_v2_QueryOffsetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryOffsetResponse__Output>): grpc.ClientUnaryCall;
  queryOffset(argument: _apache_rocketmq_v2_QueryOffsetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryOffsetResponse__Output>): grpc.ClientUnaryCall;
  queryOffset(argument: _apache_rocketmq_v2_QueryOffsetRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryOffsetResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Queries the route entries of the requested topic in the perspective of the
   * given endpoints. On success, servers should return a collection of
   * addressable message-queues. Note servers may return customized route
   * entries based on endpoints provided.
   * 
   * If the requested topic doesn't exist, returns `NOT_FOUND`.
   * If the specific endpoints is empty, returns `INVALID_ARGUMENT`.
   */
  QueryRoute(argument: _apache_rocketmq_v2_QueryRouteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryRouteResponse__Output>): grpc.ClientUnaryCall;
  QueryRoute(argument: _apache_rocketmq_v2_QueryRouteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryRouteResponse__Output>): grpc.ClientUnaryCall;
  QueryRoute(argument: _apache_rocketmq_v2_QueryRouteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryRouteResponse__Output>): grpc.ClientUnaryCall;
  QueryRoute(argument: _apache_rocketmq_v2_QueryRouteRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryRouteResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Queries the route entries of the requested topic in the perspective of the
   * given endpoints. On success, servers should return a collection of
   * addressable message-queues. Note servers may return customized route
   * entries based on endpoints provided.
   * 
   * If the requested topic doesn't exist, returns `NOT_FOUND`.
   * If the specific endpoints is empty, returns `INVALID_ARGUMENT`.
   */
  queryRoute(argument: _apache_rocketmq_v2_QueryRouteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryRouteResponse__Output>): grpc.ClientUnaryCall;
  queryRoute(argument: _apache_rocketmq_v2_QueryRouteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryRouteResponse__Output>): grpc.ClientUnaryCall;
  queryRoute(argument: _apache_rocketmq_v2_QueryRouteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryRouteResponse__Output>): grpc.ClientUnaryCall;
  queryRoute(argument: _apache_rocketmq_v2_QueryRouteRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_QueryRouteResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Recall a message,
   * for delay message, should recall before delivery time, like the rollback operation of transaction message,
   * for normal message, not supported for now.
   */
  RecallMessage(argument: _apache_rocketmq_v2_RecallMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_RecallMessageResponse__Output>): grpc.ClientUnaryCall;
  RecallMessage(argument: _apache_rocketmq_v2_RecallMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_RecallMessageResponse__Output>): grpc.ClientUnaryCall;
  RecallMessage(argument: _apache_rocketmq_v2_RecallMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_RecallMessageResponse__Output>): grpc.ClientUnaryCall;
  RecallMessage(argument: _apache_rocketmq_v2_RecallMessageRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_RecallMessageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Recall a message,
   * for delay message, should recall before delivery time, like the rollback operation of transaction message,
   * for normal message, not supported for now.
   */
  recallMessage(argument: _apache_rocketmq_v2_RecallMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_RecallMessageResponse__Output>): grpc.ClientUnaryCall;
  recallMessage(argument: _apache_rocketmq_v2_RecallMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_RecallMessageResponse__Output>): grpc.ClientUnaryCall;
  recallMessage(argument: _apache_rocketmq_v2_RecallMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_RecallMessageResponse__Output>): grpc.ClientUnaryCall;
  recallMessage(argument: _apache_rocketmq_v2_RecallMessageRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_RecallMessageResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Receives messages from the server in batch manner, returns a set of
   * messages if success. The received messages should be acked or redelivered
   * after processed.
   * 
   * If the pending concurrent receive requests exceed the quota of the given
   * consumer group, returns `UNAVAILABLE`. If the upstream store server hangs,
   * return `DEADLINE_EXCEEDED` in a timely manner. If the corresponding topic
   * or consumer group doesn't exist, returns `NOT_FOUND`. If there is no new
   * message in the specific topic, returns `OK` with an empty message set.
   * Please note that client may suffer from false empty responses.
   * 
   * If failed to receive message from remote, server must return only one
   * `ReceiveMessageResponse` as the reply to the request, whose `Status` indicates
   * the specific reason of failure, otherwise, the reply is considered successful.
   */
  ReceiveMessage(argument: _apache_rocketmq_v2_ReceiveMessageRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_apache_rocketmq_v2_ReceiveMessageResponse__Output>;
  ReceiveMessage(argument: _apache_rocketmq_v2_ReceiveMessageRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_apache_rocketmq_v2_ReceiveMessageResponse__Output>;
  /**
   * Receives messages from the server in batch manner, returns a set of
   * messages if success. The received messages should be acked or redelivered
   * after processed.
   * 
   * If the pending concurrent receive requests exceed the quota of the given
   * consumer group, returns `UNAVAILABLE`. If the upstream store server hangs,
   * return `DEADLINE_EXCEEDED` in a timely manner. If the corresponding topic
   * or consumer group doesn't exist, returns `NOT_FOUND`. If there is no new
   * message in the specific topic, returns `OK` with an empty message set.
   * Please note that client may suffer from false empty responses.
   * 
   * If failed to receive message from remote, server must return only one
   * `ReceiveMessageResponse` as the reply to the request, whose `Status` indicates
   * the specific reason of failure, otherwise, the reply is considered successful.
   */
  receiveMessage(argument: _apache_rocketmq_v2_ReceiveMessageRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_apache_rocketmq_v2_ReceiveMessageResponse__Output>;
  receiveMessage(argument: _apache_rocketmq_v2_ReceiveMessageRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_apache_rocketmq_v2_ReceiveMessageResponse__Output>;
  
  /**
   * Delivers messages to brokers.
   * Clients may further:
   * 1. Refine a message destination to message-queues which fulfills parts of
   * FIFO semantic;
   * 2. Flag a message as transactional, which keeps it invisible to consumers
   * until it commits;
   * 3. Time a message, making it invisible to consumers till specified
   * time-point;
   * 4. And more...
   * 
   * Returns message-id or transaction-id with status `OK` on success.
   * 
   * If the destination topic doesn't exist, returns `NOT_FOUND`.
   */
  SendMessage(argument: _apache_rocketmq_v2_SendMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  SendMessage(argument: _apache_rocketmq_v2_SendMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  SendMessage(argument: _apache_rocketmq_v2_SendMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  SendMessage(argument: _apache_rocketmq_v2_SendMessageRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Delivers messages to brokers.
   * Clients may further:
   * 1. Refine a message destination to message-queues which fulfills parts of
   * FIFO semantic;
   * 2. Flag a message as transactional, which keeps it invisible to consumers
   * until it commits;
   * 3. Time a message, making it invisible to consumers till specified
   * time-point;
   * 4. And more...
   * 
   * Returns message-id or transaction-id with status `OK` on success.
   * 
   * If the destination topic doesn't exist, returns `NOT_FOUND`.
   */
  sendMessage(argument: _apache_rocketmq_v2_SendMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  sendMessage(argument: _apache_rocketmq_v2_SendMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  sendMessage(argument: _apache_rocketmq_v2_SendMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  sendMessage(argument: _apache_rocketmq_v2_SendMessageRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sync lite subscription info, lite push consumer only
   */
  SyncLiteSubscription(argument: _apache_rocketmq_v2_SyncLiteSubscriptionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  SyncLiteSubscription(argument: _apache_rocketmq_v2_SyncLiteSubscriptionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  SyncLiteSubscription(argument: _apache_rocketmq_v2_SyncLiteSubscriptionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  SyncLiteSubscription(argument: _apache_rocketmq_v2_SyncLiteSubscriptionRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Sync lite subscription info, lite push consumer only
   */
  syncLiteSubscription(argument: _apache_rocketmq_v2_SyncLiteSubscriptionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  syncLiteSubscription(argument: _apache_rocketmq_v2_SyncLiteSubscriptionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  syncLiteSubscription(argument: _apache_rocketmq_v2_SyncLiteSubscriptionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  syncLiteSubscription(argument: _apache_rocketmq_v2_SyncLiteSubscriptionRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Once a client starts, it would immediately establishes bi-lateral stream
   * RPCs with brokers, reporting its settings as the initiative command.
   * 
   * When servers have need of inspecting client status, they would issue
   * telemetry commands to clients. After executing received instructions,
   * clients shall report command execution results through client-side streams.
   */
  Telemetry(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_apache_rocketmq_v2_TelemetryCommand, _apache_rocketmq_v2_TelemetryCommand__Output>;
  Telemetry(options?: grpc.CallOptions): grpc.ClientDuplexStream<_apache_rocketmq_v2_TelemetryCommand, _apache_rocketmq_v2_TelemetryCommand__Output>;
  /**
   * Once a client starts, it would immediately establishes bi-lateral stream
   * RPCs with brokers, reporting its settings as the initiative command.
   * 
   * When servers have need of inspecting client status, they would issue
   * telemetry commands to clients. After executing received instructions,
   * clients shall report command execution results through client-side streams.
   */
  telemetry(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_apache_rocketmq_v2_TelemetryCommand, _apache_rocketmq_v2_TelemetryCommand__Output>;
  telemetry(options?: grpc.CallOptions): grpc.ClientDuplexStream<_apache_rocketmq_v2_TelemetryCommand, _apache_rocketmq_v2_TelemetryCommand__Output>;
  
  /**
   * Update the consumption progress of the designated queue of the
   * consumer group to the remote.
   */
  UpdateOffset(argument: _apache_rocketmq_v2_UpdateOffsetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_UpdateOffsetResponse__Output>): grpc.ClientUnaryCall;
  UpdateOffset(argument: _apache_rocketmq_v2_UpdateOffsetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_UpdateOffsetResponse__Output>): grpc.ClientUnaryCall;
  UpdateOffset(argument: _apache_rocketmq_v2_UpdateOffsetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_UpdateOffsetResponse__Output>): grpc.ClientUnaryCall;
  UpdateOffset(argument: _apache_rocketmq_v2_UpdateOffsetRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_UpdateOffsetResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Update the consumption progress of the designated queue of the
   * consumer group to the remote.
   */
  updateOffset(argument: _apache_rocketmq_v2_UpdateOffsetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_UpdateOffsetResponse__Output>): grpc.ClientUnaryCall;
  updateOffset(argument: _apache_rocketmq_v2_UpdateOffsetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_apache_rocketmq_v2_UpdateOffsetResponse__Output>): grpc.ClientUnaryCall;
  updateOffset(argument: _apache_rocketmq_v2_UpdateOffsetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_apache_rocketmq_v2_UpdateOffsetResponse__Output>): grpc.ClientUnaryCall;
  updateOffset(argument: _apache_rocketmq_v2_UpdateOffsetRequest, callback: grpc.requestCallback<_apache_rocketmq_v2_UpdateOffsetResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * For all the RPCs in MessagingService, the following error handling policies
 * apply:
 * 
 * If the request doesn't bear a valid authentication credential, return a
 * response with common.status.code == `UNAUTHENTICATED`. If the authenticated
 * user is not granted with sufficient permission to execute the requested
 * operation, return a response with common.status.code == `PERMISSION_DENIED`.
 * If the per-user-resource-based quota is exhausted, return a response with
 * common.status.code == `RESOURCE_EXHAUSTED`. If any unexpected server-side
 * errors raise, return a response with common.status.code == `INTERNAL`.
 */
export interface MessagingServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Acknowledges the message associated with the `receipt_handle` or `offset`
   * in the `AckMessageRequest`, it means the message has been successfully
   * processed. Returns `OK` if the message server remove the relevant message
   * successfully.
   * 
   * If the given receipt_handle is illegal or out of date, returns
   * `INVALID_ARGUMENT`.
   */
  AckMessage: grpc.handleUnaryCall<_apache_rocketmq_v2_AckMessageRequest__Output, _apache_rocketmq_v2_AckMessageResponse>;
  
  /**
   * Once a message is retrieved from consume queue on behalf of the group, it
   * will be kept invisible to other clients of the same group for a period of
   * time. The message is supposed to be processed within the invisible
   * duration. If the client, which is in charge of the invisible message, is
   * not capable of processing the message timely, it may use
   * ChangeInvisibleDuration to lengthen invisible duration.
   */
  ChangeInvisibleDuration: grpc.handleUnaryCall<_apache_rocketmq_v2_ChangeInvisibleDurationRequest__Output, _apache_rocketmq_v2_ChangeInvisibleDurationResponse>;
  
  /**
   * Commits or rollback one transactional message.
   */
  EndTransaction: grpc.handleUnaryCall<_apache_rocketmq_v2_EndTransactionRequest__Output, _apache_rocketmq_v2_EndTransactionResponse>;
  
  /**
   * Forwards one message to dead letter queue if the max delivery attempts is
   * exceeded by this message at client-side, return `OK` if success.
   */
  ForwardMessageToDeadLetterQueue: grpc.handleUnaryCall<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest__Output, _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse>;
  
  /**
   * Query the consumption progress of the designated queue of the
   * consumer group to the remote.
   */
  GetOffset: grpc.handleUnaryCall<_apache_rocketmq_v2_GetOffsetRequest__Output, _apache_rocketmq_v2_GetOffsetResponse>;
  
  /**
   * Producer or consumer sends HeartbeatRequest to servers periodically to
   * keep-alive. Additionally, it also reports client-side configuration,
   * including topic subscription, load-balancing group name, etc.
   * 
   * Returns `OK` if success.
   * 
   * If a client specifies a language that is not yet supported by servers,
   * returns `INVALID_ARGUMENT`
   */
  Heartbeat: grpc.handleUnaryCall<_apache_rocketmq_v2_HeartbeatRequest__Output, _apache_rocketmq_v2_HeartbeatResponse>;
  
  /**
   * Notify the server that the client is terminated.
   */
  NotifyClientTermination: grpc.handleUnaryCall<_apache_rocketmq_v2_NotifyClientTerminationRequest__Output, _apache_rocketmq_v2_NotifyClientTerminationResponse>;
  
  /**
   * PullMessage and ReceiveMessage RPCs serve a similar purpose,
   * which is to attempt to get messages from the server, but with different semantics.
   */
  PullMessage: grpc.handleServerStreamingCall<_apache_rocketmq_v2_PullMessageRequest__Output, _apache_rocketmq_v2_PullMessageResponse>;
  
  /**
   * Queries the assigned route info of a topic for current consumer,
   * the returned assignment result is decided by server-side load balancer.
   * 
   * If the corresponding topic doesn't exist, returns `NOT_FOUND`.
   * If the specific endpoints is empty, returns `INVALID_ARGUMENT`.
   */
  QueryAssignment: grpc.handleUnaryCall<_apache_rocketmq_v2_QueryAssignmentRequest__Output, _apache_rocketmq_v2_QueryAssignmentResponse>;
  
  /**
   * Query the offset of the designated queue by the query offset policy.
   */
  QueryOffset: grpc.handleUnaryCall<_apache_rocketmq_v2_QueryOffsetRequest__Output, _apache_rocketmq_v2_QueryOffsetResponse>;
  
  /**
   * Queries the route entries of the requested topic in the perspective of the
   * given endpoints. On success, servers should return a collection of
   * addressable message-queues. Note servers may return customized route
   * entries based on endpoints provided.
   * 
   * If the requested topic doesn't exist, returns `NOT_FOUND`.
   * If the specific endpoints is empty, returns `INVALID_ARGUMENT`.
   */
  QueryRoute: grpc.handleUnaryCall<_apache_rocketmq_v2_QueryRouteRequest__Output, _apache_rocketmq_v2_QueryRouteResponse>;
  
  /**
   * Recall a message,
   * for delay message, should recall before delivery time, like the rollback operation of transaction message,
   * for normal message, not supported for now.
   */
  RecallMessage: grpc.handleUnaryCall<_apache_rocketmq_v2_RecallMessageRequest__Output, _apache_rocketmq_v2_RecallMessageResponse>;
  
  /**
   * Receives messages from the server in batch manner, returns a set of
   * messages if success. The received messages should be acked or redelivered
   * after processed.
   * 
   * If the pending concurrent receive requests exceed the quota of the given
   * consumer group, returns `UNAVAILABLE`. If the upstream store server hangs,
   * return `DEADLINE_EXCEEDED` in a timely manner. If the corresponding topic
   * or consumer group doesn't exist, returns `NOT_FOUND`. If there is no new
   * message in the specific topic, returns `OK` with an empty message set.
   * Please note that client may suffer from false empty responses.
   * 
   * If failed to receive message from remote, server must return only one
   * `ReceiveMessageResponse` as the reply to the request, whose `Status` indicates
   * the specific reason of failure, otherwise, the reply is considered successful.
   */
  ReceiveMessage: grpc.handleServerStreamingCall<_apache_rocketmq_v2_ReceiveMessageRequest__Output, _apache_rocketmq_v2_ReceiveMessageResponse>;
  
  /**
   * Delivers messages to brokers.
   * Clients may further:
   * 1. Refine a message destination to message-queues which fulfills parts of
   * FIFO semantic;
   * 2. Flag a message as transactional, which keeps it invisible to consumers
   * until it commits;
   * 3. Time a message, making it invisible to consumers till specified
   * time-point;
   * 4. And more...
   * 
   * Returns message-id or transaction-id with status `OK` on success.
   * 
   * If the destination topic doesn't exist, returns `NOT_FOUND`.
   */
  SendMessage: grpc.handleUnaryCall<_apache_rocketmq_v2_SendMessageRequest__Output, _apache_rocketmq_v2_SendMessageResponse>;
  
  /**
   * Sync lite subscription info, lite push consumer only
   */
  SyncLiteSubscription: grpc.handleUnaryCall<_apache_rocketmq_v2_SyncLiteSubscriptionRequest__Output, _apache_rocketmq_v2_SyncLiteSubscriptionResponse>;
  
  /**
   * Once a client starts, it would immediately establishes bi-lateral stream
   * RPCs with brokers, reporting its settings as the initiative command.
   * 
   * When servers have need of inspecting client status, they would issue
   * telemetry commands to clients. After executing received instructions,
   * clients shall report command execution results through client-side streams.
   */
  Telemetry: grpc.handleBidiStreamingCall<_apache_rocketmq_v2_TelemetryCommand__Output, _apache_rocketmq_v2_TelemetryCommand>;
  
  /**
   * Update the consumption progress of the designated queue of the
   * consumer group to the remote.
   */
  UpdateOffset: grpc.handleUnaryCall<_apache_rocketmq_v2_UpdateOffsetRequest__Output, _apache_rocketmq_v2_UpdateOffsetResponse>;
  
}

export interface MessagingServiceDefinition extends grpc.ServiceDefinition {
  AckMessage: MethodDefinition<_apache_rocketmq_v2_AckMessageRequest, _apache_rocketmq_v2_AckMessageResponse, _apache_rocketmq_v2_AckMessageRequest__Output, _apache_rocketmq_v2_AckMessageResponse__Output>
  ChangeInvisibleDuration: MethodDefinition<_apache_rocketmq_v2_ChangeInvisibleDurationRequest, _apache_rocketmq_v2_ChangeInvisibleDurationResponse, _apache_rocketmq_v2_ChangeInvisibleDurationRequest__Output, _apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output>
  EndTransaction: MethodDefinition<_apache_rocketmq_v2_EndTransactionRequest, _apache_rocketmq_v2_EndTransactionResponse, _apache_rocketmq_v2_EndTransactionRequest__Output, _apache_rocketmq_v2_EndTransactionResponse__Output>
  ForwardMessageToDeadLetterQueue: MethodDefinition<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse, _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest__Output, _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output>
  GetOffset: MethodDefinition<_apache_rocketmq_v2_GetOffsetRequest, _apache_rocketmq_v2_GetOffsetResponse, _apache_rocketmq_v2_GetOffsetRequest__Output, _apache_rocketmq_v2_GetOffsetResponse__Output>
  Heartbeat: MethodDefinition<_apache_rocketmq_v2_HeartbeatRequest, _apache_rocketmq_v2_HeartbeatResponse, _apache_rocketmq_v2_HeartbeatRequest__Output, _apache_rocketmq_v2_HeartbeatResponse__Output>
  NotifyClientTermination: MethodDefinition<_apache_rocketmq_v2_NotifyClientTerminationRequest, _apache_rocketmq_v2_NotifyClientTerminationResponse, _apache_rocketmq_v2_NotifyClientTerminationRequest__Output, _apache_rocketmq_v2_NotifyClientTerminationResponse__Output>
  PullMessage: MethodDefinition<_apache_rocketmq_v2_PullMessageRequest, _apache_rocketmq_v2_PullMessageResponse, _apache_rocketmq_v2_PullMessageRequest__Output, _apache_rocketmq_v2_PullMessageResponse__Output>
  QueryAssignment: MethodDefinition<_apache_rocketmq_v2_QueryAssignmentRequest, _apache_rocketmq_v2_QueryAssignmentResponse, _apache_rocketmq_v2_QueryAssignmentRequest__Output, _apache_rocketmq_v2_QueryAssignmentResponse__Output>
  QueryOffset: MethodDefinition<_apache_rocketmq_v2_QueryOffsetRequest, _apache_rocketmq_v2_QueryOffsetResponse, _apache_rocketmq_v2_QueryOffsetRequest__Output, _apache_rocketmq_v2_QueryOffsetResponse__Output>
  QueryRoute: MethodDefinition<_apache_rocketmq_v2_QueryRouteRequest, _apache_rocketmq_v2_QueryRouteResponse, _apache_rocketmq_v2_QueryRouteRequest__Output, _apache_rocketmq_v2_QueryRouteResponse__Output>
  RecallMessage: MethodDefinition<_apache_rocketmq_v2_RecallMessageRequest, _apache_rocketmq_v2_RecallMessageResponse, _apache_rocketmq_v2_RecallMessageRequest__Output, _apache_rocketmq_v2_RecallMessageResponse__Output>
  ReceiveMessage: MethodDefinition<_apache_rocketmq_v2_ReceiveMessageRequest, _apache_rocketmq_v2_ReceiveMessageResponse, _apache_rocketmq_v2_ReceiveMessageRequest__Output, _apache_rocketmq_v2_ReceiveMessageResponse__Output>
  SendMessage: MethodDefinition<_apache_rocketmq_v2_SendMessageRequest, _apache_rocketmq_v2_SendMessageResponse, _apache_rocketmq_v2_SendMessageRequest__Output, _apache_rocketmq_v2_SendMessageResponse__Output>
  SyncLiteSubscription: MethodDefinition<_apache_rocketmq_v2_SyncLiteSubscriptionRequest, _apache_rocketmq_v2_SyncLiteSubscriptionResponse, _apache_rocketmq_v2_SyncLiteSubscriptionRequest__Output, _apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output>
  Telemetry: MethodDefinition<_apache_rocketmq_v2_TelemetryCommand, _apache_rocketmq_v2_TelemetryCommand, _apache_rocketmq_v2_TelemetryCommand__Output, _apache_rocketmq_v2_TelemetryCommand__Output>
  UpdateOffset: MethodDefinition<_apache_rocketmq_v2_UpdateOffsetRequest, _apache_rocketmq_v2_UpdateOffsetResponse, _apache_rocketmq_v2_UpdateOffsetRequest__Output, _apache_rocketmq_v2_UpdateOffsetResponse__Output>
}
