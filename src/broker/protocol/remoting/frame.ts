// Frame codec: int32 length | int32 (serializeType<<24 | headerLength) | header | body, length = 4 + header + body.
// FrameDecoder is fed the chunks of a byte stream and yields whole commands; it never does I/O.

import { SERIALIZE_JSON, SERIALIZE_ROCKETMQ } from './codes.js';
import type { RemotingCommand } from './command.js';
import { decodeBinaryHeader, encodeBinaryHeader } from './binary-header.js';
import { RemotingError } from './errors.js';
import { decodeJsonHeader, encodeJsonHeader, type HeaderFields } from './json-header.js';

/** Java's default com.rocketmq.remoting.frameMaxLength. */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

const headerFieldsOf = (cmd: RemotingCommand): HeaderFields => ({
  code: cmd.code,
  language: cmd.language,
  version: cmd.version,
  opaque: cmd.opaque,
  flag: cmd.flag,
  remark: cmd.remark,
  extFields: cmd.extFields,
});

/** The whole frame, length prefix included. */
export const encodeCommand = (cmd: RemotingCommand): Buffer => {
  const header = cmd.serializeType === SERIALIZE_ROCKETMQ ? encodeBinaryHeader(headerFieldsOf(cmd)) : encodeJsonHeader(headerFieldsOf(cmd));
  if (header.length > 0xffffff) throw new RemotingError('REMOTING_VALUE_OUT_OF_RANGE', 'header longer than 16 MiB');
  const bodyLen = cmd.body?.length ?? 0;
  const prefix = Buffer.allocUnsafe(8);
  prefix.writeInt32BE(4 + header.length + bodyLen, 0);
  prefix.writeUInt32BE(((cmd.serializeType & 0xff) << 24 | header.length) >>> 0, 4);
  return cmd.body && bodyLen > 0 ? Buffer.concat([prefix, header, cmd.body]) : Buffer.concat([prefix, header]);
};

/** Decodes one frame without its length prefix (`frame` = serialize/headerLength int32, header, body). */
export const decodeFrame = (frame: Buffer): RemotingCommand => {
  if (frame.length < 4) throw new RemotingError('REMOTING_FRAME_MALFORMED', 'frame shorter than its header-length field');
  const mark = frame.readUInt32BE(0);
  const serializeType = mark >>> 24;
  const headerLength = mark & 0xffffff;
  if (headerLength > frame.length - 4) {
    throw new RemotingError('REMOTING_FRAME_MALFORMED', `header length ${headerLength} exceeds frame length ${frame.length}`);
  }
  const headerBytes = frame.subarray(4, 4 + headerLength);
  let fields: HeaderFields;
  if (serializeType === SERIALIZE_JSON) fields = decodeJsonHeader(headerBytes);
  else if (serializeType === SERIALIZE_ROCKETMQ) fields = decodeBinaryHeader(headerBytes);
  else throw new RemotingError('REMOTING_SERIALIZE_TYPE_UNKNOWN', `unknown serialize type ${serializeType}`);
  const body = frame.length > 4 + headerLength ? frame.subarray(4 + headerLength) : null;
  return { ...fields, body, serializeType };
};

/**
 * Reassembles frames from arbitrary chunks. `push` returns every command completed by the chunk and throws a
 * RemotingError on a malformed or oversized frame; after a throw the stream is unusable (close the connection).
 */
export class FrameDecoder {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private failed: RemotingError | null = null;

  constructor(private readonly maxFrameBytes: number = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  push(chunk: Buffer): RemotingCommand[] {
    if (this.failed) throw this.failed;
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const out: RemotingCommand[] = [];
    try {
      for (;;) {
        if (this.buffered < 4) break;
        const length = this.peekInt32();
        if (length < 4) throw new RemotingError('REMOTING_FRAME_MALFORMED', `frame length ${length} is below the minimum of 4`);
        if (length > this.maxFrameBytes) {
          throw new RemotingError('REMOTING_FRAME_TOO_LARGE', `frame length ${length} exceeds the maximum of ${this.maxFrameBytes}`);
        }
        if (this.buffered < 4 + length) break;
        const frame = this.take(4 + length).subarray(4);
        out.push(decodeFrame(frame));
      }
    } catch (e) {
      this.failed = e instanceof RemotingError ? e : new RemotingError('REMOTING_FRAME_MALFORMED', String(e), { cause: e });
      throw this.failed;
    }
    return out;
  }

  private peekInt32(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readInt32BE(0);
    return this.contiguous(4).readInt32BE(0);
  }

  /** Merges leading chunks until the first holds at least n bytes. */
  private contiguous(n: number): Buffer {
    if (this.chunks[0]!.length < n) {
      let size = 0;
      let count = 0;
      while (size < n) size += this.chunks[count++]!.length;
      this.chunks.splice(0, count, Buffer.concat(this.chunks.slice(0, count), size));
    }
    return this.chunks[0]!;
  }

  private take(n: number): Buffer {
    const head = this.contiguous(n);
    const out = head.subarray(0, n);
    if (head.length === n) this.chunks.shift();
    else this.chunks[0] = head.subarray(n);
    this.buffered -= n;
    return out;
  }
}
