// The commit log: an append-only sequence of segment files. Offsets are global and dense: a segment starts where the
// previous one's last record ended, so a segment file is named and headed by its base offset. A record never spans
// two segments.
//
// Segment file header (32 bytes): "HGCL" · u16 format version · u16 header size · u64 base offset · u64 created ms ·
// u64 store time of the newest record (written when the segment is sealed; 0 before).
import { StoreCorruptError, StoreVersionError } from './errors.js';
import type { Fd, FileLayer } from './file-layer.js';
import { fsyncDir } from './file-layer.js';
import { checkFrame, readU64, RECORD_MIN_BYTES, writeU64 } from './record-codec.js';

export const SEGMENT_MAGIC = 'HGCL';
export const SEGMENT_FORMAT_VERSION = 1;
export const SEGMENT_HEADER_BYTES = 32;
const SCAN_CHUNK_BYTES = 4 * 1024 * 1024;

export function segmentFileName(base: number): string {
  return `${String(base).padStart(20, '0')}.log`;
}

export interface Segment {
  readonly base: number;
  readonly path: string;
  fd: Fd;
  /** Bytes of records written and visible (the file position is SEGMENT_HEADER_BYTES + length). */
  length: number;
  sealed: boolean;
  /** Store time of the newest record (0 when unknown or empty). */
  lastStoreTs: number;
  /** Written since the last fsync. */
  dirty: boolean;
  /** In-flight reads and fsyncs; the descriptor is closed only when the segment is deleted and this drops to 0. */
  refs: number;
  deleted: boolean;
  /** Every record was CRC-checked by recovery or written by this process: reads skip the CRC here. */
  verified: boolean;
}

/** Called for every valid record during a scan. `buf` holds the frame at `pos`; `offset` is its global offset. */
export type RecordVisitor = (buf: Buffer, pos: number, offset: number) => void | Promise<void>;

export class CommitLog {
  readonly segments: Segment[] = [];
  private readonly closing: Promise<void>[] = [];

  private constructor(
    private readonly files: FileLayer,
    readonly dir: string,
    /** Room for records in one segment. */
    readonly capacity: number,
  ) {}

  /** Opens every segment file (checking magic and version); does not verify records — see scan(). */
  static async open(files: FileLayer, dir: string, segmentBytes: number): Promise<CommitLog> {
    await files.mkdir(dir);
    const log = new CommitLog(files, dir, segmentBytes - SEGMENT_HEADER_BYTES);
    const names = (await files.readdir(dir)).filter((n) => /^\d{20}\.log$/.test(n)).sort();
    for (const name of names) {
      const path = `${dir}/${name}`;
      const fd = await files.open(path, 'r+');
      const header = Buffer.alloc(SEGMENT_HEADER_BYTES);
      const n = await files.read(fd, header, 0, SEGMENT_HEADER_BYTES, 0);
      const size = await files.size(fd);
      if (n < SEGMENT_HEADER_BYTES || header.toString('latin1', 0, 4) !== SEGMENT_MAGIC) {
        // A segment created but never given a header (crash right after create) holds no records: drop it if last.
        if (name === names[names.length - 1] && size <= SEGMENT_HEADER_BYTES) {
          await files.close(fd);
          await files.unlink(path);
          continue;
        }
        await files.close(fd);
        throw new StoreCorruptError(`${path}: not a Hangar commit-log segment (bad header)`);
      }
      const version = header.readUInt16LE(4);
      if (version > SEGMENT_FORMAT_VERSION || version === 0) {
        await files.close(fd);
        throw new StoreVersionError(`${path}: segment format version ${version}, this build reads up to ${SEGMENT_FORMAT_VERSION}`);
      }
      const base = readU64(header, 8);
      if (segmentFileName(base) !== name) {
        await files.close(fd);
        throw new StoreCorruptError(`${path}: header base offset ${base} does not match the file name`);
      }
      log.segments.push({
        base,
        path,
        fd,
        length: Math.max(0, size - SEGMENT_HEADER_BYTES),
        sealed: true,
        lastStoreTs: readU64(header, 24),
        dirty: false,
        refs: 0,
        deleted: false,
        verified: false,
      });
    }
    const last = log.segments[log.segments.length - 1];
    if (last) last.sealed = false;
    return log;
  }

  get minOffset(): number {
    return this.segments[0]?.base ?? 0;
  }

