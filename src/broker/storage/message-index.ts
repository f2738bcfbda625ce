// Lookup of records by message id and by (topic, key). The segment being written keeps its (hash, offset) pairs in
// growable typed arrays (no per-message objects; a lookup scans them); when a segment is sealed they go to a sorted
// side file next to it (<base>.idx) that lookups binary-search with small
// positional reads. Candidates are verified against the record itself, so hash collisions cost a read, not a wrong
// answer.
//
// Side file: "HGIX" · u16 format version · u16 entry size (16) · u32 count · u32 crc32 of the entries ·
// u64 oldest store time · u64 newest store time · u32 reserved; entries sorted by (hash, offset):
// u32 hash · u32 reserved · u64 commit-log offset.
import { crc32 } from './crc32.js';
import type { FileLayer } from './file-layer.js';
import { hashString, readU64, writeU64 } from './record-codec.js';

export const IDX_MAGIC = 'HGIX';
export const IDX_FORMAT_VERSION = 1;
const IDX_HEADER_BYTES = 36;
const IDX_ENTRY_BYTES = 16;

/** Index hash of a message id. */
export function idHash(messageId: string): number {
  return hashString(messageId);
}

/** Index hash of a (topic, key) pair. */
export function keyHash(topic: string, key: string): number {
  return hashString(topic, key);
}

interface OpenSegmentIndex {
  hashes: Uint32Array;
  offsets: Float64Array;
  count: number;
  minTs: number;
  maxTs: number;
}

function openIndex(storeTs: number): OpenSegmentIndex {
  return { hashes: new Uint32Array(1024), offsets: new Float64Array(1024), count: 0, minTs: storeTs, maxTs: storeTs };
}

function put(seg: OpenSegmentIndex, h: number, offset: number): void {
  if (seg.count === seg.hashes.length) {
    const hashes = new Uint32Array(seg.count * 2);
    hashes.set(seg.hashes);
    seg.hashes = hashes;
    const offsets = new Float64Array(seg.count * 2);
    offsets.set(seg.offsets);
    seg.offsets = offsets;
  }
  seg.hashes[seg.count] = h;
  seg.offsets[seg.count] = offset;
  seg.count++;
}

/** Positions of the entries in (hash, insertion) order; insertion order is log order. A stable two-pass radix sort
 * on the 32-bit hash (16 bits a pass): linear, where a comparison sort of a full segment's entries took milliseconds. */
function sortedPositions(seg: OpenSegmentIndex): Uint32Array {
  const n = seg.count;
  const hashes = seg.hashes;
  const byLow = new Uint32Array(n);
  const out = new Uint32Array(n);
  const starts = new Uint32Array(65537);
  for (let i = 0; i < n; i++) starts[(hashes[i]! & 0xffff) + 1]!++;
  for (let d = 1; d <= 65536; d++) starts[d]! += starts[d - 1]!;
  for (let i = 0; i < n; i++) byLow[starts[hashes[i]! & 0xffff]!++] = i;
  starts.fill(0);
  for (let i = 0; i < n; i++) starts[(hashes[i]! >>> 16) + 1]!++;
  for (let d = 1; d <= 65536; d++) starts[d]! += starts[d - 1]!;
  for (let k = 0; k < n; k++) {
    const i = byLow[k]!;
    out[starts[hashes[i]! >>> 16]!++] = i;
  }
  return out;
}

interface SealedIndex {
  path: string;
  count: number;
  minTs: number;
  maxTs: number;
}

export function indexFileName(segmentBase: number): string {
  return `${String(segmentBase).padStart(20, '0')}.idx`;
}

export class MessageIndex {
  private readonly open = new Map<number, OpenSegmentIndex>();
  private readonly sealed = new Map<number, SealedIndex>();
  /** The segment add() wrote to last: every record of a write goes to the same one, so no map lookup per record. */
  private current: { base: number; seg: OpenSegmentIndex } | undefined;

  constructor(
    private readonly files: FileLayer,
    private readonly dir: string,
  ) {}

  has(segmentBase: number): boolean {
    return this.open.has(segmentBase) || this.sealed.has(segmentBase);
  }

  /** Loads a segment's side file if it exists and is intact; false means the segment must be re-indexed. */
  async load(segmentBase: number): Promise<boolean> {
    const path = `${this.dir}/${indexFileName(segmentBase)}`;
    const data = await this.files.readFile(path);
    if (!data || data.length < IDX_HEADER_BYTES || data.toString('latin1', 0, 4) !== IDX_MAGIC) return false;
    if (data.readUInt16LE(4) !== IDX_FORMAT_VERSION) return false; // rebuilt from the log, never misread
    const count = data.readUInt32LE(8);
    if (data.length !== IDX_HEADER_BYTES + count * IDX_ENTRY_BYTES) return false;
    if (crc32(data.subarray(IDX_HEADER_BYTES)) !== data.readUInt32LE(12)) return false;
    this.sealed.set(segmentBase, { path, count, minTs: readU64(data, 16), maxTs: readU64(data, 24) });
    return true;
  }

