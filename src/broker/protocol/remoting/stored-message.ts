// The stored-message record of a PULL_MESSAGE / VIEW_MESSAGE_BY_ID / QUERY_MESSAGE body (Java MessageDecoder):
// TOTALSIZE | MAGIC | BODYCRC | QUEUEID | FLAG | QUEUEOFFSET(8) | PHYSICALOFFSET(8) | SYSFLAG | BORNTIMESTAMP(8) |
// BORNHOST(4|16 + 4) | STORETIMESTAMP(8) | STOREHOST(4|16 + 4) | RECONSUMETIMES | PREPAREDTXOFFSET(8) |
// BODYLEN + BODY | TOPICLEN(1, or 2 with magic V2) + TOPIC | PROPSLEN(2) + PROPERTIES.

import { RemotingError } from './errors.js';
import { bytesToIp, ipToBytes, isV6, type HostAddress } from './host.js';
import { bodyCrc } from './crc32.js';
import { encodeOffsetMessageId } from './message-id.js';
import { MessageSysFlag } from './message-sys-flag.js';
import { decodeProperties, encodeProperties } from './properties.js';

/** MESSAGE_MAGIC_CODE (V1): 1-byte topic length. Every 4.x client reads this one. */
export const MAGIC_V1 = 0xdaa320a7 | 0;
/** MESSAGE_MAGIC_CODE_V2: 2-byte topic length, for topics longer than 127 bytes (Java 5.x). */
export const MAGIC_V2 = 0xdaa320ab | 0;

export interface MessageExt {
  topic: string;
  queueId: number;
  flag: number;
  queueOffset: number;
  commitLogOffset: number;
  /** Includes COMPRESSED when `body` is deflated; host V6 bits are derived from the hosts on encode. */
  sysFlag: number;
  bornTimestamp: number;
  bornHost: HostAddress;
  storeTimestamp: number;
  storeHost: HostAddress;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
  /** The body exactly as stored (still compressed when sysFlag has COMPRESSED). */
  body: Buffer;
  properties: Record<string, string>;
}

export interface DecodedMessageExt extends MessageExt {
  storeSize: number;
  bodyCrc: number;
  /** Offset message id computed from storeHost and commitLogOffset, as clients compute it. */
  offsetMsgId: string;
}

const outOfRange = (what: string): RemotingError => new RemotingError('REMOTING_VALUE_OUT_OF_RANGE', what);

/** Encodes one record. Throws REMOTING_VALUE_OUT_OF_RANGE when a field does not fit. */
export const encodeMessageExt = (m: MessageExt): Buffer => {
  const born = ipToBytes(m.bornHost.ip);
  const store = ipToBytes(m.storeHost.ip);
  let sysFlag = m.sysFlag & ~(MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6);
  if (isV6(m.bornHost)) sysFlag |= MessageSysFlag.BORNHOST_V6;
  if (isV6(m.storeHost)) sysFlag |= MessageSysFlag.STOREHOST_V6;
  const topic = Buffer.from(m.topic, 'utf8');
  const props = Buffer.from(encodeProperties(m.properties), 'utf8');
  if (props.length > 32767) throw outOfRange(`properties of ${props.length} bytes exceed 32767`);
  if (topic.length > 32767) throw outOfRange('topic longer than 32767 bytes');
  const v2 = topic.length > 127;
  const size = 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + born.length + 4 + 8 + store.length + 4 + 4 + 8
    + 4 + m.body.length + (v2 ? 2 : 1) + topic.length + 2 + props.length;
  const b = Buffer.allocUnsafe(size);
  let p = 0;
  p = b.writeInt32BE(size, p);
  p = b.writeInt32BE(v2 ? MAGIC_V2 : MAGIC_V1, p);
  p = b.writeInt32BE(bodyCrc(m.body), p);
  p = b.writeInt32BE(m.queueId, p);
  p = b.writeInt32BE(m.flag | 0, p);
  p = b.writeBigInt64BE(BigInt(m.queueOffset), p);
  p = b.writeBigInt64BE(BigInt(m.commitLogOffset), p);
  p = b.writeInt32BE(sysFlag, p);
  p = b.writeBigInt64BE(BigInt(m.bornTimestamp), p);
  p += born.copy(b, p);
  p = b.writeInt32BE(m.bornHost.port, p);
  p = b.writeBigInt64BE(BigInt(m.storeTimestamp), p);
  p += store.copy(b, p);
  p = b.writeInt32BE(m.storeHost.port, p);
  p = b.writeInt32BE(m.reconsumeTimes, p);
  p = b.writeBigInt64BE(BigInt(m.preparedTransactionOffset), p);
  p = b.writeInt32BE(m.body.length, p);
  p += m.body.copy(b, p);
  p = v2 ? b.writeInt16BE(topic.length, p) : b.writeInt8(topic.length, p);
  p += topic.copy(b, p);
  p = b.writeInt16BE(props.length, p);
  props.copy(b, p);
  return b;
};

