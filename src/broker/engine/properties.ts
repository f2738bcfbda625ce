// Names of the system properties the engine stores with a message (RocketMQ MessageConst spelling, so 4.x
// readers of the same store see what they expect), and the split between user and system properties.
import type { StoredMessage } from '../storage/types.js';
import type { MessageType } from './types.js';

export const Prop = {
  MESSAGE_GROUP: '__SHARDINGKEY',
  DELIVER_AT: '__STARTDELIVERTIME',
  TRACE_CONTEXT: 'TRACE_CONTEXT',
  TRAN_MSG: 'TRAN_MSG',
  TRANSACTION_ID: '__transactionId__',
  REAL_TOPIC: 'REAL_TOPIC',
  REAL_QID: 'REAL_QID',
  RETRY_TOPIC: 'RETRY_TOPIC',
  ORIGIN_MESSAGE_ID: 'ORIGIN_MESSAGE_ID',
  DLQ_ORIGIN_TOPIC: 'DLQ_ORIGIN_TOPIC',
  DLQ_ORIGIN_MESSAGE_ID: 'DLQ_ORIGIN_MESSAGE_ID',
  MAX_RECONSUME_TIMES: 'MAX_RECONSUME_TIMES',
  /** When a record of the schedule topic is due (ms); dropped when it moves to its real topic. */
  DUE_AT: '__HANGAR_DUE_AT',
} as const;

/** Keys a producer may not set as user properties (RocketMQ's reserved names plus the ones above). */
const RESERVED = new Set<string>([
  ...Object.values(Prop),
  'KEYS', 'TAGS', 'WAIT', 'DELAY', 'UNIQ_KEY', 'PGROUP', 'MIN_OFFSET', 'MAX_OFFSET', 'BUYER_ID', 'RECONSUME_TIME',
  'MSG_REGION', 'TRACE_ON', 'CORRECTION_FLAG', 'MQ2_FLAG', 'CLUSTER', 'INSTANCE_ID', 'TIMER_DELIVER_MS',
  'TIMER_DELAY_SEC', 'TIMER_DELAY_MS', 'TIMER_OUT_MS', 'TIMER_ENQUEUE_MS', 'TIMER_DEQUEUE_MS', 'TIMER_ROLL_TIMES',
  'TIMER_DEL_UNIQKEY', 'CHECK_IMMUNITY_TIME_IN_SECONDS', 'TRANSACTION_CHECK_TIMES', 'POP_CK', 'POP_CK_OFFSET',
  '1ST_POP_TIME', 'SHARDING_KEY', '__SHARDING_KEY', 'UNIQ_CLIENT_MESSAGE_ID_KEYIDX', 'INNER_MULTI_DISPATCH',
  'INNER_MULTI_QUEUE_OFFSET', 'INNER_NUM',
]);

export const isReservedProperty = (key: string): boolean => RESERVED.has(key) || key.startsWith('__HANGAR_');

/** A stored message's properties minus the reserved ones (the engine's and those 4.x producers set). */
export const userPropertiesOf = (props: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k in props) if (!isReservedProperty(k)) out[k] = props[k]!;
  return out;
};

/** Copy of props without the keys given. */
export const withoutProps = (props: Record<string, string>, keys: readonly string[]): Record<string, string> => {
  const out = { ...props };
  for (const k of keys) delete out[k];
  return out;
};

export const messageGroupOf = (m: StoredMessage): string | undefined => m.properties[Prop.MESSAGE_GROUP] || undefined;

export const deliverAtOf = (m: StoredMessage): number | undefined => {
  const v = m.properties[Prop.DELIVER_AT];
  return v === undefined ? undefined : Number(v);
};

/** RocketMQ derives the type from the properties a message carries; so do we. */
export const messageTypeOf = (m: StoredMessage): MessageType => {
  const p = m.properties;
  if (p[Prop.TRAN_MSG] === 'true') return 'TRANSACTION';
  if (p[Prop.MESSAGE_GROUP]) return 'FIFO';
  if (p[Prop.DELIVER_AT] !== undefined) return 'DELAY';
  return 'NORMAL';
};

/** Topic the producer sent to: retry and dead-letter copies remember it. */
export const originTopicOf = (m: StoredMessage): string =>
  m.properties[Prop.RETRY_TOPIC] ?? m.topic;
