// The compact "ROCKETMQ" binary header (serialize type 1), chosen by Java clients started with
// -Drocketmq.serialize.type=ROCKETMQ. Layout (big-endian), from RocketMQSerializable:
//   int16 code | int8 language | int16 version | int32 opaque | int32 flag |
//   int32 remarkLen | remark | int32 extLen | ext := repeat(int16 keyLen | key | int32 valLen | val)

import { languageCodeOf, languageNameOf } from './codes.js';
import { RemotingError } from './errors.js';
import type { HeaderFields } from './json-header.js';

const malformed = (what: string): RemotingError => new RemotingError('REMOTING_HEADER_MALFORMED', `binary header: ${what}`);

export const encodeBinaryHeader = (h: HeaderFields): Buffer => {
  const remark = h.remark === null ? null : Buffer.from(h.remark, 'utf8');
  const extParts: Buffer[] = [];
  let extLen = 0;
  for (const [k, v] of Object.entries(h.extFields)) {
    const key = Buffer.from(k, 'utf8');
    const val = Buffer.from(v, 'utf8');
    if (key.length > 32767) throw new RemotingError('REMOTING_VALUE_OUT_OF_RANGE', 'extFields key longer than 32767 bytes');
    const entry = Buffer.allocUnsafe(2 + key.length + 4 + val.length);
    entry.writeInt16BE(key.length, 0);
    key.copy(entry, 2);
    entry.writeInt32BE(val.length, 2 + key.length);
    val.copy(entry, 6 + key.length);
    extParts.push(entry);
    extLen += entry.length;
  }
  const fixed = Buffer.allocUnsafe(2 + 1 + 2 + 4 + 4 + 4);
  // Java casts code and version to short; do the same (codes above 32767 cannot travel in this header).
  fixed.writeInt16BE((h.code << 16) >> 16, 0);
  fixed.writeInt8(languageCodeOf(h.language), 2);
  fixed.writeInt16BE((h.version << 16) >> 16, 3);
  fixed.writeInt32BE(h.opaque, 5);
  fixed.writeInt32BE(h.flag, 9);
  fixed.writeInt32BE(remark === null ? 0 : remark.length, 13);
  const extHead = Buffer.allocUnsafe(4);
  extHead.writeInt32BE(extLen, 0);
  return Buffer.concat([fixed, remark ?? Buffer.alloc(0), extHead, ...extParts]);
};

export const decodeBinaryHeader = (b: Buffer): HeaderFields => {
  let p = 0;
  const need = (n: number, what: string): void => {
    if (n < 0 || p + n > b.length) throw malformed(`truncated ${what}`);
  };
  need(17, 'fixed part');
  const code = b.readInt16BE(0);
  const language = languageNameOf(b.readInt8(2));
  const version = b.readInt16BE(3);
  const opaque = b.readInt32BE(5);
  const flag = b.readInt32BE(9);
  const remarkLen = b.readInt32BE(13);
  p = 17;
  need(remarkLen, 'remark');
  const remark = remarkLen > 0 ? b.toString('utf8', p, p + remarkLen) : null;
  p += remarkLen;
  need(4, 'extFields length');
  const extLen = b.readInt32BE(p);
  p += 4;
  need(extLen, 'extFields');
  const extEnd = p + extLen;
  const extFields: Record<string, string> = {};
  while (p < extEnd) {
    if (p + 2 > extEnd) throw malformed('truncated extFields key length');
    const keyLen = b.readInt16BE(p);
    p += 2;
    if (keyLen < 0 || p + keyLen + 4 > extEnd) throw malformed('truncated extFields key');
    const key = b.toString('utf8', p, p + keyLen);
    p += keyLen;
    const valLen = b.readInt32BE(p);
    p += 4;
    if (valLen < 0 || p + valLen > extEnd) throw malformed('truncated extFields value');
    extFields[key] = b.toString('utf8', p, p + valLen);
    p += valLen;
  }
  if (p !== b.length) throw malformed('trailing bytes');
  return { code, language, version, opaque, flag, remark, extFields };
};
