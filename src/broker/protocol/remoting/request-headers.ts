// Typed views of the extFields of the requests Hangar serves. Java sends every value as a string, ali-ons sends
// numbers and booleans (normalised to strings by the header decoder); both spellings of SEND_MESSAGE (long names
// for code 10, single letters a..n for code 310) map to one SendMessageHeader.

import { ResponseCode } from './codes.js';
import { decodeProperties } from './properties.js';
import { RequestRejected, illegalField } from './reply-error.js';

type Ext = Record<string, string>;

const str = (ext: Ext, key: string): string => {
  const v = ext[key];
  if (v === undefined || v === '') throw new RequestRejected(ResponseCode.SYSTEM_ERROR, `the custom field <${key}> is null`);
  return v;
};

const optStr = (ext: Ext, key: string): string | undefined => {
  const v = ext[key];
  return v === undefined || v === '' ? undefined : v;
};

const int = (ext: Ext, key: string): number => {
  const v = str(ext, key);
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw illegalField(key, `is not an integer: ${v}`);
  return Number(v);
};

const optInt = (ext: Ext, key: string, fallback: number): number => (optStr(ext, key) === undefined ? fallback : int(ext, key));

const bool = (ext: Ext, key: string): boolean => ext[key] === 'true';

export interface SendMessageHeader {
  producerGroup: string;
  topic: string;
  defaultTopic: string;
  defaultTopicQueueNums: number;
  /** Queue the client chose (4.x clients pick the queue; -1 or absent lets the broker choose). */
  queueId: number;
  sysFlag: number;
  bornTimestamp: number;
  flag: number;
  properties: Record<string, string>;
  reconsumeTimes: number;
  unitMode: boolean;
  batch: boolean;
  maxReconsumeTimes?: number;
  brokerName?: string;
}

const V2_NAMES: Readonly<Record<string, string>> = {
  a: 'producerGroup', b: 'topic', c: 'defaultTopic', d: 'defaultTopicQueueNums', e: 'queueId', f: 'sysFlag',
  g: 'bornTimestamp', h: 'flag', i: 'properties', j: 'reconsumeTimes', k: 'unitMode', l: 'maxReconsumeTimes',
  m: 'batch', n: 'brokerName',
};

/** SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE letters → SEND_MESSAGE names. */
export const expandSendV2 = (ext: Ext): Ext => {
  const out: Ext = {};
  for (const [k, v] of Object.entries(ext)) out[V2_NAMES[k] ?? k] = v;
  return out;
};

export const parseSendMessageHeader = (ext: Ext, v2: boolean): SendMessageHeader => {
  const e = v2 ? expandSendV2(ext) : ext;
  const maxReconsume = optStr(e, 'maxReconsumeTimes');
  return {
    producerGroup: optStr(e, 'producerGroup') ?? '',
    topic: str(e, 'topic'),
    defaultTopic: optStr(e, 'defaultTopic') ?? 'TBW102',
    defaultTopicQueueNums: optInt(e, 'defaultTopicQueueNums', 4),
    queueId: optInt(e, 'queueId', -1),
    sysFlag: optInt(e, 'sysFlag', 0),
    bornTimestamp: optInt(e, 'bornTimestamp', Date.now()),
    flag: optInt(e, 'flag', 0),
    properties: decodeProperties(e.properties ?? ''),
    reconsumeTimes: optInt(e, 'reconsumeTimes', 0),
    unitMode: bool(e, 'unitMode'),
    batch: bool(e, 'batch'),
    maxReconsumeTimes: maxReconsume === undefined ? undefined : int(e, 'maxReconsumeTimes'),
    brokerName: optStr(e, 'brokerName'),
  };
};

export interface PullMessageHeader {
  consumerGroup: string;
  topic: string;
  queueId: number;
  queueOffset: number;
  maxMsgNums: number;
  sysFlag: number;
  commitOffset: number;
  suspendTimeoutMillis: number;
  subscription?: string;
  subVersion: number;
  expressionType?: string;
}

