// Converts between the wire Message of RocketMQ 5 and the engine's protocol-neutral shapes. Bodies pass through as
// Buffer views (never re-encoded); the digest the client insists on is a CRC-32 computed natively.
import { crc32, gunzipSync } from 'node:zlib';
import {
  EngineError,
  type Delivery,
  type MessageType,
  type OutgoingMessage,
} from '../../engine/index.js';
import { messageTypeOf, userPropertiesOf, Prop, type StoredMessage } from '../../engine/index.js';
import { timestampMs, toDuration, toTimestamp, type Digest, type Message, type SystemProperties } from './wire.js';

const MESSAGE_TYPES = new Set<MessageType>(['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION']);

/** A SendMessage entry as the engine takes it (the engine checks it). Throws EngineError for what cannot be read. */
export const toOutgoing = (m: Message, now: number): OutgoingMessage => {
  const sp = m.system_properties;
  const topic = m.topic?.name;
  if (!topic) throw new EngineError('ILLEGAL_TOPIC', 'message has no topic');
  if (!sp) throw new EngineError('BAD_REQUEST', 'message has no system properties');
  let body = m.body ?? Buffer.alloc(0);
  if (sp.body_encoding === 'GZIP') {
    try {
      body = gunzipSync(body);
    } catch (e) {
      throw new EngineError('BAD_REQUEST', 'body is marked GZIP but does not inflate', { cause: e });
    }
  }
  const deliveryTimestamp = timestampMs(sp.delivery_timestamp);
  let type = sp.message_type as MessageType | undefined;
  if (type === undefined || !MESSAGE_TYPES.has(type)) {
    if (sp.message_type !== undefined && sp.message_type !== 'MESSAGE_TYPE_UNSPECIFIED') {
      throw new EngineError('BAD_REQUEST', `message type ${sp.message_type} is not supported`);
    }
    type = sp.message_group ? 'FIFO' : deliveryTimestamp !== undefined ? 'DELAY' : 'NORMAL';
  }
  const out: OutgoingMessage = {
    topic,
    body,
    messageId: sp.message_id ?? '',
    messageType: type,
    bornTimestamp: timestampMs(sp.born_timestamp) ?? now,
  };
  if (sp.tag) out.tag = sp.tag;
  if (sp.keys && sp.keys.length > 0) out.keys = sp.keys;
  if (m.user_properties && Object.keys(m.user_properties).length > 0) out.userProperties = m.user_properties;
  if (sp.message_group) out.messageGroup = sp.message_group;
  if (deliveryTimestamp !== undefined) out.deliveryTimestamp = deliveryTimestamp;
  if (sp.born_host) out.bornHost = sp.born_host;
  if (sp.trace_context) out.traceContext = sp.trace_context;
  return out;
};

const bodyDigest = (body: Buffer): Digest => ({ type: 'CRC32', checksum: String(crc32(body)) });

const baseSystemProperties = (m: StoredMessage, storeHost: string): SystemProperties => {
  const sp: SystemProperties = {
    keys: m.keys ?? [],
    message_id: m.messageId,
    body_digest: bodyDigest(m.body),
    body_encoding: 'IDENTITY',
    message_type: messageTypeOf(m),
    born_timestamp: toTimestamp(m.bornTimestamp),
    born_host: m.bornHost ?? '',
    store_timestamp: toTimestamp(m.storeTimestamp),
    store_host: storeHost,
  };
  if (m.tag !== undefined) sp.tag = m.tag;
  const group = m.properties[Prop.MESSAGE_GROUP];
  if (group) sp.message_group = group;
  const at = m.properties[Prop.DELIVER_AT];
  if (at !== undefined) sp.delivery_timestamp = toTimestamp(Number(at));
  const trace = m.properties[Prop.TRACE_CONTEXT];
  if (trace) sp.trace_context = trace;
  return sp;
};

/** A delivered message as ReceiveMessage streams it. */
export const fromDelivery = (d: Delivery, storeHost: string): Message => {
  const sp = baseSystemProperties(d.message, storeHost);
  sp.message_type = d.messageType;
  sp.receipt_handle = d.receiptHandle;
  sp.queue_id = d.queueId;
  sp.queue_offset = d.queueOffset;
  sp.invisible_duration = toDuration(d.invisibleMs);
  sp.delivery_attempt = d.deliveryAttempt;
  return {
    topic: { name: d.topic, resource_namespace: '' },
    user_properties: d.userProperties,
    system_properties: sp,
    body: d.message.body,
  };
};

/** A stored message as a RecoverOrphanedTransactionCommand carries it. */
export const fromStored = (m: StoredMessage, storeHost: string): Message => ({
  topic: { name: m.topic, resource_namespace: '' },
  user_properties: userPropertiesOf(m.properties),
  system_properties: baseSystemProperties(m, storeHost),
  body: m.body,
});
