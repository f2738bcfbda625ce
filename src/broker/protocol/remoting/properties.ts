// The 4.x message properties string: name \u0001 value \u0002, repeated (Java and ali-ons both end with \u0002).

export const NAME_VALUE_SEPARATOR = '\u0001';
export const PROPERTY_SEPARATOR = '\u0002';

/** Well-known property names of 4.x messages (MessageConst). */
export const MessageProperty = {
  TAGS: 'TAGS',
  KEYS: 'KEYS',
  WAIT: 'WAIT',
  DELAY: 'DELAY',
  UNIQ_KEY: 'UNIQ_KEY',
  RETRY_TOPIC: 'RETRY_TOPIC',
  REAL_TOPIC: 'REAL_TOPIC',
  REAL_QID: 'REAL_QID',
  TRAN_MSG: 'TRAN_MSG',
  PGROUP: 'PGROUP',
  MIN_OFFSET: 'MIN_OFFSET',
  MAX_OFFSET: 'MAX_OFFSET',
  ORIGIN_MESSAGE_ID: 'ORIGIN_MESSAGE_ID',
  RECONSUME_TIME: 'RECONSUME_TIME',
  MAX_RECONSUME_TIMES: 'MAX_RECONSUME_TIMES',
  SHARDING_KEY: '__SHARDING_KEY',
  START_DELIVER_TIME: '__STARTDELIVERTIME',
  TIMER_DELIVER_MS: 'TIMER_DELIVER_MS',
  TIMER_DELAY_SEC: 'TIMER_DELAY_SEC',
  TIMER_DELAY_MS: 'TIMER_DELAY_MS',
  TRANSACTION_ID: '__transactionId__',
  CHECK_IMMUNITY_TIME: 'CHECK_IMMUNITY_TIME_IN_SECONDS',
  CLUSTER: 'CLUSTER',
  MSG_REGION: 'MSG_REGION',
  TRACE_ON: 'TRACE_ON',
  KEY_SEPARATOR: ' ',
} as const;

export const encodeProperties = (props: Record<string, string>): string => {
  let s = '';
  for (const [k, v] of Object.entries(props)) s += k + NAME_VALUE_SEPARATOR + v + PROPERTY_SEPARATOR;
  return s;
};

/** Like Java's string2messageProperties: items without a name/value separator are skipped. */
export const decodeProperties = (s: string): Record<string, string> => {
  const props: Record<string, string> = {};
  if (!s) return props;
  for (const item of s.split(PROPERTY_SEPARATOR)) {
    const i = item.indexOf(NAME_VALUE_SEPARATOR);
    if (i <= 0) continue;
    props[item.slice(0, i)] = item.slice(i + 1);
  }
  return props;
};
