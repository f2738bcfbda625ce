// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition.proto

export const Code = {
  CODE_UNSPECIFIED: 'CODE_UNSPECIFIED',
  /**
   * Generic code for success.
   */
  OK: 'OK',
  /**
   * Generic code for multiple return results.
   */
  MULTIPLE_RESULTS: 'MULTIPLE_RESULTS',
  /**
   * Generic code for bad request, indicating that required fields or headers are missing.
   */
  BAD_REQUEST: 'BAD_REQUEST',
  /**
   * Format of access point is illegal.
   */
  ILLEGAL_ACCESS_POINT: 'ILLEGAL_ACCESS_POINT',
  /**
   * Format of topic is illegal.
   */
  ILLEGAL_TOPIC: 'ILLEGAL_TOPIC',
  /**
   * Format of consumer group is illegal.
   */
  ILLEGAL_CONSUMER_GROUP: 'ILLEGAL_CONSUMER_GROUP',
  /**
   * Format of message tag is illegal.
   */
  ILLEGAL_MESSAGE_TAG: 'ILLEGAL_MESSAGE_TAG',
  /**
   * Format of message key is illegal.
   */
  ILLEGAL_MESSAGE_KEY: 'ILLEGAL_MESSAGE_KEY',
  /**
   * Format of message group is illegal.
   */
  ILLEGAL_MESSAGE_GROUP: 'ILLEGAL_MESSAGE_GROUP',
  /**
   * Format of message property key is illegal.
   */
  ILLEGAL_MESSAGE_PROPERTY_KEY: 'ILLEGAL_MESSAGE_PROPERTY_KEY',
  /**
   * Transaction id is invalid.
   */
  INVALID_TRANSACTION_ID: 'INVALID_TRANSACTION_ID',
  /**
   * Format of message id is illegal.
   */
  ILLEGAL_MESSAGE_ID: 'ILLEGAL_MESSAGE_ID',
  /**
   * Format of filter expression is illegal.
   */
  ILLEGAL_FILTER_EXPRESSION: 'ILLEGAL_FILTER_EXPRESSION',
  /**
   * The invisible time of request is invalid.
   */
  ILLEGAL_INVISIBLE_TIME: 'ILLEGAL_INVISIBLE_TIME',
  /**
   * The delivery timestamp of message is invalid.
   */
  ILLEGAL_DELIVERY_TIME: 'ILLEGAL_DELIVERY_TIME',
  /**
   * Receipt handle of message is invalid.
   */
  INVALID_RECEIPT_HANDLE: 'INVALID_RECEIPT_HANDLE',
  /**
   * Message property conflicts with its type.
   */
  MESSAGE_PROPERTY_CONFLICT_WITH_TYPE: 'MESSAGE_PROPERTY_CONFLICT_WITH_TYPE',
  /**
   * Client type could not be recognized.
   */
  UNRECOGNIZED_CLIENT_TYPE: 'UNRECOGNIZED_CLIENT_TYPE',
  /**
   * Message is corrupted.
   */
  MESSAGE_CORRUPTED: 'MESSAGE_CORRUPTED',
  /**
   * Request is rejected due to missing of x-mq-client-id header.
   */
  CLIENT_ID_REQUIRED: 'CLIENT_ID_REQUIRED',
  /**
   * Polling time is illegal.
   */
  ILLEGAL_POLLING_TIME: 'ILLEGAL_POLLING_TIME',
  /**
   * Offset is illegal.
   */
  ILLEGAL_OFFSET: 'ILLEGAL_OFFSET',
  /**
   * Format of lite topic is illegal.
   */
  ILLEGAL_LITE_TOPIC: 'ILLEGAL_LITE_TOPIC',
  /**
   * Generic code indicates that the client request lacks valid authentication
   * credentials for the requested resource.
   */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /**
   * Generic code indicates that the account is suspended due to overdue of payment.
   */
  PAYMENT_REQUIRED: 'PAYMENT_REQUIRED',
  /**
   * Generic code for the case that user does not have the permission to operate.
   */
  FORBIDDEN: 'FORBIDDEN',
  /**
   * Generic code for resource not found.
   */
  NOT_FOUND: 'NOT_FOUND',
  /**
   * Message not found from server.
   */
  MESSAGE_NOT_FOUND: 'MESSAGE_NOT_FOUND',
  /**
   * Topic resource does not exist.
   */
  TOPIC_NOT_FOUND: 'TOPIC_NOT_FOUND',
  /**
   * Consumer group resource does not exist.
   */
  CONSUMER_GROUP_NOT_FOUND: 'CONSUMER_GROUP_NOT_FOUND',
  /**
   * Offset not found from server.
   */
  OFFSET_NOT_FOUND: 'OFFSET_NOT_FOUND',
  /**
   * Generic code representing client side timeout when connecting to, reading data from, or write data to server.
   */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /**
   * Generic code represents that the request entity is larger than limits defined by server.
   */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /**
   * Message body size exceeds the threshold.
   */
  MESSAGE_BODY_TOO_LARGE: 'MESSAGE_BODY_TOO_LARGE',
  /**
   * Message body is empty.
   */
  MESSAGE_BODY_EMPTY: 'MESSAGE_BODY_EMPTY',
  /**
   * Generic code for use cases where pre-conditions are not met.
   * For example, if a producer instance is used to publish messages without prior start() invocation,
   * this error code will be raised.
   */
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  /**
   * Generic code indicates that too many requests are made in short period of duration.
   * Requests are throttled.
   */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  /**
   * LiteTopic related quota exceeded
   */
  LITE_TOPIC_QUOTA_EXCEEDED: 'LITE_TOPIC_QUOTA_EXCEEDED',
  LITE_SUBSCRIPTION_QUOTA_EXCEEDED: 'LITE_SUBSCRIPTION_QUOTA_EXCEEDED',
  /**
   * Generic code for the case that the server is unwilling to process the request because its header fields are too large.
   * The request may be resubmitted after reducing the size of the request header fields.
   */
  REQUEST_HEADER_FIELDS_TOO_LARGE: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  /**
   * Message properties total size exceeds the threshold.
   */
  MESSAGE_PROPERTIES_TOO_LARGE: 'MESSAGE_PROPERTIES_TOO_LARGE',
  /**
   * Generic code indicates that server/client encountered an unexpected
   * condition that prevented it from fulfilling the request.
   */
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  /**
   * Code indicates that the server encountered an unexpected condition
   * that prevented it from fulfilling the request.
   * This error response is a generic "catch-all" response.
   * Usually, this indicates the server cannot find a better alternative
   * error code to response. Sometimes, server administrators log error
   * responses like the 500 status code with more details about the request
   * to prevent the error from happening again in the future.
   * 
   * See https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/500
   */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /**
   * The HA-mechanism is not working now.
   */
  HA_NOT_AVAILABLE: 'HA_NOT_AVAILABLE',
  /**
   * Generic code means that the server or client does not support the
   * functionality required to fulfill the request.
   */
  NOT_IMPLEMENTED: 'NOT_IMPLEMENTED',
  /**
   * Generic code represents that the server, which acts as a gateway or proxy,
   * does not get an satisfied response in time from its upstream servers.
   * See https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/504
   */
  PROXY_TIMEOUT: 'PROXY_TIMEOUT',
  /**
   * Message persistence timeout.
   */
  MASTER_PERSISTENCE_TIMEOUT: 'MASTER_PERSISTENCE_TIMEOUT',
  /**
   * Slave persistence timeout.
   */
  SLAVE_PERSISTENCE_TIMEOUT: 'SLAVE_PERSISTENCE_TIMEOUT',
  /**
   * Generic code for unsupported operation.
   */
  UNSUPPORTED: 'UNSUPPORTED',
  /**
   * Operation is not allowed in current version.
   */
  VERSION_UNSUPPORTED: 'VERSION_UNSUPPORTED',
  /**
   * Not allowed to verify message. Chances are that you are verifying
   * a FIFO message, as is violating FIFO semantics.
   */
  VERIFY_FIFO_MESSAGE_UNSUPPORTED: 'VERIFY_FIFO_MESSAGE_UNSUPPORTED',
  /**
   * Generic code for failed message consumption.
   */
  FAILED_TO_CONSUME_MESSAGE: 'FAILED_TO_CONSUME_MESSAGE',
} as const;

