// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto


export interface PrintThreadStackTraceCommand {
  'nonce'?: (string);
}

export interface PrintThreadStackTraceCommand__Output {
  'nonce'?: (string);
}
