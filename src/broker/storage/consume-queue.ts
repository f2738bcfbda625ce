// One consume queue: the index of a (topic, queueId) — queue offset → commit-log position, size, tag hash, store time.
// Fixed 32-byte entries in one file; new entries stay in memory until the next flush (the log is the source of truth
// and the store replays it after a crash), so appending costs no syscall.
//
// File header (32 bytes): "HGCQ" · u16 format version · u16 entry size · u64 queue offset of the first entry · reserved.
// Entry: u64 commit-log offset · u32 record size · u32 tag hash · u64 store time · u32 check of the previous 24 bytes ·
// u32 reserved. The check is a cheap word hash (a native CRC call costs more than the whole entry): it only has to
// tell a torn or zeroed tail entry from a written one.
import { StoreCorruptError, StoreVersionError } from './errors.js';
import type { Fd, FileLayer } from './file-layer.js';
import { readU64, writeU64 } from './record-codec.js';

export const CQ_MAGIC = 'HGCQ';
export const CQ_FORMAT_VERSION = 1;
export const CQ_HEADER_BYTES = 32;
export const CQ_ENTRY_BYTES = 32;

export interface CqEntry {
  commitLogOffset: number;
  size: number;
  tagHash: number;
  storeTimestamp: number;
}

export function encodeEntry(buf: Buffer, pos: number, e: CqEntry): void {
  encodeEntryInto(new DataView(buf.buffer, buf.byteOffset, buf.byteLength), pos, e);
}

function encodeEntryInto(dv: DataView, pos: number, e: CqEntry): void {
  encodeEntryFields(dv, pos, e.commitLogOffset, e.size, e.tagHash, e.storeTimestamp);
}

function encodeEntryFields(dv: DataView, pos: number, o: number, size: number, tagHash: number, t: number): void {
  dv.setUint32(pos, o >>> 0, true);
  dv.setUint32(pos + 4, o > 0xffffffff ? Math.floor(o / 4294967296) : 0, true);
  dv.setUint32(pos + 8, size, true);
  dv.setUint32(pos + 12, tagHash, true);
  dv.setUint32(pos + 16, t >>> 0, true);
  dv.setUint32(pos + 20, Math.floor(t / 4294967296), true);
  dv.setUint32(pos + 24, entryCheck(dv, pos), true);
  dv.setUint32(pos + 28, 0, true);
}

function entryCheck(dv: DataView, pos: number): number {
  let h = 0x9e3779b9;
  for (let i = 0; i < 24; i += 4) {
    h = Math.imul(h ^ dv.getUint32(pos + i, true), 0x85ebca6b);
    h ^= h >>> 13;
  }
  // Never 0, so an all-zero entry is never valid.
  return (h >>> 0) || 1;
}

export function entryValid(buf: Buffer, pos: number): boolean {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return entryCheck(dv, pos) === dv.getUint32(pos + 24, true);
}

export function decodeEntry(buf: Buffer, pos: number): CqEntry {
  return {
    commitLogOffset: readU64(buf, pos),
    size: buf.readUInt32LE(pos + 8),
    tagHash: buf.readUInt32LE(pos + 12),
    storeTimestamp: readU64(buf, pos + 16),
  };
}

/** Topic names become directory names; encode anything that is not plainly safe. */
export function topicDirName(topic: string): string {
  return encodeURIComponent(topic).replace(/\./g, '%2E').replace(/\*/g, '%2A');
}

export class ConsumeQueue {
  /** Entries in the file (after the header). */
  private persisted = 0;
  private pending: Buffer = Buffer.allocUnsafe(CQ_ENTRY_BYTES * 64);
  private pendingView = new DataView(this.pending.buffer, this.pending.byteOffset, this.pending.byteLength);
  private pendingCount = 0;
  private flushing: Promise<void> | undefined;
  /** Reads in flight on `fd`; a descriptor replaced by compact() is closed once they are done. */
  private reads = 0;
  private retiredFds: Fd[] = [];
  /** Lowest queue offset still readable (raised when retention removes the log under it). */
  min: number;
  /** The store's publish round that last added this queue to its dirty set (the store's bookkeeping). */
  publishMark = 0;
  /** Next queue offset to hand out: `max` plus records being written (maintained by the store's writer). */
  reserved = 0;
  /** Set by close(): a flush round that still holds the queue skips it. */
  closed = false;

  private constructor(
    private readonly files: FileLayer,
    readonly path: string,
    private fd: Fd,
    /** Queue offset of the file's first entry (raised by compact). */
    public base: number,
  ) {
    this.min = base;
    this.reserved = base;
  }

  get max(): number {
    return this.base + this.persisted + this.pendingCount;
  }

  static async create(files: FileLayer, path: string, base: number): Promise<ConsumeQueue> {
    const fd = await files.open(path, 'w+');
    const header = Buffer.alloc(CQ_HEADER_BYTES);
    header.write(CQ_MAGIC, 0, 'latin1');
    header.writeUInt16LE(CQ_FORMAT_VERSION, 4);
    header.writeUInt16LE(CQ_ENTRY_BYTES, 6);
    writeU64(header, 8, base);
    await files.write(fd, header, 0, CQ_HEADER_BYTES, 0);
    return new ConsumeQueue(files, path, fd, base);
  }

