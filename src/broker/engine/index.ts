// Public surface of the broker engine.
export { Engine, acceptedMessageTypes, retryTopicOf, dlqTopicOf, RETRY_PREFIX, DLQ_PREFIX } from './engine.js';
export type { ConsumeVerifier, EngineDeps } from './engine.js';
export { EngineError, isEngineError } from './errors.js';
export type { EngineErrorCode } from './errors.js';
export { DEFAULT_TUNABLES, TUNABLE_ENV, resolveTunables } from './tunables.js';
export { storeQueueId, brokerOrdinalOf, queueIdOf, QUEUE_STRIDE } from './queue-map.js';
export { Prop, KEY_SEPARATOR, keptSystemProperties, isReservedProperty, userPropertiesOf, messageTypeOf } from './properties.js';
export type {
  BrokerMetadata,
  ClientInfo,
  Delivery,
  EngineOptions,
  EngineQueue,
  EngineTunables,
  GroupProgressRow,
  GroupSpec,
  MessageType,
  OutgoingMessage,
  PullRequest,
  PullResult,
  QueueRange,
  ReceiveRequest,
  SendReceipt,
  StoredMessage,
  TopicMessageType,
  TopicSpec,
  TopicStatus,
} from './types.js';
export { SYSTEM, unauthorized, type Credential, type Peer, type Principal } from './access.js';
