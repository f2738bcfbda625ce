// A stored message as the management API shows it: the one place that decides how a body is written (UTF-8 text when
// the bytes are valid UTF-8, else base64) and how much of it a listing carries.
import { crc32 } from 'node:zlib';
import type { MessageView } from '../../domain/message.js';
import type { StoredMessage } from '../storage/types.js';
import { KEY_SEPARATOR, Prop, deliverAtOf, messageGroupOf, messageTypeOf, originTopicOf, userPropertiesOf } from './properties.js';
import type { EngineQueue } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const isUtf8 = (b: Buffer): boolean => {
  try {
    utf8.decode(b);
    return true;
  } catch {
    return false;
  }
};

/** Cut at most `max` bytes of UTF-8 text without splitting a character. */
const textPrefix = (b: Buffer, max: number): Buffer => {
  if (b.length <= max) return b;
  let cut = max;
  while (cut > 0 && (b[cut]! & 0xc0) === 0x80) cut--;
  return b.subarray(0, cut);
};

export function messageView(m: StoredMessage, queue: EngineQueue, storeHost: string, maxBodyBytes?: number): MessageView {
  const text = isUtf8(m.body);
  const limit = maxBodyBytes ?? m.body.length;
  const shown = text ? textPrefix(m.body, limit) : m.body.subarray(0, Math.min(limit, m.body.length));
  const user = userPropertiesOf(m.properties);
  const system: Record<string, string> = {};
  for (const k in m.properties) if (!(k in user) && !k.startsWith('__HANGAR_')) system[k] = m.properties[k]!;
  if (m.tag !== undefined) system[Prop.TAGS] = m.tag;
  if (m.keys.length > 0) system[Prop.KEYS] = m.keys.join(KEY_SEPARATOR);
  const v: MessageView = {
    messageId: m.messageId,
    topic: m.topic,
    originTopic: originTopicOf(m),
    brokerName: queue.brokerName,
    queueId: queue.queueId,
    queueOffset: m.queueOffset,
    messageType: messageTypeOf(m),
    keys: [...m.keys],
    userProperties: user,
    systemProperties: system,
    body: text ? shown.toString('utf8') : shown.toString('base64'),
    bodyEncoding: text ? 'text' : 'base64',
    bodySize: m.body.length,
    bodyTruncated: shown.length < m.body.length,
    bodyCrc: crc32(m.body),
    storeSize: m.storeSize,
    bornHost: m.bornHost ?? '',
    bornTimestamp: m.bornTimestamp,
    storeHost,
    storeTimestamp: m.storeTimestamp,
    reconsumeTimes: m.reconsumeTimes,
  };
  if (m.tag !== undefined) v.tag = m.tag;
  const group = messageGroupOf(m);
  if (group !== undefined) v.messageGroup = group;
  const at = deliverAtOf(m);
  if (at !== undefined) v.deliveryTimestamp = at;
  return v;
}
