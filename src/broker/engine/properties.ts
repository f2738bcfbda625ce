// Names of the system properties the engine stores with a message (RocketMQ MessageConst spelling, so 4.x
// readers of the same store see what they expect), and the split between user and system properties.
import type { StoredMessage } from '../storage/types.js';
import type { MessageType } from './types.js';

/** RocketMQ's property names (MessageConst) and the engine's own: the one table both protocols use. */
export const Prop = {
  TAGS: 'TAGS',
  KEYS: 'KEYS',
  WAIT: 'WAIT',
  DELAY: 'DELAY',
  UNIQ_KEY: 'UNIQ_KEY',
  PGROUP: 'PGROUP',
  MIN_OFFSET: 'MIN_OFFSET',
  MAX_OFFSET: 'MAX_OFFSET',
  RECONSUME_TIME: 'RECONSUME_TIME',
  MSG_REGION: 'MSG_REGION',
  TRACE_ON: 'TRACE_ON',
  CLUSTER: 'CLUSTER',
  /** Message group of a FIFO message (Apache RocketMQ 5, also what 4.x Java clients set). */
  MESSAGE_GROUP: '__SHARDINGKEY',
  /** The message group as ali-ons spells it; stored as MESSAGE_GROUP. */
  MESSAGE_GROUP_ONS: '__SHARDING_KEY',
  DELIVER_AT: '__STARTDELIVERTIME',
  TIMER_DELIVER_MS: 'TIMER_DELIVER_MS',
  TIMER_DELAY_SEC: 'TIMER_DELAY_SEC',
  TIMER_DELAY_MS: 'TIMER_DELAY_MS',
  CHECK_IMMUNITY_TIME: 'CHECK_IMMUNITY_TIME_IN_SECONDS',
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
  /** Due time of a 4.x retry copy written before retries went through the scheduler (still honoured on old data). */
  LEGACY_RETRY_AT: '__HANGAR_RETRY_AT',
} as const;

/** Separator of the keys in the KEYS property. */
export const KEY_SEPARATOR = ' ';

/** Keys a producer may not set as user properties (RocketMQ's reserved names plus the ones above). */
const RESERVED = new Set<string>([
  ...Object.values(Prop),
  'BUYER_ID', 'CORRECTION_FLAG', 'MQ2_FLAG', 'INSTANCE_ID', 'TIMER_OUT_MS', 'TIMER_ENQUEUE_MS', 'TIMER_DEQUEUE_MS',
  'TIMER_ROLL_TIMES', 'TIMER_DEL_UNIQKEY', 'TRANSACTION_CHECK_TIMES', 'POP_CK', 'POP_CK_OFFSET', '1ST_POP_TIME',
  'SHARDING_KEY', 'UNIQ_CLIENT_MESSAGE_ID_KEYIDX', 'INNER_MULTI_DISPATCH', 'INNER_MULTI_QUEUE_OFFSET', 'INNER_NUM',
]);

/** System properties a 4.x producer or consumer sets that are stored as they are (a retry's origin, the producer group). */
const KEPT_SYSTEM = new Set<string>([
  Prop.RETRY_TOPIC, Prop.ORIGIN_MESSAGE_ID, Prop.RECONSUME_TIME, Prop.MAX_RECONSUME_TIMES, Prop.PGROUP, 'BUYER_ID',
  'CORRECTION_FLAG', 'MQ2_FLAG', 'INSTANCE_ID',
]);

/** The reserved properties of a 4.x message that are kept; everything else reserved steers the send or is the engine's. */
export const keptSystemProperties = (props: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k in props) if (KEPT_SYSTEM.has(k)) out[k] = props[k]!;
  return out;
};

export const isReservedProperty = (key: string): boolean => RESERVED.has(key) || key.startsWith('__HANGAR_');

/**
 * Properties a consumer does not see among a message's user properties: Apache RocketMQ's system keys
 * (MessageConst.STRING_HASH_SET, what its proxy strips) and the engine's own bookkeeping. What Apache shows, a 5.x
 * consumer sees here too: the message group (__SHARDINGKEY), a committed transaction's id, a dead letter's origin.
 */
const HIDDEN = new Set<string>([
  Prop.TRACE_ON, Prop.MSG_REGION, Prop.KEYS, Prop.TAGS, Prop.WAIT, Prop.DELAY, Prop.RETRY_TOPIC, Prop.REAL_TOPIC,
  Prop.REAL_QID, Prop.TRAN_MSG, Prop.PGROUP, Prop.MIN_OFFSET, Prop.MAX_OFFSET, 'BUYER_ID', Prop.ORIGIN_MESSAGE_ID,
  'TRANSFER_FLAG', 'CORRECTION_FLAG', 'MQ2_FLAG', Prop.RECONSUME_TIME, Prop.UNIQ_KEY, Prop.MAX_RECONSUME_TIMES,
  'CONSUME_START_TIME', 'POP_CK', 'POP_CK_OFFSET', '1ST_POP_TIME', 'TRAN_PREPARED_QUEUE_OFFSET', 'DUP_INFO',
  'EXTEND_UNIQ_INFO', 'INSTANCE_ID', 'CORRELATION_ID', 'REPLY_TO_CLIENT', 'TTL', 'ARRIVE_TIME', 'PUSH_REPLY_TIME',
  Prop.CLUSTER, 'MSG_TYPE', 'INNER_MULTI_QUEUE_OFFSET', Prop.TIMER_DELAY_SEC, Prop.TIMER_DELIVER_MS, 'TIMER_ENQUEUE_MS',
  'TIMER_DEQUEUE_MS', 'TIMER_ROLL_TIMES', 'TIMER_OUT_MS', 'TIMER_DEL_UNIQKEY', 'TIMER_DELAY_LEVEL', '__BORNHOST',
  'BORN_TIMESTAMP',
  // Carried in the 5.x system properties instead (delivery_timestamp, trace_context).
  Prop.DELIVER_AT, Prop.TRACE_CONTEXT,
]);

/** A stored message's properties as a consumer's user properties. */
export const userPropertiesOf = (props: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k in props) if (!HIDDEN.has(k) && !k.startsWith('__HANGAR_')) out[k] = props[k]!;
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