  add(segmentBase: number, commitLogOffset: number, storeTs: number, topic: string, messageId: string, keys: readonly string[]): void {
    let seg = this.current?.base === segmentBase ? this.current.seg : this.open.get(segmentBase);
    if (!seg) {
      seg = openIndex(storeTs);
      this.open.set(segmentBase, seg);
    }
    if (this.current?.seg !== seg) this.current = { base: segmentBase, seg };
    if (storeTs < seg.minTs) seg.minTs = storeTs;
    if (storeTs > seg.maxTs) seg.maxTs = storeTs;
    if (messageId) put(seg, idHash(messageId), commitLogOffset);
    for (let i = 0; i < keys.length; i++) if (keys[i]) put(seg, keyHash(topic, keys[i]!), commitLogOffset);
  }

  private forgetOpen(segmentBase: number): void {
    this.open.delete(segmentBase);
    if (this.current?.base === segmentBase) this.current = undefined;
  }

  /** Writes the in-memory entries of a sealed segment to its side file. */
  async seal(segmentBase: number): Promise<void> {
    const seg = this.open.get(segmentBase) ?? openIndex(0);
    const count = seg.count;
    const order = sortedPositions(seg);
    const data = Buffer.alloc(IDX_HEADER_BYTES + count * IDX_ENTRY_BYTES);
    data.write(IDX_MAGIC, 0, 'latin1');
    data.writeUInt16LE(IDX_FORMAT_VERSION, 4);
    data.writeUInt16LE(IDX_ENTRY_BYTES, 6);
    data.writeUInt32LE(count, 8);
    writeU64(data, 16, seg.minTs);
    writeU64(data, 24, seg.maxTs);
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let p = IDX_HEADER_BYTES;
    for (let i = 0; i < count; i++) {
      const at = order[i]!;
      const offset = seg.offsets[at]!;
      dv.setUint32(p, seg.hashes[at]!, true);
      dv.setUint32(p + 8, offset >>> 0, true);
      dv.setUint32(p + 12, Math.floor(offset / 4294967296), true);
      p += IDX_ENTRY_BYTES;
    }
    data.writeUInt32LE(crc32(data.subarray(IDX_HEADER_BYTES)), 12);
    const path = `${this.dir}/${indexFileName(segmentBase)}`;
    const tmp = `${path}.tmp`;
    const fd = await this.files.open(tmp, 'w');
    try {
      await this.files.write(fd, data, 0, data.length, 0);
      await this.files.fsync(fd);
    } finally {
      await this.files.close(fd);
    }
    await this.files.rename(tmp, path);
    this.sealed.set(segmentBase, { path, count, minTs: seg.minTs, maxTs: seg.maxTs });
    this.forgetOpen(segmentBase);
  }

  /** Forgets a segment (deleted by retention, or cut by recovery) and removes its side file. */
  async drop(segmentBase: number): Promise<void> {
    this.forgetOpen(segmentBase);
    this.sealed.delete(segmentBase);
    await this.files.unlink(`${this.dir}/${indexFileName(segmentBase)}`).catch(() => undefined);
  }

  /** Segments known to the index, for cleaning up side files of segments that no longer exist. */
  async listSideFiles(): Promise<number[]> {
    return (await this.files.readdir(this.dir)).filter((n) => /^\d{20}\.idx$/.test(n)).map((n) => Number(n.slice(0, 20)));
  }

  /** Candidate commit-log offsets for a hash (idHash/keyHash), newest first, in segments overlapping the time range. */
  async candidates(h: number, beginMs = 0, endMs = Number.MAX_SAFE_INTEGER): Promise<number[]> {
    const out: number[] = [];
    const bases = [...new Set([...this.open.keys(), ...this.sealed.keys()])].sort((a, b) => b - a);
    for (const base of bases) {
      const mem = this.open.get(base);
      if (mem) {
        if (mem.maxTs < beginMs || mem.minTs > endMs) continue;
        for (let i = mem.count - 1; i >= 0; i--) if (mem.hashes[i] === h) out.push(mem.offsets[i]!);
        continue;
      }
      const s = this.sealed.get(base)!;
      if (s.count === 0 || s.maxTs < beginMs || s.minTs > endMs) continue;
      const found = await this.searchFile(s, h);
      for (let i = found.length - 1; i >= 0; i--) out.push(found[i]!);
    }
    return out;
  }

  private async searchFile(s: SealedIndex, h: number): Promise<number[]> {
    const fd = await this.files.open(s.path, 'r').catch(() => undefined);
    if (fd === undefined) return [];
    try {
      const e = Buffer.allocUnsafe(IDX_ENTRY_BYTES);
      const at = async (i: number): Promise<number> => {
        await this.files.read(fd, e, 0, IDX_ENTRY_BYTES, IDX_HEADER_BYTES + i * IDX_ENTRY_BYTES);
        return e.readUInt32LE(0);
      };
      let lo = 0;
      let hi = s.count;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((await at(mid)) < h) lo = mid + 1;
        else hi = mid;
      }
      const out: number[] = [];
      for (let i = lo; i < s.count; i++) {
        if ((await at(i)) !== h) break;
        out.push(readU64(e, 8));
      }
      return out;
    } finally {
      await this.files.close(fd);
    }
  }
}
