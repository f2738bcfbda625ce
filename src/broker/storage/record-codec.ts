// The framed commit-log record: length, magic + format version, CRC-32 of the rest, then the message fields.
// Pure functions over buffers, no I/O.
//
//  0 u32 totalSize (whole frame)   4 u32 crc32 of bytes [8, totalSize)
//  8 u16 magic 0x4748 ("HG")   10 u8 record version   11 u8 flags (0)
// 12 u64 storeTimestamp  20 u64 bornTimestamp  28 u64 queueOffset  36 u32 queueId
// 40 i32 flag  44 i32 sysFlag  48 i32 reconsumeTimes  52 u32 tagHash (0 = no tag)
// 56 topic (u16 len) · messageId (u16 len) · tag (u16 len, 0xffff absent) · bornHost (u16 len, 0xffff absent)
//    · keys (u16 count, each u16 len) · properties (u16 count, each u16 key len, key, u32 value len, value)
//    · body (u32 len) — body last, so a read hands out a view of it.
import { crc32 } from './crc32.js';
import { InvalidRecordError } from './errors.js';
import type { AppendRecord, StoredMessage } from './types.js';

export const RECORD_MAGIC = 0x4748;
export const RECORD_VERSION = 1;
export const RECORD_FIXED_BYTES = 56;
/** Smallest possible frame: fixed part, empty strings, no keys, no properties, empty body. */
export const RECORD_MIN_BYTES = RECORD_FIXED_BYTES + 2 + 2 + 2 + 2 + 2 + 2 + 4;
const ABSENT = 0xffff;
const U16_MAX_STRING = 0xfffe;
const TWO_32 = 4294967296;

export function writeU64(buf: Buffer, pos: number, n: number): void {
  buf.writeUInt32LE(n >>> 0, pos);
  buf.writeUInt32LE(Math.floor(n / TWO_32), pos + 4);
}

export function readU64(buf: Buffer, pos: number): number {
  return buf.readUInt32LE(pos) + buf.readUInt32LE(pos + 4) * TWO_32;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** 32-bit FNV-1a hash over the UTF-16 code units of the parts (joined by a separator that strings cannot hide), never
 * 0 so that 0 can mean "no tag". Part of the on-disk format (tag hashes, index files): do not change. Hashing code
 * units avoids allocating a UTF-8 copy on the hot path. */
export function hashString(s: string, s2?: string): number {
  let h = fnv(FNV_OFFSET, s);
  if (s2 !== undefined) h = fnv(Math.imul(h ^ 0x10000, FNV_PRIME), s2);
  h >>>= 0;
  return h === 0 ? 1 : h;
}

export function tagHashOf(tag: string | undefined): number {
  return tag === undefined ? 0 : hashString(tag);
}

/** Short ASCII strings (topics, tags, keys, property names) are measured and written by a JS loop: below these lengths
 * (in code units) the loop measured cheaper than the native Buffer call it replaces, above them dearer. */
const JS_MEASURE_MAX = 8;
const JS_WRITE_MAX = 16;

/** UTF-8 length of `s`. */
function utf8Length(s: string): number {
  const n = s.length;
  if (n > JS_MEASURE_MAX) return Buffer.byteLength(s, 'utf8');
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) >= 0x80) return Buffer.byteLength(s, 'utf8');
  return n;
}

/** Writes `s` as UTF-8 at `pos` (room for it is known from utf8Length); returns the bytes written. */
function writeUtf8(buf: Buffer, pos: number, s: string): number {
  const n = s.length;
  if (n <= JS_WRITE_MAX) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[pos + i] = c;
    }
    if (i === n) return n;
  }
  return buf.write(s, pos, 'utf8');
}

function strBytes(field: string, s: string, max: number): number {
  if (typeof s !== 'string') throw new InvalidRecordError(field, `${field} must be a string`);
  const n = utf8Length(s);
  if (n > max) throw new InvalidRecordError(field, `${field} is ${n} bytes, the limit is ${max}`);
  return n;
}

function checkInt(field: string, v: number, min: number, max: number): void {
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new InvalidRecordError(field, `${field} must be an integer in [${min}, ${max}], got ${String(v)}`);
  }
}