  /**
   * Opens an existing queue file and cuts its tail back to entries that are intact and point below `trustedEnd`
   * (the commit-log offset up to which queue files were durable at the last checkpoint); replay re-adds the rest.
   */
  static async open(files: FileLayer, path: string, trustedEnd: number): Promise<ConsumeQueue> {
    const fd = await files.open(path, 'r+');
    const header = Buffer.alloc(CQ_HEADER_BYTES);
    const n = await files.read(fd, header, 0, CQ_HEADER_BYTES, 0);
    if (n < CQ_HEADER_BYTES || header.toString('latin1', 0, 4) !== CQ_MAGIC) {
      await files.close(fd);
      throw new StoreCorruptError(`${path}: not a Hangar consume-queue file`);
    }
    const version = header.readUInt16LE(4);
    if (version === 0 || version > CQ_FORMAT_VERSION) {
      await files.close(fd);
      throw new StoreVersionError(`${path}: consume-queue format version ${version}, this build reads up to ${CQ_FORMAT_VERSION}`);
    }
    const cq = new ConsumeQueue(files, path, fd, readU64(header, 8));
    const size = await files.size(fd);
    let count = Math.floor(Math.max(0, size - CQ_HEADER_BYTES) / CQ_ENTRY_BYTES);
    const e = Buffer.allocUnsafe(CQ_ENTRY_BYTES);
    while (count > 0) {
      await files.read(fd, e, 0, CQ_ENTRY_BYTES, CQ_HEADER_BYTES + (count - 1) * CQ_ENTRY_BYTES);
      if (entryValid(e, 0) && readU64(e, 0) < trustedEnd) break;
      count--;
    }
    if (size !== CQ_HEADER_BYTES + count * CQ_ENTRY_BYTES) await files.truncate(fd, CQ_HEADER_BYTES + count * CQ_ENTRY_BYTES);
    cq.persisted = count;
    cq.reserved = cq.max;
    return cq;
  }

  /** Moves an empty queue's start to `base` (replay after its head was removed from the log). */
  async rebaseEmpty(base: number): Promise<void> {
    if (this.persisted !== 0 || this.pendingCount !== 0) throw new Error('rebaseEmpty on a queue with entries');
    const header = Buffer.alloc(8);
    writeU64(header, 0, base);
    await this.files.write(this.fd, header, 0, 8, 8);
    this.base = base;
    this.min = base;
    this.reserved = base;
  }

  /** Adds the entry for queue offset `max`. */
  push(e: CqEntry): void {
    this.pushEntry(e.commitLogOffset, e.size, e.tagHash, e.storeTimestamp);
  }

  /** push() from the entry's fields (the writer's hot path: no entry object). */
  pushEntry(commitLogOffset: number, size: number, tagHash: number, storeTimestamp: number): void {
    if ((this.pendingCount + 1) * CQ_ENTRY_BYTES > this.pending.length) {
      const bigger = Buffer.allocUnsafe(this.pending.length * 2);
      this.pending.copy(bigger, 0, 0, this.pendingCount * CQ_ENTRY_BYTES);
      this.pending = bigger;
      this.pendingView = new DataView(bigger.buffer, bigger.byteOffset, bigger.byteLength);
    }
    encodeEntryFields(this.pendingView, this.pendingCount * CQ_ENTRY_BYTES, commitLogOffset, size, tagHash, storeTimestamp);
    this.pendingCount++;
  }

  /** Writes in-memory entries to the file (no fsync; the caller fsyncs via `sync`). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pendingCount === 0 || this.closed) return;
    const count = this.pendingCount;
    const bytes = count * CQ_ENTRY_BYTES;
    const snapshot = Buffer.from(this.pending.subarray(0, bytes));
    this.flushing = (async () => {
      await this.files.write(this.fd, snapshot, 0, bytes, CQ_HEADER_BYTES + this.persisted * CQ_ENTRY_BYTES);
      // Entries pushed meanwhile sit after the snapshot; move them to the front.
      this.pending.copy(this.pending, 0, bytes, this.pendingCount * CQ_ENTRY_BYTES);
      this.pendingCount -= count;
      this.persisted += count;
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  async sync(): Promise<void> {
    if (this.closed) return; // close() flushed it; the descriptor is gone
    await this.files.fsync(this.fd);
  }

  /**
   * Raw entries for queue offsets [first, first + n) where first = max(from, base) (entries below `base` were
   * compacted away), clamped to what exists, as one buffer.
   */
  async readEntries(from: number, count: number): Promise<{ first: number; entries: Buffer }> {
    const start = Math.max(from, this.base);
    const end = Math.min(start + count, this.max);
    if (end <= start) return { first: start, entries: Buffer.alloc(0) };
    const out = Buffer.allocUnsafe((end - start) * CQ_ENTRY_BYTES);
    // Snapshot the split point: a concurrent flush moves entries from memory to the file but both copies are equal.
    const fileEnd = this.base + this.persisted;
    let filled = 0;
    if (start < fileEnd) {
      const n = Math.min(end, fileEnd) - start;
      this.reads++;
      try {
        await this.files.read(this.fd, out, 0, n * CQ_ENTRY_BYTES, CQ_HEADER_BYTES + (start - this.base) * CQ_ENTRY_BYTES);
      } finally {
        this.reads--;
        if (this.reads === 0 && this.retiredFds.length > 0) this.closeRetired();
      }
      filled = n;
    }
    // Between the await above and now a flush may have moved entries; index memory by the current split.
    for (let q = start + filled; q < end; q++) this.entryInto(q, out, (q - start) * CQ_ENTRY_BYTES);
    return { first: start, entries: out };
  }