const truncated = (what: string): RemotingError => new RemotingError('REMOTING_MESSAGE_MALFORMED', `stored message: ${what}`);

const readSafeInt64 = (b: Buffer, p: number, what: string): number => {
  const v = b.readBigInt64BE(p);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw truncated(`${what} out of range`);
  return Number(v);
};

/** Decodes one record starting at `offset`; returns it and where the next one starts. */
export const decodeMessageExt = (b: Buffer, offset = 0): { message: DecodedMessageExt; next: number } => {
  if (b.length - offset < 4) throw truncated('no room for TOTALSIZE');
  const storeSize = b.readInt32BE(offset);
  if (storeSize < 4 || storeSize > b.length - offset) throw truncated(`TOTALSIZE ${storeSize} does not fit the buffer`);
  const end = offset + storeSize;
  let p = offset + 4;
  const need = (n: number, what: string): void => {
    if (n < 0 || p + n > end) throw truncated(`truncated ${what}`);
  };
  need(4 * 5 + 8 * 2 + 4 + 8, 'fixed fields');
  const magic = b.readInt32BE(p); p += 4;
  if (magic !== MAGIC_V1 && magic !== MAGIC_V2) throw truncated(`unknown magic code ${magic}`);
  const crc = b.readInt32BE(p); p += 4;
  const queueId = b.readInt32BE(p); p += 4;
  const flag = b.readInt32BE(p); p += 4;
  const queueOffset = readSafeInt64(b, p, 'QUEUEOFFSET'); p += 8;
  const commitLogOffset = readSafeInt64(b, p, 'PHYSICALOFFSET'); p += 8;
  const sysFlag = b.readInt32BE(p); p += 4;
  const bornTimestamp = readSafeInt64(b, p, 'BORNTIMESTAMP'); p += 8;
  const bornLen = sysFlag & MessageSysFlag.BORNHOST_V6 ? 16 : 4;
  need(bornLen + 4 + 8, 'born host');
  const bornHost = { ip: bytesToIp(b.subarray(p, p + bornLen)), port: b.readInt32BE(p + bornLen) };
  p += bornLen + 4;
  const storeTimestamp = readSafeInt64(b, p, 'STORETIMESTAMP'); p += 8;
  const storeLen = sysFlag & MessageSysFlag.STOREHOST_V6 ? 16 : 4;
  need(storeLen + 4 + 4 + 8 + 4, 'store host');
  const storeHost = { ip: bytesToIp(b.subarray(p, p + storeLen)), port: b.readInt32BE(p + storeLen) };
  p += storeLen + 4;
  const reconsumeTimes = b.readInt32BE(p); p += 4;
  const preparedTransactionOffset = readSafeInt64(b, p, 'PREPAREDTXOFFSET'); p += 8;
  const bodyLen = b.readInt32BE(p); p += 4;
  need(bodyLen, 'body');
  const body = b.subarray(p, p + bodyLen); p += bodyLen;
  const v2 = magic === MAGIC_V2;
  need(v2 ? 2 : 1, 'topic length');
  const topicLen = v2 ? b.readInt16BE(p) : b.readUInt8(p); p += v2 ? 2 : 1;
  need(topicLen, 'topic');
  const topic = b.toString('utf8', p, p + topicLen); p += topicLen;
  need(2, 'properties length');
  const propsLen = b.readInt16BE(p); p += 2;
  need(propsLen, 'properties');
  const properties = decodeProperties(b.toString('utf8', p, p + propsLen)); p += propsLen;
  if (p !== end) throw truncated(`TOTALSIZE ${storeSize} disagrees with the fields (${p - offset} bytes)`);
  return {
    message: {
      topic, queueId, flag, queueOffset, commitLogOffset, sysFlag, bornTimestamp, bornHost, storeTimestamp, storeHost,
      reconsumeTimes, preparedTransactionOffset, body, properties, storeSize, bodyCrc: crc,
      offsetMsgId: encodeOffsetMessageId(storeHost, commitLogOffset),
    },
    next: end,
  };
};

/** Decodes a whole pull body (records back to back). */
export const decodeMessageExts = (b: Buffer): DecodedMessageExt[] => {
  const out: DecodedMessageExt[] = [];
  let p = 0;
  while (p < b.length) {
    const { message, next } = decodeMessageExt(b, p);
    out.push(message);
    p = next;
  }
  return out;
};
