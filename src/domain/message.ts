// Messages as the control plane sees them: what a query asks a broker for, a stored message as both dialects show it,
// an API send, a dead-letter resend, an offset reset and a consume verification. Shared with the broker through the
// admin contract; no cloud's spelling here.

/** How `MessageView.body` is written: the bytes as UTF-8 text when they are valid UTF-8, else base64. */
export type BodyEncoding = 'text' | 'base64';

/** Bytes of body a listing carries per message (the detail carries the whole body). */
export const LISTING_BODY_BYTES = 4096;

/** Most messages one query page returns; bounds a broker's work per request. */
export const MAX_QUERY_PAGE = 100;

/** Messages a key query collects before paging (the key index is read no further). */
export const MAX_KEY_MATCHES = 1000;

export interface MessageQuery {
  /** One message by id (every other filter but the topic is ignored). */
  messageId?: string;
  /** Messages carrying this key, newest first. */
  key?: string;
  /** Store time window, inclusive, ms since the epoch. */
  beginMs?: number;
  endMs?: number;
  /** Only this queue of the topic (on one broker, or on each when brokerName is absent). */
  queue?: { brokerName?: string; queueId: number };
  /** Messages to skip and to return. */
  offset: number;
  limit: number;
  /** Bytes of body per message; the whole body when absent. */
  maxBodyBytes?: number;
}

export interface MessageView {
  messageId: string;
  topic: string;
  /** The topic the producer sent it to (differs for retry and dead-letter copies). */
  originTopic: string;
  brokerName: string;
  queueId: number;
  queueOffset: number;
  messageType: 'NORMAL' | 'FIFO' | 'DELAY' | 'TRANSACTION';
  tag?: string;
  keys: string[];
  messageGroup?: string;
  deliveryTimestamp?: number;
  userProperties: Record<string, string>;
  /** Every stored property that is not a user property (RocketMQ's names). */
  systemProperties: Record<string, string>;
  body: string;
  bodyEncoding: BodyEncoding;
  /** Size of the whole body in bytes (body may hold less: a listing's first 4 KiB). */
  bodySize: number;
  bodyTruncated: boolean;
  bodyCrc: number;
  storeSize: number;
  bornHost: string;
  bornTimestamp: number;
  storeHost: string;
  storeTimestamp: number;
  reconsumeTimes: number;
}

export interface MessagePage {
  /** Messages matching the query (before offset and limit). */
  total: number;
  messages: MessageView[];
}

/** A message sent through the management API. */
export interface ApiMessage {
  body: string;
  tag?: string;
  keys?: string[];
  messageGroup?: string;
  /** Absolute delivery time (ms) of a delay message. */
  deliveryTimestamp?: number;
  userProperties?: Record<string, string>;
}

export interface ApiSendResult {
  messageId: string;
  brokerName: string;
  queueId: number;
  queueOffset: number;
}

/** Where a reset moves a group's offsets on one topic. */
export type ResetTarget = { kind: 'earliest' } | { kind: 'latest' } | { kind: 'time'; timestampMs: number } | { kind: 'offset'; offset: number };

export interface QueueReset {
  brokerName: string;
  queueId: number;
  offset: number;
}

/** Outcome of re-sending one message; `error` when it could not be. */
export interface ResendResult {
  messageId: string;
  error?: { code: 'MessageNotFound' | 'ClientUnreachable' | 'ClientRefused'; message: string };
}

/** What a client said to a verify-consume command. */
export interface VerifyOutcome {
  /** The client consumed the message. */
  consumed: boolean;
  /** Its answer in words ("NOT_IMPLEMENTED", "client cannot be reached", …). */
  answer: string;
}
