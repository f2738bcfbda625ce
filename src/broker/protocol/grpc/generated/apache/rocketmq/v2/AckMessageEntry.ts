// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto


export interface AckMessageEntry {
  'message_id'?: (string);
  'receipt_handle'?: (string);
  'lite_topic'?: (string);
  '_lite_topic'?: "lite_topic";
}

export interface AckMessageEntry__Output {
  'message_id'?: (string);
  'receipt_handle'?: (string);
  'lite_topic'?: (string);
  '_lite_topic'?: "lite_topic";
}
