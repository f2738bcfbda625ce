// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

import type { Digest as _apache_rocketmq_v2_Digest, Digest__Output as _apache_rocketmq_v2_Digest__Output } from '../../../apache/rocketmq/v2/Digest.js';
import type { Encoding as _apache_rocketmq_v2_Encoding, Encoding__Output as _apache_rocketmq_v2_Encoding__Output } from '../../../apache/rocketmq/v2/Encoding.js';
import type { MessageType as _apache_rocketmq_v2_MessageType, MessageType__Output as _apache_rocketmq_v2_MessageType__Output } from '../../../apache/rocketmq/v2/MessageType.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../../google/protobuf/Duration.js';
import type { DeadLetterQueue as _apache_rocketmq_v2_DeadLetterQueue, DeadLetterQueue__Output as _apache_rocketmq_v2_DeadLetterQueue__Output } from '../../../apache/rocketmq/v2/DeadLetterQueue.js';
import type { Long } from '@grpc/proto-loader';

export interface SystemProperties {
  /**
   * Tag, which is optional.
   */
  'tag'?: (string);
  /**
   * Message keys
   */
  'keys'?: (string)[];
  /**
   * Message identifier, client-side generated, remains unique.
   * if message_id is empty, the send message request will be aborted with
   * status `INVALID_ARGUMENT`
   */
  'message_id'?: (string);
  /**
   * Message body digest
   */
  'body_digest'?: (_apache_rocketmq_v2_Digest | null);
  /**
   * Message body encoding. Candidate options are identity, gzip, snappy etc.
   */
  'body_encoding'?: (_apache_rocketmq_v2_Encoding);
  /**
   * Message type, normal, FIFO or transactional.
   */
  'message_type'?: (_apache_rocketmq_v2_MessageType);
  /**
   * Message born time-point.
   */
  'born_timestamp'?: (_google_protobuf_Timestamp | null);
  /**
   * Message born host. Valid options are IPv4, IPv6 or client host domain name.
   */
  'born_host'?: (string);
  /**
   * Time-point at which the message is stored in the broker, which is absent
   * for message publishing.
   */
  'store_timestamp'?: (_google_protobuf_Timestamp | null);
  /**
   * The broker that stores this message. It may be broker name, IP or arbitrary
   * identifier that uniquely identify the server.
   */
  'store_host'?: (string);
  /**
   * Time-point at which broker delivers to clients, which is optional.
   */
  'delivery_timestamp'?: (_google_protobuf_Timestamp | null);
  /**
   * If a message is acquired by way of POP, this field holds the receipt,
   * which is absent for message publishing.
   * Clients use the receipt to acknowledge or negatively acknowledge the
   * message.
   */
  'receipt_handle'?: (string);
  /**
   * Message queue identifier in which a message is physically stored.
   */
  'queue_id'?: (number);
  /**
   * Message-queue offset at which a message is stored, which is absent for
   * message publishing.
   */
  'queue_offset'?: (number | string | Long);
  /**
   * Period of time servers would remain invisible once a message is acquired.
   */
  'invisible_duration'?: (_google_protobuf_Duration | null);
  /**
   * Business code may failed to process messages for the moment. Hence, clients
   * may request servers to deliver them again using certain back-off strategy,
   * the attempt is 1 not 0 if message is delivered first time, and it is absent
   * for message publishing.
   */
  'delivery_attempt'?: (number);
  /**
   * Define the group name of message in the same topic, which is optional.
   */
  'message_group'?: (string);
  /**
   * Trace context for each message, which is optional.
   */
  'trace_context'?: (string);
  /**
   * If a transactional message stay unresolved for more than
   * `transaction_orphan_threshold`, it would be regarded as an
   * orphan. Servers that manages orphan messages would pick up
   * a capable publisher to resolve
   */
  'orphaned_transaction_recovery_duration'?: (_google_protobuf_Duration | null);
  /**
   * Information to identify whether this message is from dead letter queue.
   */
  'dead_letter_queue'?: (_apache_rocketmq_v2_DeadLetterQueue | null);
  /**
   * lite topic
   */
  'lite_topic'?: (string);
  /**
   * Priority of message, which is optional
   */
  'priority'?: (number);
  '_tag'?: "tag";
  '_store_timestamp'?: "store_timestamp";
  '_delivery_timestamp'?: "delivery_timestamp";
  '_receipt_handle'?: "receipt_handle";
  '_queue_offset'?: "queue_offset";
  '_invisible_duration'?: "invisible_duration";
  '_delivery_attempt'?: "delivery_attempt";
  '_message_group'?: "message_group";
  '_trace_context'?: "trace_context";
  '_orphaned_transaction_recovery_duration'?: "orphaned_transaction_recovery_duration";
  '_dead_letter_queue'?: "dead_letter_queue";
  '_lite_topic'?: "lite_topic";
  '_priority'?: "priority";
}

