// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto


export interface ThreadStackTrace {
  'nonce'?: (string);
  'thread_stack_trace'?: (string);
  '_thread_stack_trace'?: "thread_stack_trace";
}

export interface ThreadStackTrace__Output {
  'nonce'?: (string);
  'thread_stack_trace'?: (string);
  '_thread_stack_trace'?: "thread_stack_trace";
}