  /** Offset the next record gets; everything below is written to the OS. */
  get endOffset(): number {
    const last = this.segments[this.segments.length - 1];
    return last ? last.base + last.length : 0;
  }

  get active(): Segment | undefined {
    return this.segments[this.segments.length - 1];
  }

  /** Bytes the segment files take on disk. */
  get diskBytes(): number {
    let n = 0;
    for (const s of this.segments) n += SEGMENT_HEADER_BYTES + s.length;
    return n;
  }

  /**
   * Verifies records from `from` to the end, calling `visit` for each valid one. At the first damaged or torn record the
   * log is cut there: the segment is truncated and every later segment deleted. Returns the recovered end offset.
   */
  async recover(from: number, visit: RecordVisitor, now: () => number): Promise<number> {
    for (let i = 0; i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      const next = this.segments[i + 1];
      if (next && next.base <= from) continue;
      const expected = next ? next.base - seg.base : seg.length;
      const startPos = Math.max(0, from - seg.base);
      const valid = await this.scanSegment(seg, startPos, Math.min(seg.length, expected), visit);
      if (startPos === 0) seg.verified = true;
      if (valid === expected) {
        if (seg.length > valid) {
          await this.files.truncate(seg.fd, SEGMENT_HEADER_BYTES + valid);
          seg.length = valid;
        }
        continue;
      }
      // Damage or a torn tail: keep exactly the records before it.
      await this.files.truncate(seg.fd, SEGMENT_HEADER_BYTES + valid);
      seg.length = valid;
      seg.dirty = true;
      seg.sealed = false;
      for (const dropped of this.segments.splice(i + 1)) {
        await this.files.close(dropped.fd);
        await this.files.unlink(dropped.path);
      }
      break;
    }
    if (this.segments.length === 0) await this.roll(now());
    return this.endOffset;
  }

  /** Visits the valid records in [from, to) in order (no repair; use after recover). */
  async scan(from: number, to: number, visit: RecordVisitor): Promise<void> {
    for (const seg of [...this.segments]) {
      const end = Math.min(seg.base + seg.length, to);
      if (end <= from || seg.base >= to) continue;
      await this.scanSegment(seg, Math.max(0, from - seg.base), end - seg.base, visit);
    }
  }

  /** Scans records of `seg` in [startPos, limit) (record-area positions); returns where the valid records end. */
  private async scanSegment(seg: Segment, startPos: number, limit: number, visit: RecordVisitor): Promise<number> {
    let pos = startPos;
    let buf = Buffer.allocUnsafe(Math.min(SCAN_CHUNK_BYTES, Math.max(limit - startPos, RECORD_MIN_BYTES)));
    while (pos < limit) {
      const want = Math.min(buf.length, limit - pos);
      const got = await this.files.read(seg.fd, buf, 0, want, SEGMENT_HEADER_BYTES + pos);
      let p = 0;
      let reread = false;
      while (p < got) {
        const check = checkFrame(buf, p, got);
        if (check.ok) {
          seg.lastStoreTs = Math.max(seg.lastStoreTs, readU64(buf, p + 12));
          const pending = visit(buf, p, seg.base + pos + p);
          if (pending) await pending;
          p += check.size;
          continue;
        }
        if (check.reason === 'short' && got === want && pos + got < limit) {
          // The frame continues past this chunk: read again from it, with room for it.
          if (p === 0) {
            const size = got >= 4 ? buf.readUInt32LE(0) : 0;
            if (size <= buf.length || pos + size > limit) return pos;
            buf = Buffer.allocUnsafe(size);
          }
          reread = true;
          break;
        }
        return pos + p;
      }
      if (!reread && got < want) return pos + p; // the file is shorter than its recorded length
      pos += p;
    }
    return pos;
  }

  /** Seals the active segment (if any) and starts a new one at the current end. */
  async roll(nowMs: number): Promise<Segment> {
    const prev = this.active;
    if (prev) {
      prev.sealed = true;
      const h = Buffer.alloc(8);
      writeU64(h, 0, prev.lastStoreTs);
      await this.files.write(prev.fd, h, 0, 8, 24);
      prev.dirty = true;
    }
    const base = this.endOffset;
    const path = `${this.dir}/${segmentFileName(base)}`;
    const fd = await this.files.open(path, 'w+');
    const header = Buffer.alloc(SEGMENT_HEADER_BYTES);
    header.write(SEGMENT_MAGIC, 0, 'latin1');
    header.writeUInt16LE(SEGMENT_FORMAT_VERSION, 4);
    header.writeUInt16LE(SEGMENT_HEADER_BYTES, 6);
    writeU64(header, 8, base);
    writeU64(header, 16, nowMs);
    await this.files.write(fd, header, 0, SEGMENT_HEADER_BYTES, 0);
    await fsyncDir(this.files, this.dir);
    const seg: Segment = { base, path, fd, length: 0, sealed: false, lastStoreTs: 0, dirty: true, refs: 0, deleted: false, verified: true };
    this.segments.push(seg);
    return seg;
  }

