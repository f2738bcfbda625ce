// Request, response and language codes of the 4.x remoting protocol (apache/rocketmq RequestCode, ResponseCode,
// LanguageCode). Only codes Hangar answers or sends are named; unknown ones are answered REQUEST_CODE_NOT_SUPPORTED.

export const RequestCode = {
  SEND_MESSAGE: 10,
  PULL_MESSAGE: 11,
  QUERY_MESSAGE: 12,
  QUERY_CONSUMER_OFFSET: 14,
  UPDATE_CONSUMER_OFFSET: 15,
  UPDATE_AND_CREATE_TOPIC: 17,
  GET_BROKER_RUNTIME_INFO: 28,
  SEARCH_OFFSET_BY_TIMESTAMP: 29,
  GET_MAX_OFFSET: 30,
  GET_MIN_OFFSET: 31,
  GET_EARLIEST_MSG_STORETIME: 32,
  VIEW_MESSAGE_BY_ID: 33,
  HEART_BEAT: 34,
  UNREGISTER_CLIENT: 35,
  CONSUMER_SEND_MSG_BACK: 36,
  END_TRANSACTION: 37,
  GET_CONSUMER_LIST_BY_GROUP: 38,
  CHECK_TRANSACTION_STATE: 39,
  NOTIFY_CONSUMER_IDS_CHANGED: 40,
  /** Broker → consumer: consume this one message now and say how it went (console "verify consumption"). */
  CONSUME_MESSAGE_DIRECTLY: 309,
  LOCK_BATCH_MQ: 41,
  UNLOCK_BATCH_MQ: 42,
  CHECK_CLIENT_CONFIG: 46,
  GET_KV_CONFIG: 101,
  REGISTER_BROKER: 103,
  UNREGISTER_BROKER: 104,
  GET_ROUTEINFO_BY_TOPIC: 105,
  GET_BROKER_CLUSTER_INFO: 106,
  GET_ALL_TOPIC_LIST_FROM_NAMESERVER: 206,
  GET_KV_CONFIG_BY_VALUE: 217,
  SEND_MESSAGE_V2: 310,
  SEND_BATCH_MESSAGE: 320,
} as const;

export type RequestCodeName = keyof typeof RequestCode;

export const ResponseCode = {
  SUCCESS: 0,
  SYSTEM_ERROR: 1,
  SYSTEM_BUSY: 2,
  REQUEST_CODE_NOT_SUPPORTED: 3,
  FLUSH_DISK_TIMEOUT: 10,
  SLAVE_NOT_AVAILABLE: 11,
  FLUSH_SLAVE_TIMEOUT: 12,
  MESSAGE_ILLEGAL: 13,
  SERVICE_NOT_AVAILABLE: 14,
  VERSION_NOT_SUPPORTED: 15,
  NO_PERMISSION: 16,
  TOPIC_NOT_EXIST: 17,
  TOPIC_EXIST_ALREADY: 18,
  PULL_NOT_FOUND: 19,
  PULL_RETRY_IMMEDIATELY: 20,
  PULL_OFFSET_MOVED: 21,
  QUERY_NOT_FOUND: 22,
  SUBSCRIPTION_PARSE_FAILED: 23,
  SUBSCRIPTION_NOT_EXIST: 24,
  SUBSCRIPTION_NOT_LATEST: 25,
  SUBSCRIPTION_GROUP_NOT_EXIST: 26,
  TRANSACTION_SHOULD_COMMIT: 200,
  TRANSACTION_SHOULD_ROLLBACK: 201,
  TRANSACTION_STATE_UNKNOW: 202,
  TRANSACTION_STATE_GROUP_WRONG: 203,
  NO_BUYER_ID: 204,
  NOT_IN_CURRENT_UNIT: 205,
  CONSUMER_NOT_ONLINE: 206,
  CONSUME_MSG_TIMEOUT: 207,
} as const;

/** LanguageCode ordinals, used by the binary header (one byte). The JSON header carries the name. */
export const LANGUAGES = [
  'JAVA', 'CPP', 'DOTNET', 'PYTHON', 'DELPHI', 'ERLANG', 'RUBY', 'OTHER', 'HTTP', 'GO', 'PHP', 'OMS', 'RUST', 'NODE_JS',
] as const;

export const languageCodeOf = (name: string): number => {
  const i = (LANGUAGES as readonly string[]).indexOf(name);
  return i < 0 ? LANGUAGES.indexOf('OTHER') : i;
};

export const languageNameOf = (code: number): string => LANGUAGES[code] ?? 'OTHER';

/** Header `flag` bits. */
export const FLAG_RESPONSE = 1;
export const FLAG_ONEWAY = 2;

/** Frame serialize types (high byte of the second int32). */
export const SERIALIZE_JSON = 0;
export const SERIALIZE_ROCKETMQ = 1;
export type SerializeType = typeof SERIALIZE_JSON | typeof SERIALIZE_ROCKETMQ;
