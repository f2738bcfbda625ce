// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto


export interface NotifyUnsubscribeLiteCommand {
  'lite_topic'?: (string);
}

export interface NotifyUnsubscribeLiteCommand__Output {
  'lite_topic'?: (string);
}