export const parsePullMessageHeader = (e: Ext): PullMessageHeader => ({
  consumerGroup: str(e, 'consumerGroup'),
  topic: str(e, 'topic'),
  queueId: int(e, 'queueId'),
  queueOffset: int(e, 'queueOffset'),
  maxMsgNums: optInt(e, 'maxMsgNums', 32),
  sysFlag: optInt(e, 'sysFlag', 0),
  commitOffset: optInt(e, 'commitOffset', 0),
  suspendTimeoutMillis: optInt(e, 'suspendTimeoutMillis', 0),
  subscription: optStr(e, 'subscription'),
  subVersion: optInt(e, 'subVersion', 0),
  expressionType: optStr(e, 'expressionType'),
});

export interface QueueHeader {
  topic: string;
  queueId: number;
}

export const parseQueueHeader = (e: Ext): QueueHeader => ({ topic: str(e, 'topic'), queueId: int(e, 'queueId') });

export interface ConsumerOffsetHeader extends QueueHeader {
  consumerGroup: string;
}

export const parseQueryConsumerOffsetHeader = (e: Ext): ConsumerOffsetHeader => ({ ...parseQueueHeader(e), consumerGroup: str(e, 'consumerGroup') });

export interface UpdateConsumerOffsetHeader extends ConsumerOffsetHeader {
  commitOffset: number;
}

export const parseUpdateConsumerOffsetHeader = (e: Ext): UpdateConsumerOffsetHeader => ({
  ...parseQueryConsumerOffsetHeader(e),
  commitOffset: int(e, 'commitOffset'),
});

export const parseSearchOffsetHeader = (e: Ext): QueueHeader & { timestamp: number } => ({ ...parseQueueHeader(e), timestamp: int(e, 'timestamp') });

export interface ConsumerSendMsgBackHeader {
  /** PHYSICALOFFSET of the failed message as the client received it. */
  offset: number;
  group: string;
  delayLevel: number;
  originMsgId?: string;
  originTopic?: string;
  unitMode: boolean;
  maxReconsumeTimes?: number;
}

export const parseConsumerSendMsgBackHeader = (e: Ext): ConsumerSendMsgBackHeader => ({
  offset: int(e, 'offset'),
  group: str(e, 'group'),
  delayLevel: optInt(e, 'delayLevel', 0),
  originMsgId: optStr(e, 'originMsgId'),
  originTopic: optStr(e, 'originTopic'),
  unitMode: bool(e, 'unitMode'),
  maxReconsumeTimes: optStr(e, 'maxReconsumeTimes') === undefined ? undefined : int(e, 'maxReconsumeTimes'),
});

/** commitOrRollback values (MessageSysFlag transaction types). */
export const TRANSACTION_NOT_TYPE = 0;
export const TRANSACTION_COMMIT_TYPE = 8;
export const TRANSACTION_ROLLBACK_TYPE = 12;

export interface EndTransactionHeader {
  producerGroup: string;
  tranStateTableOffset: number;
  commitLogOffset: number;
  commitOrRollback: number;
  fromTransactionCheck: boolean;
  msgId: string;
  transactionId?: string;
}

export const parseEndTransactionHeader = (e: Ext): EndTransactionHeader => ({
  producerGroup: optStr(e, 'producerGroup') ?? '',
  tranStateTableOffset: optInt(e, 'tranStateTableOffset', 0),
  commitLogOffset: optInt(e, 'commitLogOffset', 0),
  commitOrRollback: int(e, 'commitOrRollback'),
  fromTransactionCheck: bool(e, 'fromTransactionCheck'),
  msgId: optStr(e, 'msgId') ?? '',
  transactionId: optStr(e, 'transactionId'),
});

export interface QueryMessageHeader {
  topic: string;
  key: string;
  maxNum: number;
  beginTimestamp: number;
  endTimestamp: number;
}

export const parseQueryMessageHeader = (e: Ext): QueryMessageHeader => ({
  topic: str(e, 'topic'),
  key: str(e, 'key'),
  maxNum: optInt(e, 'maxNum', 32),
  beginTimestamp: optInt(e, 'beginTimestamp', 0),
  endTimestamp: optInt(e, 'endTimestamp', Number.MAX_SAFE_INTEGER),
});

export { str as requiredField, optStr as optionalField, int as intField };