export type Code =
  | 'CODE_UNSPECIFIED'
  | 0
  /**
   * Generic code for success.
   */
  | 'OK'
  | 20000
  /**
   * Generic code for multiple return results.
   */
  | 'MULTIPLE_RESULTS'
  | 30000
  /**
   * Generic code for bad request, indicating that required fields or headers are missing.
   */
  | 'BAD_REQUEST'
  | 40000
  /**
   * Format of access point is illegal.
   */
  | 'ILLEGAL_ACCESS_POINT'
  | 40001
  /**
   * Format of topic is illegal.
   */
  | 'ILLEGAL_TOPIC'
  | 40002
  /**
   * Format of consumer group is illegal.
   */
  | 'ILLEGAL_CONSUMER_GROUP'
  | 40003
  /**
   * Format of message tag is illegal.
   */
  | 'ILLEGAL_MESSAGE_TAG'
  | 40004
  /**
   * Format of message key is illegal.
   */
  | 'ILLEGAL_MESSAGE_KEY'
  | 40005
  /**
   * Format of message group is illegal.
   */
  | 'ILLEGAL_MESSAGE_GROUP'
  | 40006
  /**
   * Format of message property key is illegal.
   */
  | 'ILLEGAL_MESSAGE_PROPERTY_KEY'
  | 40007
  /**
   * Transaction id is invalid.
   */
  | 'INVALID_TRANSACTION_ID'
  | 40008
  /**
   * Format of message id is illegal.
   */
  | 'ILLEGAL_MESSAGE_ID'
  | 40009
  /**
   * Format of filter expression is illegal.
   */
  | 'ILLEGAL_FILTER_EXPRESSION'
  | 40010
  /**
   * The invisible time of request is invalid.
   */
  | 'ILLEGAL_INVISIBLE_TIME'
  | 40011
  /**
   * The delivery timestamp of message is invalid.
   */
  | 'ILLEGAL_DELIVERY_TIME'
  | 40012
  /**
   * Receipt handle of message is invalid.
   */
  | 'INVALID_RECEIPT_HANDLE'
  | 40013
  /**
   * Message property conflicts with its type.
   */
  | 'MESSAGE_PROPERTY_CONFLICT_WITH_TYPE'
  | 40014
  /**
   * Client type could not be recognized.
   */
  | 'UNRECOGNIZED_CLIENT_TYPE'
  | 40015
  /**
   * Message is corrupted.
   */
  | 'MESSAGE_CORRUPTED'
  | 40016
  /**
   * Request is rejected due to missing of x-mq-client-id header.
   */
  | 'CLIENT_ID_REQUIRED'
  | 40017
  /**
   * Polling time is illegal.
   */
  | 'ILLEGAL_POLLING_TIME'
  | 40018
  /**
   * Offset is illegal.
   */
  | 'ILLEGAL_OFFSET'
  | 40019
  /**
   * Format of lite topic is illegal.
   */
  | 'ILLEGAL_LITE_TOPIC'
  | 40020
  /**
   * Generic code indicates that the client request lacks valid authentication
   * credentials for the requested resource.
   */
  | 'UNAUTHORIZED'
  | 40100
  /**
   * Generic code indicates that the account is suspended due to overdue of payment.
   */
  | 'PAYMENT_REQUIRED'
  | 40200
  /**
   * Generic code for the case that user does not have the permission to operate.
   */
  | 'FORBIDDEN'
  | 40300
  /**
   * Generic code for resource not found.
   */
  | 'NOT_FOUND'
  | 40400
  /**
   * Message not found from server.
   */
  | 'MESSAGE_NOT_FOUND'
  | 40401
  /**
   * Topic resource does not exist.
   */
  | 'TOPIC_NOT_FOUND'
  | 40402
  /**
   * Consumer group resource does not exist.
   */
  | 'CONSUMER_GROUP_NOT_FOUND'
  | 40403
  /**
   * Offset not found from server.
   */
  | 'OFFSET_NOT_FOUND'
  | 40404
  /**
   * Generic code representing client side timeout when connecting to, reading data from, or write data to server.
   */
  | 'REQUEST_TIMEOUT'
  | 40800
  /**
   * Generic code represents that the request entity is larger than limits defined by server.
   */
  | 'PAYLOAD_TOO_LARGE'
  | 41300
  /**
   * Message body size exceeds the threshold.
   */
  | 'MESSAGE_BODY_TOO_LARGE'
  | 41301
  /**
   * Message body is empty.
   */
  | 'MESSAGE_BODY_EMPTY'
  | 41302
  /**
   * Generic code for use cases where pre-conditions are not met.
   * For example, if a producer instance is used to publish messages without prior start() invocation,
   * this error code will be raised.
   */
  | 'PRECONDITION_FAILED'
  | 42800
  /**
   * Generic code indicates that too many requests are made in short period of duration.
   * Requests are throttled.
   */
  | 'TOO_MANY_REQUESTS'
  | 42900
  /**
   * LiteTopic related quota exceeded
   */
  | 'LITE_TOPIC_QUOTA_EXCEEDED'
  | 42901
  | 'LITE_SUBSCRIPTION_QUOTA_EXCEEDED'
  | 42902
  /**
   * Generic code for the case that the server is unwilling to process the request because its header fields are too large.
   * The request may be resubmitted after reducing the size of the request header fields.
   */
  | 'REQUEST_HEADER_FIELDS_TOO_LARGE'
  | 43100
  /**
   * Message properties total size exceeds the threshold.
   */
  | 'MESSAGE_PROPERTIES_TOO_LARGE'
  | 43101
  /**
   * Generic code indicates that server/client encountered an unexpected
   * condition that prevented it from fulfilling the request.
   */
  | 'INTERNAL_ERROR'
  | 50000
  /**
   * Code indicates that the server encountered an unexpected condition
   * that prevented it from fulfilling the request.
   * This error response is a generic "catch-all" response.
   * Usually, this indicates the server cannot find a better alternative
   * error code to response. Sometimes, server administrators log error
   * responses like the 500 status code with more details about the request
   * to prevent the error from happening again in the future.
   * 
   * See https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/500
   */
  | 'INTERNAL_SERVER_ERROR'
  | 50001
  /**
   * The HA-mechanism is not working now.
   */
  | 'HA_NOT_AVAILABLE'
  | 50002
  /**
   * Generic code means that the server or client does not support the
   * functionality required to fulfill the request.
   */
  | 'NOT_IMPLEMENTED'
  | 50100
  /**
   * Generic code represents that the server, which acts as a gateway or proxy,
   * does not get an satisfied response in time from its upstream servers.
   * See https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/504
   */
  | 'PROXY_TIMEOUT'
  | 50400
  /**
   * Message persistence timeout.
   */
  | 'MASTER_PERSISTENCE_TIMEOUT'
  | 50401
  /**
   * Slave persistence timeout.
   */
  | 'SLAVE_PERSISTENCE_TIMEOUT'
  | 50402
  /**
   * Generic code for unsupported operation.
   */
  | 'UNSUPPORTED'
  | 50500
  /**
   * Operation is not allowed in current version.
   */
  | 'VERSION_UNSUPPORTED'
  | 50501
  /**
   * Not allowed to verify message. Chances are that you are verifying
   * a FIFO message, as is violating FIFO semantics.
   */
  | 'VERIFY_FIFO_MESSAGE_UNSUPPORTED'
  | 50502
  /**
   * Generic code for failed message consumption.
   */
  | 'FAILED_TO_CONSUME_MESSAGE'
  | 60000

export type Code__Output = typeof Code[keyof typeof Code]
