// Translation between a 4.x message (send header properties + body, stored-message record) and the engine's
// protocol-neutral message. 4.x system properties that only steer the send (WAIT, DELAY, TIMER_*, ...) are turned
// into neutral fields and not stored; what a 5.x reader must see (tag, keys, message group, delivery time) is.

import { inflateSync } from 'node:zlib';
import { KEY_SEPARATOR, Prop as P, type MessageType, type StoredMessage } from '../../engine/index.js';
import { ResponseCode } from './codes.js';
import { delayLevelToMs } from './delay-level.js';
import type { HostAddress } from './host.js';
import { MessageSysFlag } from './message-sys-flag.js';
import { RequestRejected } from './reply-error.js';
import type { MessageExt } from './stored-message.js';

/** Properties that steer the send or describe the request, never stored as user properties. */
const SEND_ONLY = new Set<string>([
  P.WAIT, P.DELAY, P.TIMER_DELIVER_MS, P.TIMER_DELAY_SEC, P.TIMER_DELAY_MS, P.DELIVER_AT, P.TAGS, P.KEYS,
  P.UNIQ_KEY, P.TRAN_MSG, P.MIN_OFFSET, P.MAX_OFFSET, P.MSG_REGION, P.TRACE_ON, P.CLUSTER,
  P.TRANSACTION_ID, P.MESSAGE_GROUP, P.MESSAGE_GROUP_ONS, P.REAL_TOPIC, P.REAL_QID, 'TIMER_OUT_MS', 'TIMER_ENQUEUE_MS',
  'TIMER_DEQUEUE_MS', 'TIMER_ROLL_TIMES', 'INSTANCE_ID', 'CORRECTION_FLAG', 'MQ2_FLAG', 'BUYER_ID', 'POP_CK',
  'POP_CK_OFFSET', '1ST_POP_TIME', 'INNER_NUM', 'INNER_MULTI_DISPATCH', 'INNER_MULTI_QUEUE_OFFSET', 'TRANSACTION_CHECK_TIMES',
]);

export interface IncomingMessage {
  topic: string;
  /** Plain body (inflated when the client compressed it). */
  body: Buffer;
  /** UNIQ_KEY of the producer when it set one. */
  uniqueKey?: string;
  tag?: string;
  keys: string[];
  /** User properties plus the 4.x bookkeeping properties a retry keeps (RETRY_TOPIC, ORIGIN_MESSAGE_ID, ...). */
  properties: Record<string, string>;
  messageGroup?: string;
  deliveryTimestamp?: number;
  messageType: MessageType;
  flag: number;
  /** sysFlag without the compression and transaction bits (the stored body is plain). */
  sysFlag: number;
  reconsumeTimes: number;
  bornTimestamp: number;
  producerGroup: string;
}

const inflate = (body: Buffer, sysFlag: number): Buffer => {
  if ((sysFlag & MessageSysFlag.COMPRESSED) === 0) return body;
  if ((sysFlag & MessageSysFlag.COMPRESSION_TYPE_MASK) !== 0) {
    throw new RequestRejected(ResponseCode.MESSAGE_ILLEGAL, 'only zlib-compressed bodies are supported');
  }
  try {
    return inflateSync(body);
  } catch (e) {
    throw new RequestRejected(ResponseCode.MESSAGE_ILLEGAL, `compressed body cannot be inflated: ${(e as Error).message}`);
  }
};

const positiveInt = (v: string | undefined): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
};

/** Delivery time asked for by any of the 4.x spellings (delay level, ONS start time, 5.x timer properties). */
export const deliveryTimestampOf = (props: Record<string, string>, now: number): number | undefined => {
  const at = positiveInt(props[P.DELIVER_AT]) ?? positiveInt(props[P.TIMER_DELIVER_MS]);
  if (at !== undefined) return at;
  const sec = positiveInt(props[P.TIMER_DELAY_SEC]);
  if (sec !== undefined) return now + sec * 1000;
  const ms = positiveInt(props[P.TIMER_DELAY_MS]);
  if (ms !== undefined) return now + ms;
  const level = positiveInt(props[P.DELAY]);
  return level === undefined ? undefined : now + delayLevelToMs(level);
};