/** Validates a record and returns its frame size. Throws InvalidRecordError. */
export function recordSize(r: AppendRecord): number {
  if (typeof r.topic !== 'string' || r.topic.length === 0) throw new InvalidRecordError('topic', 'topic must be a non-empty string');
  // The id made from the offset replaces the placeholder after the size is measured: it must be as long.
  if (r.messageIdAt && r.messageIdAt(0).length !== r.messageId.length) {
    throw new InvalidRecordError('messageIdAt', 'messageIdAt must return ids as long as the placeholder messageId');
  }
  checkInt('queueId', r.queueId, 0, 0x7fffffff);
  checkInt('bornTimestamp', r.bornTimestamp, 0, Number.MAX_SAFE_INTEGER);
  if (r.flag !== undefined) checkInt('flag', r.flag, -0x80000000, 0x7fffffff);
  if (r.sysFlag !== undefined) checkInt('sysFlag', r.sysFlag, -0x80000000, 0x7fffffff);
  if (r.reconsumeTimes !== undefined) checkInt('reconsumeTimes', r.reconsumeTimes, -0x80000000, 0x7fffffff);
  if (!(r.body instanceof Uint8Array)) throw new InvalidRecordError('body', 'body must be a Buffer');
  let size = RECORD_FIXED_BYTES;
  size += 2 + strBytes('topic', r.topic, U16_MAX_STRING);
  size += 2 + strBytes('messageId', r.messageId, U16_MAX_STRING);
  size += 2 + (r.tag === undefined ? 0 : strBytes('tag', r.tag, U16_MAX_STRING));
  size += 2 + (r.bornHost === undefined ? 0 : strBytes('bornHost', r.bornHost, U16_MAX_STRING));
  size += 2;
  const keys = r.keys ?? [];
  if (!Array.isArray(keys) || keys.length > 0xffff) throw new InvalidRecordError('keys', 'keys must be an array of at most 65535 strings');
  for (const k of keys) size += 2 + strBytes('keys', k, U16_MAX_STRING);
  size += 2;
  if (r.properties !== undefined) {
    const props = r.properties;
    const names = Object.keys(props); // own enumerable string keys, as Object.entries, without an array per entry
    if (names.length > 0xffff) throw new InvalidRecordError('properties', 'at most 65535 properties');
    for (const k of names) size += 2 + strBytes('properties', k, U16_MAX_STRING) + 4 + strBytes('properties', props[k]!, 0x7fffffff);
  }
  size += 4 + r.body.length;
  return size;
}

// Fixed-width fields go through a DataView: far cheaper per field than Buffer#writeUInt32LE's checks. Encoding
// buffers are reused, so the view is cached per buffer.
let viewOf: Buffer | undefined;
let view: DataView = new DataView(new ArrayBuffer(8));

