// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { TransactionResolution as _apache_rocketmq_v2_TransactionResolution, TransactionResolution__Output as _apache_rocketmq_v2_TransactionResolution__Output } from '../../../apache/rocketmq/v2/TransactionResolution.js';
import type { TransactionSource as _apache_rocketmq_v2_TransactionSource, TransactionSource__Output as _apache_rocketmq_v2_TransactionSource__Output } from '../../../apache/rocketmq/v2/TransactionSource.js';

export interface EndTransactionRequest {
  'topic'?: (_apache_rocketmq_v2_Resource | null);
  'message_id'?: (string);
  'transaction_id'?: (string);
  'resolution'?: (_apache_rocketmq_v2_TransactionResolution);
  'source'?: (_apache_rocketmq_v2_TransactionSource);
  'trace_context'?: (string);
}

export interface EndTransactionRequest__Output {
  'topic'?: (_apache_rocketmq_v2_Resource__Output);
  'message_id'?: (string);
  'transaction_id'?: (string);
  'resolution'?: (_apache_rocketmq_v2_TransactionResolution__Output);
  'source'?: (_apache_rocketmq_v2_TransactionSource__Output);
  'trace_context'?: (string);
}
