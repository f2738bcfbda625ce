import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AckMessageEntry as _apache_rocketmq_v2_AckMessageEntry, AckMessageEntry__Output as _apache_rocketmq_v2_AckMessageEntry__Output } from './apache/rocketmq/v2/AckMessageEntry.js';
import type { AckMessageRequest as _apache_rocketmq_v2_AckMessageRequest, AckMessageRequest__Output as _apache_rocketmq_v2_AckMessageRequest__Output } from './apache/rocketmq/v2/AckMessageRequest.js';
import type { AckMessageResponse as _apache_rocketmq_v2_AckMessageResponse, AckMessageResponse__Output as _apache_rocketmq_v2_AckMessageResponse__Output } from './apache/rocketmq/v2/AckMessageResponse.js';
import type { AckMessageResultEntry as _apache_rocketmq_v2_AckMessageResultEntry, AckMessageResultEntry__Output as _apache_rocketmq_v2_AckMessageResultEntry__Output } from './apache/rocketmq/v2/AckMessageResultEntry.js';
import type { Address as _apache_rocketmq_v2_Address, Address__Output as _apache_rocketmq_v2_Address__Output } from './apache/rocketmq/v2/Address.js';
import type { Assignment as _apache_rocketmq_v2_Assignment, Assignment__Output as _apache_rocketmq_v2_Assignment__Output } from './apache/rocketmq/v2/Assignment.js';
import type { Broker as _apache_rocketmq_v2_Broker, Broker__Output as _apache_rocketmq_v2_Broker__Output } from './apache/rocketmq/v2/Broker.js';
import type { ChangeInvisibleDurationRequest as _apache_rocketmq_v2_ChangeInvisibleDurationRequest, ChangeInvisibleDurationRequest__Output as _apache_rocketmq_v2_ChangeInvisibleDurationRequest__Output } from './apache/rocketmq/v2/ChangeInvisibleDurationRequest.js';
import type { ChangeInvisibleDurationResponse as _apache_rocketmq_v2_ChangeInvisibleDurationResponse, ChangeInvisibleDurationResponse__Output as _apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output } from './apache/rocketmq/v2/ChangeInvisibleDurationResponse.js';
import type { CustomizedBackoff as _apache_rocketmq_v2_CustomizedBackoff, CustomizedBackoff__Output as _apache_rocketmq_v2_CustomizedBackoff__Output } from './apache/rocketmq/v2/CustomizedBackoff.js';
import type { DeadLetterQueue as _apache_rocketmq_v2_DeadLetterQueue, DeadLetterQueue__Output as _apache_rocketmq_v2_DeadLetterQueue__Output } from './apache/rocketmq/v2/DeadLetterQueue.js';
import type { Digest as _apache_rocketmq_v2_Digest, Digest__Output as _apache_rocketmq_v2_Digest__Output } from './apache/rocketmq/v2/Digest.js';
import type { EndTransactionRequest as _apache_rocketmq_v2_EndTransactionRequest, EndTransactionRequest__Output as _apache_rocketmq_v2_EndTransactionRequest__Output } from './apache/rocketmq/v2/EndTransactionRequest.js';
import type { EndTransactionResponse as _apache_rocketmq_v2_EndTransactionResponse, EndTransactionResponse__Output as _apache_rocketmq_v2_EndTransactionResponse__Output } from './apache/rocketmq/v2/EndTransactionResponse.js';
import type { Endpoints as _apache_rocketmq_v2_Endpoints, Endpoints__Output as _apache_rocketmq_v2_Endpoints__Output } from './apache/rocketmq/v2/Endpoints.js';
import type { ExponentialBackoff as _apache_rocketmq_v2_ExponentialBackoff, ExponentialBackoff__Output as _apache_rocketmq_v2_ExponentialBackoff__Output } from './apache/rocketmq/v2/ExponentialBackoff.js';
import type { FilterExpression as _apache_rocketmq_v2_FilterExpression, FilterExpression__Output as _apache_rocketmq_v2_FilterExpression__Output } from './apache/rocketmq/v2/FilterExpression.js';
import type { ForwardMessageToDeadLetterQueueRequest as _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, ForwardMessageToDeadLetterQueueRequest__Output as _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest__Output } from './apache/rocketmq/v2/ForwardMessageToDeadLetterQueueRequest.js';
import type { ForwardMessageToDeadLetterQueueResponse as _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse, ForwardMessageToDeadLetterQueueResponse__Output as _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output } from './apache/rocketmq/v2/ForwardMessageToDeadLetterQueueResponse.js';
import type { GetOffsetRequest as _apache_rocketmq_v2_GetOffsetRequest, GetOffsetRequest__Output as _apache_rocketmq_v2_GetOffsetRequest__Output } from './apache/rocketmq/v2/GetOffsetRequest.js';
import type { GetOffsetResponse as _apache_rocketmq_v2_GetOffsetResponse, GetOffsetResponse__Output as _apache_rocketmq_v2_GetOffsetResponse__Output } from './apache/rocketmq/v2/GetOffsetResponse.js';
import type { HeartbeatRequest as _apache_rocketmq_v2_HeartbeatRequest, HeartbeatRequest__Output as _apache_rocketmq_v2_HeartbeatRequest__Output } from './apache/rocketmq/v2/HeartbeatRequest.js';
import type { HeartbeatResponse as _apache_rocketmq_v2_HeartbeatResponse, HeartbeatResponse__Output as _apache_rocketmq_v2_HeartbeatResponse__Output } from './apache/rocketmq/v2/HeartbeatResponse.js';
import type { Message as _apache_rocketmq_v2_Message, Message__Output as _apache_rocketmq_v2_Message__Output } from './apache/rocketmq/v2/Message.js';
import type { MessageQueue as _apache_rocketmq_v2_MessageQueue, MessageQueue__Output as _apache_rocketmq_v2_MessageQueue__Output } from './apache/rocketmq/v2/MessageQueue.js';
import type { MessagingServiceClient as _apache_rocketmq_v2_MessagingServiceClient, MessagingServiceDefinition as _apache_rocketmq_v2_MessagingServiceDefinition } from './apache/rocketmq/v2/MessagingService.js';
import type { Metric as _apache_rocketmq_v2_Metric, Metric__Output as _apache_rocketmq_v2_Metric__Output } from './apache/rocketmq/v2/Metric.js';
import type { NotifyClientTerminationRequest as _apache_rocketmq_v2_NotifyClientTerminationRequest, NotifyClientTerminationRequest__Output as _apache_rocketmq_v2_NotifyClientTerminationRequest__Output } from './apache/rocketmq/v2/NotifyClientTerminationRequest.js';
import type { NotifyClientTerminationResponse as _apache_rocketmq_v2_NotifyClientTerminationResponse, NotifyClientTerminationResponse__Output as _apache_rocketmq_v2_NotifyClientTerminationResponse__Output } from './apache/rocketmq/v2/NotifyClientTerminationResponse.js';
import type { NotifyUnsubscribeLiteCommand as _apache_rocketmq_v2_NotifyUnsubscribeLiteCommand, NotifyUnsubscribeLiteCommand__Output as _apache_rocketmq_v2_NotifyUnsubscribeLiteCommand__Output } from './apache/rocketmq/v2/NotifyUnsubscribeLiteCommand.js';
import type { OffsetOption as _apache_rocketmq_v2_OffsetOption, OffsetOption__Output as _apache_rocketmq_v2_OffsetOption__Output } from './apache/rocketmq/v2/OffsetOption.js';
import type { PrintThreadStackTraceCommand as _apache_rocketmq_v2_PrintThreadStackTraceCommand, PrintThreadStackTraceCommand__Output as _apache_rocketmq_v2_PrintThreadStackTraceCommand__Output } from './apache/rocketmq/v2/PrintThreadStackTraceCommand.js';
import type { Publishing as _apache_rocketmq_v2_Publishing, Publishing__Output as _apache_rocketmq_v2_Publishing__Output } from './apache/rocketmq/v2/Publishing.js';
import type { PullMessageRequest as _apache_rocketmq_v2_PullMessageRequest, PullMessageRequest__Output as _apache_rocketmq_v2_PullMessageRequest__Output } from './apache/rocketmq/v2/PullMessageRequest.js';
import type { PullMessageResponse as _apache_rocketmq_v2_PullMessageResponse, PullMessageResponse__Output as _apache_rocketmq_v2_PullMessageResponse__Output } from './apache/rocketmq/v2/PullMessageResponse.js';
import type { QueryAssignmentRequest as _apache_rocketmq_v2_QueryAssignmentRequest, QueryAssignmentRequest__Output as _apache_rocketmq_v2_QueryAssignmentRequest__Output } from './apache/rocketmq/v2/QueryAssignmentRequest.js';
import type { QueryAssignmentResponse as _apache_rocketmq_v2_QueryAssignmentResponse, QueryAssignmentResponse__Output as _apache_rocketmq_v2_QueryAssignmentResponse__Output } from './apache/rocketmq/v2/QueryAssignmentResponse.js';
import type { QueryOffsetRequest as _apache_rocketmq_v2_QueryOffsetRequest, QueryOffsetRequest__Output as _apache_rocketmq_v2_QueryOffsetRequest__Output } from './apache/rocketmq/v2/QueryOffsetRequest.js';
import type { QueryOffsetResponse as _apache_rocketmq_v2_QueryOffsetResponse, QueryOffsetResponse__Output as _apache_rocketmq_v2_QueryOffsetResponse__Output } from './apache/rocketmq/v2/QueryOffsetResponse.js';
import type { QueryRouteRequest as _apache_rocketmq_v2_QueryRouteRequest, QueryRouteRequest__Output as _apache_rocketmq_v2_QueryRouteRequest__Output } from './apache/rocketmq/v2/QueryRouteRequest.js';
import type { QueryRouteResponse as _apache_rocketmq_v2_QueryRouteResponse, QueryRouteResponse__Output as _apache_rocketmq_v2_QueryRouteResponse__Output } from './apache/rocketmq/v2/QueryRouteResponse.js';
import type { RecallMessageRequest as _apache_rocketmq_v2_RecallMessageRequest, RecallMessageRequest__Output as _apache_rocketmq_v2_RecallMessageRequest__Output } from './apache/rocketmq/v2/RecallMessageRequest.js';
import type { RecallMessageResponse as _apache_rocketmq_v2_RecallMessageResponse, RecallMessageResponse__Output as _apache_rocketmq_v2_RecallMessageResponse__Output } from './apache/rocketmq/v2/RecallMessageResponse.js';
import type { ReceiveMessageRequest as _apache_rocketmq_v2_ReceiveMessageRequest, ReceiveMessageRequest__Output as _apache_rocketmq_v2_ReceiveMessageRequest__Output } from './apache/rocketmq/v2/ReceiveMessageRequest.js';
import type { ReceiveMessageResponse as _apache_rocketmq_v2_ReceiveMessageResponse, ReceiveMessageResponse__Output as _apache_rocketmq_v2_ReceiveMessageResponse__Output } from './apache/rocketmq/v2/ReceiveMessageResponse.js';
import type { ReconnectEndpointsCommand as _apache_rocketmq_v2_ReconnectEndpointsCommand, ReconnectEndpointsCommand__Output as _apache_rocketmq_v2_ReconnectEndpointsCommand__Output } from './apache/rocketmq/v2/ReconnectEndpointsCommand.js';
import type { RecoverOrphanedTransactionCommand as _apache_rocketmq_v2_RecoverOrphanedTransactionCommand, RecoverOrphanedTransactionCommand__Output as _apache_rocketmq_v2_RecoverOrphanedTransactionCommand__Output } from './apache/rocketmq/v2/RecoverOrphanedTransactionCommand.js';
import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from './apache/rocketmq/v2/Resource.js';
import type { RetryPolicy as _apache_rocketmq_v2_RetryPolicy, RetryPolicy__Output as _apache_rocketmq_v2_RetryPolicy__Output } from './apache/rocketmq/v2/RetryPolicy.js';
import type { SendMessageRequest as _apache_rocketmq_v2_SendMessageRequest, SendMessageRequest__Output as _apache_rocketmq_v2_SendMessageRequest__Output } from './apache/rocketmq/v2/SendMessageRequest.js';
import type { SendMessageResponse as _apache_rocketmq_v2_SendMessageResponse, SendMessageResponse__Output as _apache_rocketmq_v2_SendMessageResponse__Output } from './apache/rocketmq/v2/SendMessageResponse.js';
import type { SendResultEntry as _apache_rocketmq_v2_SendResultEntry, SendResultEntry__Output as _apache_rocketmq_v2_SendResultEntry__Output } from './apache/rocketmq/v2/SendResultEntry.js';
import type { Settings as _apache_rocketmq_v2_Settings, Settings__Output as _apache_rocketmq_v2_Settings__Output } from './apache/rocketmq/v2/Settings.js';
import type { Status as _apache_rocketmq_v2_Status, Status__Output as _apache_rocketmq_v2_Status__Output } from './apache/rocketmq/v2/Status.js';
import type { Subscription as _apache_rocketmq_v2_Subscription, Subscription__Output as _apache_rocketmq_v2_Subscription__Output } from './apache/rocketmq/v2/Subscription.js';
import type { SubscriptionEntry as _apache_rocketmq_v2_SubscriptionEntry, SubscriptionEntry__Output as _apache_rocketmq_v2_SubscriptionEntry__Output } from './apache/rocketmq/v2/SubscriptionEntry.js';
import type { SyncLiteSubscriptionRequest as _apache_rocketmq_v2_SyncLiteSubscriptionRequest, SyncLiteSubscriptionRequest__Output as _apache_rocketmq_v2_SyncLiteSubscriptionRequest__Output } from './apache/rocketmq/v2/SyncLiteSubscriptionRequest.js';
import type { SyncLiteSubscriptionResponse as _apache_rocketmq_v2_SyncLiteSubscriptionResponse, SyncLiteSubscriptionResponse__Output as _apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output } from './apache/rocketmq/v2/SyncLiteSubscriptionResponse.js';
import type { SystemProperties as _apache_rocketmq_v2_SystemProperties, SystemProperties__Output as _apache_rocketmq_v2_SystemProperties__Output } from './apache/rocketmq/v2/SystemProperties.js';
import type { TelemetryCommand as _apache_rocketmq_v2_TelemetryCommand, TelemetryCommand__Output as _apache_rocketmq_v2_TelemetryCommand__Output } from './apache/rocketmq/v2/TelemetryCommand.js';
import type { ThreadStackTrace as _apache_rocketmq_v2_ThreadStackTrace, ThreadStackTrace__Output as _apache_rocketmq_v2_ThreadStackTrace__Output } from './apache/rocketmq/v2/ThreadStackTrace.js';
import type { UA as _apache_rocketmq_v2_UA, UA__Output as _apache_rocketmq_v2_UA__Output } from './apache/rocketmq/v2/UA.js';
import type { UpdateOffsetRequest as _apache_rocketmq_v2_UpdateOffsetRequest, UpdateOffsetRequest__Output as _apache_rocketmq_v2_UpdateOffsetRequest__Output } from './apache/rocketmq/v2/UpdateOffsetRequest.js';
import type { UpdateOffsetResponse as _apache_rocketmq_v2_UpdateOffsetResponse, UpdateOffsetResponse__Output as _apache_rocketmq_v2_UpdateOffsetResponse__Output } from './apache/rocketmq/v2/UpdateOffsetResponse.js';
import type { VerifyMessageCommand as _apache_rocketmq_v2_VerifyMessageCommand, VerifyMessageCommand__Output as _apache_rocketmq_v2_VerifyMessageCommand__Output } from './apache/rocketmq/v2/VerifyMessageCommand.js';
import type { VerifyMessageResult as _apache_rocketmq_v2_VerifyMessageResult, VerifyMessageResult__Output as _apache_rocketmq_v2_VerifyMessageResult__Output } from './apache/rocketmq/v2/VerifyMessageResult.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from './google/protobuf/Duration.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  apache: {
    rocketmq: {
      v2: {
        AckMessageEntry: MessageTypeDefinition<_apache_rocketmq_v2_AckMessageEntry, _apache_rocketmq_v2_AckMessageEntry__Output>
        AckMessageRequest: MessageTypeDefinition<_apache_rocketmq_v2_AckMessageRequest, _apache_rocketmq_v2_AckMessageRequest__Output>
        AckMessageResponse: MessageTypeDefinition<_apache_rocketmq_v2_AckMessageResponse, _apache_rocketmq_v2_AckMessageResponse__Output>
        AckMessageResultEntry: MessageTypeDefinition<_apache_rocketmq_v2_AckMessageResultEntry, _apache_rocketmq_v2_AckMessageResultEntry__Output>
        Address: MessageTypeDefinition<_apache_rocketmq_v2_Address, _apache_rocketmq_v2_Address__Output>
        AddressScheme: EnumTypeDefinition
        Assignment: MessageTypeDefinition<_apache_rocketmq_v2_Assignment, _apache_rocketmq_v2_Assignment__Output>
        Broker: MessageTypeDefinition<_apache_rocketmq_v2_Broker, _apache_rocketmq_v2_Broker__Output>
        ChangeInvisibleDurationRequest: MessageTypeDefinition<_apache_rocketmq_v2_ChangeInvisibleDurationRequest, _apache_rocketmq_v2_ChangeInvisibleDurationRequest__Output>
        ChangeInvisibleDurationResponse: MessageTypeDefinition<_apache_rocketmq_v2_ChangeInvisibleDurationResponse, _apache_rocketmq_v2_ChangeInvisibleDurationResponse__Output>
        ClientType: EnumTypeDefinition
        Code: EnumTypeDefinition
        CustomizedBackoff: MessageTypeDefinition<_apache_rocketmq_v2_CustomizedBackoff, _apache_rocketmq_v2_CustomizedBackoff__Output>
        DeadLetterQueue: MessageTypeDefinition<_apache_rocketmq_v2_DeadLetterQueue, _apache_rocketmq_v2_DeadLetterQueue__Output>
        Digest: MessageTypeDefinition<_apache_rocketmq_v2_Digest, _apache_rocketmq_v2_Digest__Output>
        DigestType: EnumTypeDefinition
        Encoding: EnumTypeDefinition
        EndTransactionRequest: MessageTypeDefinition<_apache_rocketmq_v2_EndTransactionRequest, _apache_rocketmq_v2_EndTransactionRequest__Output>
        EndTransactionResponse: MessageTypeDefinition<_apache_rocketmq_v2_EndTransactionResponse, _apache_rocketmq_v2_EndTransactionResponse__Output>
        Endpoints: MessageTypeDefinition<_apache_rocketmq_v2_Endpoints, _apache_rocketmq_v2_Endpoints__Output>
        ExponentialBackoff: MessageTypeDefinition<_apache_rocketmq_v2_ExponentialBackoff, _apache_rocketmq_v2_ExponentialBackoff__Output>
        FilterExpression: MessageTypeDefinition<_apache_rocketmq_v2_FilterExpression, _apache_rocketmq_v2_FilterExpression__Output>
        FilterType: EnumTypeDefinition
        ForwardMessageToDeadLetterQueueRequest: MessageTypeDefinition<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest, _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueRequest__Output>
        ForwardMessageToDeadLetterQueueResponse: MessageTypeDefinition<_apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse, _apache_rocketmq_v2_ForwardMessageToDeadLetterQueueResponse__Output>
        GetOffsetRequest: MessageTypeDefinition<_apache_rocketmq_v2_GetOffsetRequest, _apache_rocketmq_v2_GetOffsetRequest__Output>
        GetOffsetResponse: MessageTypeDefinition<_apache_rocketmq_v2_GetOffsetResponse, _apache_rocketmq_v2_GetOffsetResponse__Output>
        HeartbeatRequest: MessageTypeDefinition<_apache_rocketmq_v2_HeartbeatRequest, _apache_rocketmq_v2_HeartbeatRequest__Output>
        HeartbeatResponse: MessageTypeDefinition<_apache_rocketmq_v2_HeartbeatResponse, _apache_rocketmq_v2_HeartbeatResponse__Output>
        Language: EnumTypeDefinition
        LiteSubscriptionAction: EnumTypeDefinition
        Message: MessageTypeDefinition<_apache_rocketmq_v2_Message, _apache_rocketmq_v2_Message__Output>
        MessageQueue: MessageTypeDefinition<_apache_rocketmq_v2_MessageQueue, _apache_rocketmq_v2_MessageQueue__Output>
        MessageType: EnumTypeDefinition
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
        MessagingService: SubtypeConstructor<typeof grpc.Client, _apache_rocketmq_v2_MessagingServiceClient> & { service: _apache_rocketmq_v2_MessagingServiceDefinition }
        Metric: MessageTypeDefinition<_apache_rocketmq_v2_Metric, _apache_rocketmq_v2_Metric__Output>
        NotifyClientTerminationRequest: MessageTypeDefinition<_apache_rocketmq_v2_NotifyClientTerminationRequest, _apache_rocketmq_v2_NotifyClientTerminationRequest__Output>
        NotifyClientTerminationResponse: MessageTypeDefinition<_apache_rocketmq_v2_NotifyClientTerminationResponse, _apache_rocketmq_v2_NotifyClientTerminationResponse__Output>
        NotifyUnsubscribeLiteCommand: MessageTypeDefinition<_apache_rocketmq_v2_NotifyUnsubscribeLiteCommand, _apache_rocketmq_v2_NotifyUnsubscribeLiteCommand__Output>
        OffsetOption: MessageTypeDefinition<_apache_rocketmq_v2_OffsetOption, _apache_rocketmq_v2_OffsetOption__Output>
        Permission: EnumTypeDefinition
        PrintThreadStackTraceCommand: MessageTypeDefinition<_apache_rocketmq_v2_PrintThreadStackTraceCommand, _apache_rocketmq_v2_PrintThreadStackTraceCommand__Output>
        Publishing: MessageTypeDefinition<_apache_rocketmq_v2_Publishing, _apache_rocketmq_v2_Publishing__Output>
        PullMessageRequest: MessageTypeDefinition<_apache_rocketmq_v2_PullMessageRequest, _apache_rocketmq_v2_PullMessageRequest__Output>
        PullMessageResponse: MessageTypeDefinition<_apache_rocketmq_v2_PullMessageResponse, _apache_rocketmq_v2_PullMessageResponse__Output>
        QueryAssignmentRequest: MessageTypeDefinition<_apache_rocketmq_v2_QueryAssignmentRequest, _apache_rocketmq_v2_QueryAssignmentRequest__Output>
        QueryAssignmentResponse: MessageTypeDefinition<_apache_rocketmq_v2_QueryAssignmentResponse, _apache_rocketmq_v2_QueryAssignmentResponse__Output>
        QueryOffsetPolicy: EnumTypeDefinition
        QueryOffsetRequest: MessageTypeDefinition<_apache_rocketmq_v2_QueryOffsetRequest, _apache_rocketmq_v2_QueryOffsetRequest__Output>
        QueryOffsetResponse: MessageTypeDefinition<_apache_rocketmq_v2_QueryOffsetResponse, _apache_rocketmq_v2_QueryOffsetResponse__Output>
        QueryRouteRequest: MessageTypeDefinition<_apache_rocketmq_v2_QueryRouteRequest, _apache_rocketmq_v2_QueryRouteRequest__Output>
        QueryRouteResponse: MessageTypeDefinition<_apache_rocketmq_v2_QueryRouteResponse, _apache_rocketmq_v2_QueryRouteResponse__Output>
        RecallMessageRequest: MessageTypeDefinition<_apache_rocketmq_v2_RecallMessageRequest, _apache_rocketmq_v2_RecallMessageRequest__Output>
        RecallMessageResponse: MessageTypeDefinition<_apache_rocketmq_v2_RecallMessageResponse, _apache_rocketmq_v2_RecallMessageResponse__Output>
        ReceiveMessageRequest: MessageTypeDefinition<_apache_rocketmq_v2_ReceiveMessageRequest, _apache_rocketmq_v2_ReceiveMessageRequest__Output>
        ReceiveMessageResponse: MessageTypeDefinition<_apache_rocketmq_v2_ReceiveMessageResponse, _apache_rocketmq_v2_ReceiveMessageResponse__Output>
        ReconnectEndpointsCommand: MessageTypeDefinition<_apache_rocketmq_v2_ReconnectEndpointsCommand, _apache_rocketmq_v2_ReconnectEndpointsCommand__Output>
        RecoverOrphanedTransactionCommand: MessageTypeDefinition<_apache_rocketmq_v2_RecoverOrphanedTransactionCommand, _apache_rocketmq_v2_RecoverOrphanedTransactionCommand__Output>
        Resource: MessageTypeDefinition<_apache_rocketmq_v2_Resource, _apache_rocketmq_v2_Resource__Output>
        RetryPolicy: MessageTypeDefinition<_apache_rocketmq_v2_RetryPolicy, _apache_rocketmq_v2_RetryPolicy__Output>
        SendMessageRequest: MessageTypeDefinition<_apache_rocketmq_v2_SendMessageRequest, _apache_rocketmq_v2_SendMessageRequest__Output>
        SendMessageResponse: MessageTypeDefinition<_apache_rocketmq_v2_SendMessageResponse, _apache_rocketmq_v2_SendMessageResponse__Output>
        SendResultEntry: MessageTypeDefinition<_apache_rocketmq_v2_SendResultEntry, _apache_rocketmq_v2_SendResultEntry__Output>
        Settings: MessageTypeDefinition<_apache_rocketmq_v2_Settings, _apache_rocketmq_v2_Settings__Output>
        Status: MessageTypeDefinition<_apache_rocketmq_v2_Status, _apache_rocketmq_v2_Status__Output>
        Subscription: MessageTypeDefinition<_apache_rocketmq_v2_Subscription, _apache_rocketmq_v2_Subscription__Output>
        SubscriptionEntry: MessageTypeDefinition<_apache_rocketmq_v2_SubscriptionEntry, _apache_rocketmq_v2_SubscriptionEntry__Output>
        SyncLiteSubscriptionRequest: MessageTypeDefinition<_apache_rocketmq_v2_SyncLiteSubscriptionRequest, _apache_rocketmq_v2_SyncLiteSubscriptionRequest__Output>
        SyncLiteSubscriptionResponse: MessageTypeDefinition<_apache_rocketmq_v2_SyncLiteSubscriptionResponse, _apache_rocketmq_v2_SyncLiteSubscriptionResponse__Output>
        SystemProperties: MessageTypeDefinition<_apache_rocketmq_v2_SystemProperties, _apache_rocketmq_v2_SystemProperties__Output>
        TelemetryCommand: MessageTypeDefinition<_apache_rocketmq_v2_TelemetryCommand, _apache_rocketmq_v2_TelemetryCommand__Output>
        ThreadStackTrace: MessageTypeDefinition<_apache_rocketmq_v2_ThreadStackTrace, _apache_rocketmq_v2_ThreadStackTrace__Output>
        TransactionResolution: EnumTypeDefinition
        TransactionSource: EnumTypeDefinition
        UA: MessageTypeDefinition<_apache_rocketmq_v2_UA, _apache_rocketmq_v2_UA__Output>
        UpdateOffsetRequest: MessageTypeDefinition<_apache_rocketmq_v2_UpdateOffsetRequest, _apache_rocketmq_v2_UpdateOffsetRequest__Output>
        UpdateOffsetResponse: MessageTypeDefinition<_apache_rocketmq_v2_UpdateOffsetResponse, _apache_rocketmq_v2_UpdateOffsetResponse__Output>
        VerifyMessageCommand: MessageTypeDefinition<_apache_rocketmq_v2_VerifyMessageCommand, _apache_rocketmq_v2_VerifyMessageCommand__Output>
        VerifyMessageResult: MessageTypeDefinition<_apache_rocketmq_v2_VerifyMessageResult, _apache_rocketmq_v2_VerifyMessageResult__Output>
      }
    }
  }
  google: {
    protobuf: {
      Duration: MessageTypeDefinition<_google_protobuf_Duration, _google_protobuf_Duration__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

