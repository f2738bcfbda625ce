// SEND_BATCH_MESSAGE body (Java MessageDecoder.encodeMessages): records back to back, each
//   int32 totalSize | int32 magic (0) | int32 bodyCRC (0) | int32 flag | int32 bodyLen | body | int16 propsLen | props

import { RemotingError } from './errors.js';
import { decodeProperties, encodeProperties } from './properties.js';

export interface BatchEntry {
  flag: number;
  body: Buffer;
  properties: Record<string, string>;
}

export const encodeBatch = (entries: readonly BatchEntry[]): Buffer => {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const props = Buffer.from(encodeProperties(e.properties), 'utf8');
    if (props.length > 32767) throw new RemotingError('REMOTING_VALUE_OUT_OF_RANGE', 'batch entry properties exceed 32767 bytes');
    const size = 4 + 4 + 4 + 4 + 4 + e.body.length + 2 + props.length;
    const b = Buffer.allocUnsafe(size);
    let p = b.writeInt32BE(size, 0);
    p = b.writeInt32BE(0, p);
    p = b.writeInt32BE(0, p);
    p = b.writeInt32BE(e.flag | 0, p);
    p = b.writeInt32BE(e.body.length, p);
    p += e.body.copy(b, p);
    p = b.writeInt16BE(props.length, p);
    props.copy(b, p);
    parts.push(b);
  }
  return Buffer.concat(parts);
};

export const decodeBatch = (b: Buffer): BatchEntry[] => {
  const out: BatchEntry[] = [];
  let p = 0;
  const bad = (what: string): RemotingError => new RemotingError('REMOTING_MESSAGE_MALFORMED', `batch: ${what}`);
  while (p < b.length) {
    if (b.length - p < 20) throw bad('truncated record header');
    const size = b.readInt32BE(p);
    if (size < 22 || size > b.length - p) throw bad(`record size ${size} does not fit`);
    const end = p + size;
    const flag = b.readInt32BE(p + 12);
    const bodyLen = b.readInt32BE(p + 16);
    let q = p + 20;
    if (bodyLen < 0 || q + bodyLen + 2 > end) throw bad('truncated body');
    const body = b.subarray(q, q + bodyLen);
    q += bodyLen;
    const propsLen = b.readInt16BE(q);
    q += 2;
    if (propsLen < 0 || q + propsLen !== end) throw bad('properties length disagrees with record size');
    out.push({ flag, body, properties: decodeProperties(b.toString('utf8', q, end)) });
    p = end;
  }
  return out;
};