export interface SendFields {
  topic: string;
  producerGroup: string;
  sysFlag: number;
  flag: number;
  bornTimestamp: number;
  reconsumeTimes: number;
  properties: Record<string, string>;
}

export const incomingFromSend = (h: SendFields, body: Buffer, now: number): IncomingMessage => {
  const props = h.properties;
  const plain = inflate(body, h.sysFlag);
  const properties: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) if (!SEND_ONLY.has(k)) properties[k] = v;
  const deliveryTimestamp = deliveryTimestampOf(props, now);
  const transactional = props[P.TRAN_MSG] === 'true' || (h.sysFlag & MessageSysFlag.TRANSACTION_PREPARED_TYPE) !== 0;
  // Apache clients name the message group __SHARDINGKEY, ali-ons __SHARDING_KEY.
  const messageGroup = props[P.MESSAGE_GROUP] || props[P.MESSAGE_GROUP_ONS] || undefined;
  const keys = (props[P.KEYS] ?? '').split(KEY_SEPARATOR).filter((k) => k !== '');
  return {
    topic: h.topic,
    body: plain,
    uniqueKey: props[P.UNIQ_KEY] || undefined,
    tag: props[P.TAGS] || undefined,
    keys,
    properties,
    messageGroup,
    deliveryTimestamp: deliveryTimestamp !== undefined && deliveryTimestamp > now ? deliveryTimestamp : undefined,
    messageType: transactional ? 'TRANSACTION' : messageGroup ? 'FIFO' : deliveryTimestamp !== undefined && deliveryTimestamp > now ? 'DELAY' : 'NORMAL',
    flag: h.flag,
    sysFlag: h.sysFlag & ~(MessageSysFlag.COMPRESSED | MessageSysFlag.COMPRESSION_TYPE_MASK | MessageSysFlag.TRANSACTION_ROLLBACK_TYPE
      | MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6),
    reconsumeTimes: h.reconsumeTimes,
    bornTimestamp: h.bornTimestamp,
    producerGroup: h.producerGroup,
  };
};

export interface ExtView {
  /** Topic and 4.x queue id the client pulled from (the stored record holds the store's queue id). */
  topic: string;
  queueId: number;
  storeHost: HostAddress;
  /** Used when the stored message has no born host (sent by a 5.x client without one). */
  fallbackBornHost: HostAddress;
}

const hostFrom = (s: string | undefined, fallback: HostAddress): HostAddress => {
  if (!s) return fallback;
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(s);
  if (!m) return fallback;
  const ip = m[1]!.replace(/^::ffff:/i, '');
  // 4.x readers (ali-ons) cannot read IPv6 born hosts; keep IPv4 or fall back.
  return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? { ip, port: Number(m[2]) } : fallback;
};

/** The stored message as a 4.x client reads it from a pull, a view-by-id or a query. */
export const messageExtOf = (m: StoredMessage, view: ExtView): MessageExt => {
  const properties: Record<string, string> = { ...m.properties };
  if (m.tag) properties[P.TAGS] = m.tag;
  if (m.keys.length > 0) properties[P.KEYS] = m.keys.join(KEY_SEPARATOR);
  properties[P.UNIQ_KEY] = m.messageId;
  delete properties[P.LEGACY_RETRY_AT];
  return {
    topic: view.topic,
    queueId: view.queueId,
    flag: m.flag,
    queueOffset: m.queueOffset,
    commitLogOffset: m.commitLogOffset,
    sysFlag: m.sysFlag & ~(MessageSysFlag.COMPRESSED | MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6),
    bornTimestamp: m.bornTimestamp,
    bornHost: hostFrom(m.bornHost, view.fallbackBornHost),
    storeTimestamp: m.storeTimestamp,
    storeHost: view.storeHost,
    reconsumeTimes: m.reconsumeTimes,
    preparedTransactionOffset: 0,
    body: m.body,
    properties,
  };
};