function dataView(buf: Buffer): DataView {
  if (viewOf !== buf) {
    viewOf = buf;
    view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  return view;
}

function setU64(dv: DataView, pos: number, n: number): void {
  dv.setUint32(pos, n >>> 0, true);
  dv.setUint32(pos + 4, n > 0xffffffff ? Math.floor(n / TWO_32) : 0, true);
}

function putString(buf: Buffer, dv: DataView, pos: number, s: string | undefined): number {
  if (s === undefined) {
    dv.setUint16(pos, ABSENT, true);
    return pos + 2;
  }
  const n = s.length === 0 ? 0 : writeUtf8(buf, pos + 2, s);
  dv.setUint16(pos, n, true);
  return pos + 2 + n;
}

/** Encodes `r` (whose size is `size`, from recordSize) into `buf` at `pos` with the fields the store assigns. Returns
 * the position after it. Plain arguments, no options object: it runs once per record. */
export function encodeRecord(
  buf: Buffer, pos: number, size: number, r: AppendRecord, storeTimestamp: number, queueOffset: number, tagHash: number,
): number {
  const dv = dataView(buf);
  const start = pos;
  dv.setUint32(pos, size, true);
  dv.setUint16(pos + 8, RECORD_MAGIC, true);
  dv.setUint8(pos + 10, RECORD_VERSION);
  dv.setUint8(pos + 11, 0);
  setU64(dv, pos + 12, storeTimestamp);
  setU64(dv, pos + 20, r.bornTimestamp);
  setU64(dv, pos + 28, queueOffset);
  dv.setUint32(pos + 36, r.queueId, true);
  dv.setInt32(pos + 40, r.flag ?? 0, true);
  dv.setInt32(pos + 44, r.sysFlag ?? 0, true);
  dv.setInt32(pos + 48, r.reconsumeTimes ?? 0, true);
  dv.setUint32(pos + 52, tagHash, true);
  pos = putString(buf, dv, pos + RECORD_FIXED_BYTES, r.topic);
  pos = putString(buf, dv, pos, r.messageId);
  pos = putString(buf, dv, pos, r.tag);
  pos = putString(buf, dv, pos, r.bornHost);
  const keys = r.keys;
  const nKeys = keys === undefined ? 0 : keys.length;
  dv.setUint16(pos, nKeys, true);
  pos += 2;
  for (let i = 0; i < nKeys; i++) pos = putString(buf, dv, pos, keys![i]);
  if (r.properties === undefined) {
    dv.setUint16(pos, 0, true);
    pos += 2;
  } else {
    const props = r.properties;
    const names = Object.keys(props);
    dv.setUint16(pos, names.length, true);
    pos += 2;
    for (const k of names) {
      pos = putString(buf, dv, pos, k);
      const v = props[k]!;
      const n = v.length === 0 ? 0 : writeUtf8(buf, pos + 4, v);
      dv.setUint32(pos, n, true);
      pos += 4 + n;
    }
  }
  const body = r.body;
  dv.setUint32(pos, body.length, true);
  pos += 4;
  if (body.length > 0) buf.set(body, pos);
  pos += body.length;
  if (pos - start !== size) throw new Error(`record size mismatch: computed ${size}, encoded ${pos - start}`);
  // A plain Uint8Array view: cheaper to make than a Buffer subarray, and the CRC needs nothing more.
  dv.setUint32(start + 4, crc32(new Uint8Array(buf.buffer, buf.byteOffset + start + 8, pos - start - 8)), true);
  return pos;
}

export type FrameCheck =
  | { ok: true; size: number }
  | { ok: false; reason: 'short' | 'length' | 'magic' | 'version' | 'crc' };

/** Checks the frame at `pos` without the checksum: complete, known magic and version (for records already verified). */
export function checkFrameHeader(buf: Buffer, pos: number, end: number): FrameCheck {
  if (end - pos < 12) return { ok: false, reason: 'short' };
  const size = buf.readUInt32LE(pos);
  if (buf.readUInt16LE(pos + 8) !== RECORD_MAGIC) return { ok: false, reason: 'magic' };
  if (buf[pos + 10] !== RECORD_VERSION) return { ok: false, reason: 'version' };
  if (size < RECORD_MIN_BYTES) return { ok: false, reason: 'length' };
  if (size > end - pos) return { ok: false, reason: 'short' };
  return { ok: true, size };
}

/** Checks the frame at `pos` within `buf[pos, end)`: complete, known magic and version, checksum matches. */
export function checkFrame(buf: Buffer, pos: number, end: number): FrameCheck {
  if (end - pos < 12) return { ok: false, reason: 'short' };
  const size = buf.readUInt32LE(pos);
  if (buf.readUInt16LE(pos + 8) !== RECORD_MAGIC) return { ok: false, reason: 'magic' };
  if (buf[pos + 10] !== RECORD_VERSION) return { ok: false, reason: 'version' };
  if (size < RECORD_MIN_BYTES) return { ok: false, reason: 'length' };
  if (size > end - pos) return { ok: false, reason: 'short' };
  if (crc32(buf.subarray(pos + 8, pos + size)) !== buf.readUInt32LE(pos + 4)) return { ok: false, reason: 'crc' };
  return { ok: true, size };
}

/** The fields recovery needs to rebuild queues and indexes, without decoding properties or copying the body. */
export interface RecordHeader {
  size: number;
  storeTimestamp: number;
  queueOffset: number;
  queueId: number;
  tagHash: number;
  topic: string;
  messageId: string;
  keys: string[];
}

function getString(buf: Buffer, pos: number): [string | undefined, number] {
  const n = buf.readUInt16LE(pos);
  if (n === ABSENT) return [undefined, pos + 2];
  return [buf.toString('utf8', pos + 2, pos + 2 + n), pos + 2 + n];
}

/** Decodes the header fields of a checked frame at `pos`. */
export function decodeHeader(buf: Buffer, pos: number): RecordHeader {
  let p = pos + RECORD_FIXED_BYTES;
  let topic: string | undefined;
  let messageId: string | undefined;
  [topic, p] = getString(buf, p);
  [messageId, p] = getString(buf, p);
  p += 2 + (buf.readUInt16LE(p) === ABSENT ? 0 : buf.readUInt16LE(p)); // tag
  p += 2 + (buf.readUInt16LE(p) === ABSENT ? 0 : buf.readUInt16LE(p)); // bornHost
  const nKeys = buf.readUInt16LE(p);
  p += 2;
  const keys: string[] = [];
  for (let i = 0; i < nKeys; i++) {
    let k: string | undefined;
    [k, p] = getString(buf, p);
    keys.push(k ?? '');
  }
  return {
    size: buf.readUInt32LE(pos),
    storeTimestamp: readU64(buf, pos + 12),
    queueOffset: readU64(buf, pos + 28),
    queueId: buf.readUInt32LE(pos + 36),
    tagHash: buf.readUInt32LE(pos + 52),
    topic: topic ?? '',
    messageId: messageId ?? '',
    keys,
  };
}

/** Decodes a checked frame at `pos` into a message whose body is a view of `buf` (no copy). */
export function decodeRecord(buf: Buffer, pos: number, commitLogOffset: number): StoredMessage {
  let p = pos + RECORD_FIXED_BYTES;
  let topic: string | undefined;
  let messageId: string | undefined;
  let tag: string | undefined;
  let bornHost: string | undefined;
  [topic, p] = getString(buf, p);
  [messageId, p] = getString(buf, p);
  [tag, p] = getString(buf, p);
  [bornHost, p] = getString(buf, p);
  const nKeys = buf.readUInt16LE(p);
  p += 2;
  const keys: string[] = [];
  for (let i = 0; i < nKeys; i++) {
    let k: string | undefined;
    [k, p] = getString(buf, p);
    keys.push(k ?? '');
  }
  const nProps = buf.readUInt16LE(p);
  p += 2;
  const properties: Record<string, string> = {};
  for (let i = 0; i < nProps; i++) {
    let k: string | undefined;
    [k, p] = getString(buf, p);
    const vn = buf.readUInt32LE(p);
    const key = k ?? '';
    const value = buf.toString('utf8', p + 4, p + 4 + vn);
    // A property named "__proto__" must stay a property, not replace the object's prototype.
    if (key === '__proto__') Object.defineProperty(properties, key, { value, enumerable: true, writable: true, configurable: true });
    else properties[key] = value;
    p += 4 + vn;
  }
  const bodyLen = buf.readUInt32LE(p);
  p += 4;
  const msg: StoredMessage = {
    topic: topic ?? '',
    queueId: buf.readUInt32LE(pos + 36),
    body: buf.subarray(p, p + bodyLen),
    messageId: messageId ?? '',
    keys,
    properties,
    bornTimestamp: readU64(buf, pos + 20),
    flag: buf.readInt32LE(pos + 40),
    sysFlag: buf.readInt32LE(pos + 44),
    reconsumeTimes: buf.readInt32LE(pos + 48),
    queueOffset: readU64(buf, pos + 28),
    commitLogOffset,
    storeTimestamp: readU64(buf, pos + 12),
    storeSize: buf.readUInt32LE(pos),
  };
  if (tag !== undefined) msg.tag = tag;
  if (bornHost !== undefined) msg.bornHost = bornHost;
  return msg;
}

/** Tag hash of a checked frame, for filtering without a full decode. */
export function frameTagHash(buf: Buffer, pos: number): number {
  return buf.readUInt32LE(pos + 52);
}