  /**
   * Starts a positional write of `len` bytes at record-area position `relPos` of `seg`. The bytes become part of the
   * log only through advance(), which the caller makes in write order once each write has completed.
   */
  writeAt(seg: Segment, buf: Buffer, len: number, relPos: number): Promise<void> {
    return this.files.write(seg.fd, buf, 0, len, SEGMENT_HEADER_BYTES + relPos);
  }

  advance(seg: Segment, len: number, lastStoreTs: number): void {
    seg.length += len;
    seg.dirty = true;
    seg.lastStoreTs = lastStoreTs;
  }

  /** fsyncs every segment written since the last call; returns the offset all of whose bytes are now durable. */
  async fsync(): Promise<number> {
    // Callers overlap (group commit, interval flush); one fsync round at a time so that no caller learns of
    // durability from a round another caller has started but not finished.
    const prev = this.fsyncTail;
    const round = prev.then(() => this.fsyncRound());
    this.fsyncTail = round.catch(() => 0);
    return round;
  }

  private fsyncTail: Promise<number> = Promise.resolve(0);

  private async fsyncRound(): Promise<number> {
    const target = this.endOffset;
    // A snapshot: retention may detach the oldest segment meanwhile, and walking the live array would then skip one.
    for (const seg of [...this.segments]) {
      if (!seg.dirty || seg.deleted) continue;
      seg.dirty = false;
      seg.refs++; // a segment deleted meanwhile keeps its descriptor until this fsync is done
      try {
        await this.files.fsync(seg.fd);
      } catch (err) {
        seg.dirty = true;
        throw err;
      } finally {
        this.release(seg);
      }
    }
    return target;
  }

  /** Drops a reference taken by a read or an fsync; the last one closes the descriptor of a deleted segment. */
  private release(seg: Segment): void {
    seg.refs--;
    if (seg.deleted && seg.refs === 0) this.closing.push(this.files.close(seg.fd).catch(() => undefined));
  }

  segmentFor(offset: number): Segment | undefined {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.segments[mid]!;
      if (offset < s.base) hi = mid - 1;
      else if (offset >= s.base + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /**
   * Reads `[offset, offset + length)` (within one segment) into a fresh buffer — the single copy a read makes.
   * Returns undefined when the range is no longer (or not yet) in the log.
   */
  async read(offset: number, length: number): Promise<Buffer | undefined> {
    const seg = this.segmentFor(offset);
    if (!seg || offset + length > seg.base + seg.length) return undefined;
    seg.refs++;
    try {
      const buf = Buffer.allocUnsafe(length);
      const n = await this.files.read(seg.fd, buf, 0, length, SEGMENT_HEADER_BYTES + (offset - seg.base));
      return n === length ? buf : undefined;
    } finally {
      this.release(seg);
    }
  }

  /**
   * Takes the oldest segment (never the active one) out of the log at once, so that the log's minimum and whatever
   * the caller derives from it change together; dispose() then removes its file. Undefined when only the active one
   * is left.
   */
  detachOldest(): Segment | undefined {
    if (this.segments.length < 2) return undefined;
    const seg = this.segments.shift()!;
    seg.deleted = true;
    return seg;
  }

  /** Removes a detached segment's file; its descriptor is closed once no read uses it. */
  async dispose(seg: Segment): Promise<void> {
    await this.files.unlink(seg.path);
    if (seg.refs === 0) await this.files.close(seg.fd);
  }

  async close(): Promise<void> {
    const active = this.active;
    if (active) {
      const h = Buffer.alloc(8);
      writeU64(h, 0, active.lastStoreTs);
      await this.files.write(active.fd, h, 0, 8, 24);
    }
    for (const seg of this.segments) {
      if (seg.dirty) await this.files.fsync(seg.fd);
      await this.files.close(seg.fd);
    }
    this.segments.length = 0;
    await Promise.all(this.closing);
  }
}