  private entryInto(queueOffset: number, out: Buffer, pos: number): void {
    const i = queueOffset - this.base;
    if (i < 0) {
      out.fill(0, pos, pos + CQ_ENTRY_BYTES); // compacted away meanwhile: below min, skipped by readers
    } else if (i >= this.persisted) {
      this.pending.copy(out, pos, (i - this.persisted) * CQ_ENTRY_BYTES, (i - this.persisted + 1) * CQ_ENTRY_BYTES);
    } else {
      this.files.readSync(this.fd, out, pos, CQ_ENTRY_BYTES, CQ_HEADER_BYTES + i * CQ_ENTRY_BYTES);
    }
  }

  /** One entry, synchronously (small positional read or memory). */
  entrySync(queueOffset: number): CqEntry {
    const b = Buffer.allocUnsafe(CQ_ENTRY_BYTES);
    this.entryInto(queueOffset, b, 0);
    return decodeEntry(b, 0);
  }

  /** First queue offset in [min, max) whose entry satisfies the monotone predicate, or max. */
  lowerBound(pred: (e: CqEntry) => boolean): number {
    let lo = this.min;
    let hi = this.max;
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (pred(this.entrySync(mid))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Raises `min` past entries whose records are below the log's first offset. */
  advanceMin(logMinOffset: number): void {
    this.min = this.lowerBound((e) => e.commitLogOffset >= logMinOffset);
  }

  /** Drops entries from queue offset `from` on (after the log tail was cut). */
  async truncateFrom(from: number): Promise<void> {
    await this.flush();
    const keep = Math.max(0, from - this.base);
    if (keep < this.persisted) {
      await this.files.truncate(this.fd, CQ_HEADER_BYTES + keep * CQ_ENTRY_BYTES);
      this.persisted = keep;
    }
    if (this.min > this.max) this.min = this.max;
  }

  private closeRetired(): void {
    for (const fd of this.retiredFds.splice(0)) void this.files.close(fd).catch(() => undefined);
  }

  /**
   * Rewrites the file without the entries below `min` once at least `minDrop` of them (and half the file) are dead:
   * retention removes log segments, this keeps the queue files from growing forever. Atomic (temp file + rename).
   */
  async compact(minDrop: number): Promise<boolean> {
    while (this.flushing) await this.flushing;
    const drop = Math.min(this.min - this.base, this.persisted);
    if (drop < minDrop || drop * 2 < this.persisted) return false;
    let done!: () => void;
    this.flushing = new Promise<void>((r) => (done = r));
    try {
      const keep = this.persisted - drop;
      const newBase = this.base + drop;
      const tmp = `${this.path}.tmp`;
      const fd = await this.files.open(tmp, 'w+');
      try {
        const header = Buffer.alloc(CQ_HEADER_BYTES);
        header.write(CQ_MAGIC, 0, 'latin1');
        header.writeUInt16LE(CQ_FORMAT_VERSION, 4);
        header.writeUInt16LE(CQ_ENTRY_BYTES, 6);
        writeU64(header, 8, newBase);
        await this.files.write(fd, header, 0, CQ_HEADER_BYTES, 0);
        const chunk = Buffer.allocUnsafe(CQ_ENTRY_BYTES * 32768);
        for (let i = 0; i < keep; ) {
          const n = Math.min(keep - i, 32768);
          await this.files.read(this.fd, chunk, 0, n * CQ_ENTRY_BYTES, CQ_HEADER_BYTES + (drop + i) * CQ_ENTRY_BYTES);
          await this.files.write(fd, chunk, 0, n * CQ_ENTRY_BYTES, CQ_HEADER_BYTES + i * CQ_ENTRY_BYTES);
          i += n;
        }
        await this.files.fsync(fd);
        await this.files.rename(tmp, this.path);
      } catch (err) {
        await this.files.close(fd).catch(() => undefined);
        await this.files.unlink(tmp).catch(() => undefined);
        throw err;
      }
      // Swap synchronously: base, file and count change together for every reader.
      this.retiredFds.push(this.fd);
      this.fd = fd;
      this.base = newBase;
      this.persisted = keep;
      if (this.reads === 0) this.closeRetired();
      return true;
    } finally {
      this.flushing = undefined;
      done();
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.files.close(this.fd);
    this.closeRetired();
  }
}