export interface SystemProperties__Output {
  /**
   * Tag, which is optional.
   */
  'tag'?: (string);
  /**
   * Message keys
   */
  'keys'?: (string)[];
  /**
   * Message identifier, client-side generated, remains unique.
   * if message_id is empty, the send message request will be aborted with
   * status `INVALID_ARGUMENT`
   */
  'message_id'?: (string);
  /**
   * Message body digest
   */
  'body_digest'?: (_apache_rocketmq_v2_Digest__Output);
  /**
   * Message body encoding. Candidate options are identity, gzip, snappy etc.
   */
  'body_encoding'?: (_apache_rocketmq_v2_Encoding__Output);
  /**
   * Message type, normal, FIFO or transactional.
   */
  'message_type'?: (_apache_rocketmq_v2_MessageType__Output);
  /**
   * Message born time-point.
   */
  'born_timestamp'?: (_google_protobuf_Timestamp__Output);
  /**
   * Message born host. Valid options are IPv4, IPv6 or client host domain name.
   */
  'born_host'?: (string);
  /**
   * Time-point at which the message is stored in the broker, which is absent
   * for message publishing.
   */
  'store_timestamp'?: (_google_protobuf_Timestamp__Output);
  /**
   * The broker that stores this message. It may be broker name, IP or arbitrary
   * identifier that uniquely identify the server.
   */
  'store_host'?: (string);
  /**
   * Time-point at which broker delivers to clients, which is optional.
   */
  'delivery_timestamp'?: (_google_protobuf_Timestamp__Output);
  /**
   * If a message is acquired by way of POP, this field holds the receipt,
   * which is absent for message publishing.
   * Clients use the receipt to acknowledge or negatively acknowledge the
   * message.
   */
  'receipt_handle'?: (string);
  /**
   * Message queue identifier in which a message is physically stored.
   */
  'queue_id'?: (number);
  /**
   * Message-queue offset at which a message is stored, which is absent for
   * message publishing.
   */
  'queue_offset'?: (number);
  /**
   * Period of time servers would remain invisible once a message is acquired.
   */
  'invisible_duration'?: (_google_protobuf_Duration__Output);
  /**
   * Business code may failed to process messages for the moment. Hence, clients
   * may request servers to deliver them again using certain back-off strategy,
   * the attempt is 1 not 0 if message is delivered first time, and it is absent
   * for message publishing.
   */
  'delivery_attempt'?: (number);
  /**
   * Define the group name of message in the same topic, which is optional.
   */
  'message_group'?: (string);
  /**
   * Trace context for each message, which is optional.
   */
  'trace_context'?: (string);
  /**
   * If a transactional message stay unresolved for more than
   * `transaction_orphan_threshold`, it would be regarded as an
   * orphan. Servers that manages orphan messages would pick up
   * a capable publisher to resolve
   */
  'orphaned_transaction_recovery_duration'?: (_google_protobuf_Duration__Output);
  /**
   * Information to identify whether this message is from dead letter queue.
   */
  'dead_letter_queue'?: (_apache_rocketmq_v2_DeadLetterQueue__Output);
  /**
   * lite topic
   */
  'lite_topic'?: (string);
  /**
   * Priority of message, which is optional
   */
  'priority'?: (number);
  '_tag'?: "tag";
  '_store_timestamp'?: "store_timestamp";
  '_delivery_timestamp'?: "delivery_timestamp";
  '_receipt_handle'?: "receipt_handle";
  '_queue_offset'?: "queue_offset";
  '_invisible_duration'?: "invisible_duration";
  '_delivery_attempt'?: "delivery_attempt";
  '_message_group'?: "message_group";
  '_trace_context'?: "trace_context";
  '_orphaned_transaction_recovery_duration'?: "orphaned_transaction_recovery_duration";
  '_dead_letter_queue'?: "dead_letter_queue";
  '_lite_topic'?: "lite_topic";
  '_priority'?: "priority";
}
