// Topics and consumer groups of an instance, as the control plane records them and pushes them to the broker.

export const TOPIC_MESSAGE_TYPES = ['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION', 'MIXED'] as const;
export type TopicMessageType = (typeof TOPIC_MESSAGE_TYPES)[number];
export type Permission = 'pub' | 'sub' | 'all';

/** What the broker needs to serve a topic (the admin API's wire shape). */
export interface TopicSpec {
  name: string;
  messageType: TopicMessageType;
  /** Queues per broker. */
  queueNum: number;
  /** Logical brokers (broker-a, …) that own queues of the topic. */
  brokers: string[];
  perm: Permission;
  maxSendTps?: number;
}

export interface GroupSpec {
  name: string;
  maxRetries: number;
  consumeOrderly: boolean;
  broadcast: boolean;
  enabled: boolean;
  /** Extra dead-letter target besides %DLQ%<group> (Alibaba's deadLetterTargetTopic). */
  deadLetterTopic?: string;
  maxReceiveTps?: number;
}

export interface Topic extends TopicSpec {
  remark: string;
  createdAt: number;
  updatedAt: number;
  /** Dialect-only fields, echoed by that dialect. */
  attributes: Record<string, unknown>;
}

export interface Group extends GroupSpec {
  remark: string;
  createdAt: number;
  updatedAt: number;
  attributes: Record<string, unknown>;
}

/** Everything a broker serves: applied whole through its admin API (drift repair) or one by one. */
export interface BrokerMetadata {
  topics: TopicSpec[];
  groups: GroupSpec[];
}

export interface QueueStatus {
  id: number;
  minOffset: number;
  maxOffset: number;
  lastMessageTime: number;
}

export interface TopicStatus {
  brokers: { brokerName: string; queues: QueueStatus[] }[];
}

/** Consumption progress of a group on one queue. */
export interface QueueProgress {
  topic: string;
  brokerName: string;
  queueId: number;
  brokerOffset: number;
  consumerOffset: number;
  /** Messages stored after the consumer offset and not acked (what was sent and not consumed). */
  lag: number;
  /** Of those, the ones delivered and awaiting their ack. */
  inflight: number;
  /** When the first message not yet consumed was stored; 0 when none waits. */
  oldestUnackedTime: number;
  lastMessageTime: number;
}

/** A topic a consumer subscribes to, with its filter (type TAG or SQL). */
export interface ClientSubscription {
  topic: string;
  type: string;
  expression: string;
}

/** A client connected to a broker, as the control plane lists it. */
export interface ConsumerClient {
  clientId: string;
  address: string;
  language: string;
  version: string;
  /** CONSUME_POP (5.x clients), CONSUME_PASSIVELY (4.x push) or CONSUME_ACTIVELY (4.x pull). */
  consumeType: string;
  subscriptions: ClientSubscription[];
}

export const DEFAULT_QUEUE_NUM = 8;
export const DEFAULT_MAX_RETRIES = 16;

/** The dead-letter topic every group gets. */
export const RETRY_PREFIX = '%RETRY%';
export const DLQ_PREFIX = '%DLQ%';
export const retryTopicOf = (group: string): string => `${RETRY_PREFIX}${group}`;
export const dlqTopicOf = (group: string): string => `${DLQ_PREFIX}${group}`;

export const topicSpecOf = (t: Topic): TopicSpec => ({
  name: t.name,
  messageType: t.messageType,
  queueNum: t.queueNum,
  brokers: t.brokers,
  perm: t.perm,
  ...(t.maxSendTps === undefined ? {} : { maxSendTps: t.maxSendTps }),
});

export const groupSpecOf = (g: Group): GroupSpec => ({
  name: g.name,
  maxRetries: g.maxRetries,
  consumeOrderly: g.consumeOrderly,
  broadcast: g.broadcast,
  enabled: g.enabled,
  ...(g.deadLetterTopic === undefined ? {} : { deadLetterTopic: g.deadLetterTopic }),
  ...(g.maxReceiveTps === undefined ? {} : { maxReceiveTps: g.maxReceiveTps }),
});
