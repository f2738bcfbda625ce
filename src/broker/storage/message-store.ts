// The message store: commit log + consume queues + message index + consumer offsets, with the flush policy, group
// commit, retention and quota. The only class of this module with state; the rest are files and codecs it drives.
import { writeCheckpoint, checkManifest, readCheckpoint, readOffsets, writeOffsets } from './checkpoint.js';
import type { Checkpoint, OffsetTable } from './checkpoint.js';
import { CommitLog, SEGMENT_HEADER_BYTES } from './commit-log.js';
import type { Segment } from './commit-log.js';
import { ConsumeQueue, CQ_ENTRY_BYTES, CQ_HEADER_BYTES, decodeEntry, topicDirName } from './consume-queue.js';
import type { CqEntry } from './consume-queue.js';
import { MessageTooLargeError, StoreClosedError, StoreCorruptError } from './errors.js';
import type { FileLayer } from './file-layer.js';
import { nodeFileLayer } from './file-layer.js';
import { acquireStoreLock } from './store-lock.js';
import type { StoreLock } from './store-lock.js';
import { JOB_ENTRY_FIELDS, JobRecords } from './job-records.js';
import { idHash, keyHash, MessageIndex } from './message-index.js';
import { resolveStoreOptions } from './options.js';
import type { ResolvedStoreOptions } from './options.js';
import { checkFrame, checkFrameHeader, decodeHeader, decodeRecord, encodeRecord, recordSize, tagHashOf } from './record-codec.js';
import { StoreFullError } from './types.js';
import type { AppendRecord, AppendResult, QueueRange, StoredMessage, StoreOptions } from './types.js';

/** Pending append calls taken per encoding round. */
const MAX_ROUND_BYTES = 4 * 1024 * 1024;
/** Bytes per write (a single larger record gets its own write). Small enough that encoding the next write overlaps
 * the current one, large enough to keep syscalls rare. */
const JOB_BYTES = 256 * 1024;
/** Writes in flight at once; they complete in any order but become visible and acknowledged in order. */
const MAX_INFLIGHT = 2;
/** Records of one queue closer than this in the log are fetched with one read: copying a gap of other queues' records
 * is cheaper than another read call. */
const READ_GAP_BYTES = 64 * 1024;
const MAX_READ_SPAN_BYTES = 8 * 1024 * 1024;
/** ASYNC_FLUSH: once this many written log bytes await an fsync, one starts at once rather than at the next interval,
 * so the disk writes them back while the writer keeps encoding (and less is at risk of a power loss). */
const EARLY_FSYNC_BYTES = 16 * 1024 * 1024;
/** Consume-queue files written and fsynced at once by a flush round (the I/O thread pool has four threads). */
const QUEUE_FLUSH_PARALLELISM = 3;
/** Queue entries examined per step when a tag filter skips messages. */
const FILTER_SCAN_STEP = 1024;
/** Distinct tag names remembered for filtering by hash without reading the log. */
const MAX_TAG_NAMES = 100_000;

export interface ReadOptions {
  /** Stop before the message that would take the total stored size past this (at least one message is returned). */
  maxBytes?: number;
  /** Keep only messages whose tag passes; messages whose tag is known by hash to fail are skipped without a log read. */
  tagFilter?: (tag: string | undefined) => boolean;
  /** With a tag filter: queue entries to examine at most (default: to the end of the queue). */
  maxScan?: number;
}

export interface ReadBatch {
  messages: StoredMessage[];
  /** Queue offset to continue from: after the last message returned or the last entry skipped by the filter. */
  nextOffset: number;
}

export interface StoreStats {
  /** Bytes of every file of the store (commit log, consume queues). */
  diskBytes: number;
  segments: number;
  topics: number;
  /** Bytes of the commit-log segments alone (what the quota limits). */
  logBytes: number;
  minOffset: number;
  maxOffset: number;
  /** Commit-log offset below which every record is fsynced. */
  flushedOffset: number;
}

export interface MessageStoreOpenOptions extends StoreOptions {
  files?: FileLayer;
  /** Errors of background work (interval flush, retention, index files). Default: process.emitWarning. */
  onBackgroundError?: (err: Error) => void;
  /** A consume-queue file is rewritten without its expired head once this many entries (and half of it) are dead
   * (default 65536, i.e. 2 MiB). */
  queueCompactMinEntries?: number;
}

interface PendingAppend {
  records: AppendRecord[];
  sizes: number[];
  bytes: number;
  resolve: (r: AppendResult[]) => void;
  reject: (e: unknown) => void;
  results: AppendResult[];
  /** Log offset after its last record. */
  end: number;
  settled: boolean;
}

/** One positional write of encoded records. */
interface WriteJob {
  seg: Segment;
  relPos: number;
  buf: Buffer;
  len: number;
  lastStoreTs: number;
  /** What each record adds to its queue and the index once the write settles (reused by a later job once settled). */
  records: JobRecords;
  recycled: boolean;
  /** Calls whose last record is in this job: acknowledged when it settles. */
  completes: PendingAppend[];
  /** Every call with a record in this job: refused if it fails. */
  calls: Set<PendingAppend>;
  epoch: number;
  write?: Promise<void>;
  settling?: Promise<void>;
}

const NO_KEYS: readonly string[] = Object.freeze([]);

interface SyncWaiter {
  end: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** A simple FIFO mutex: segment deletion, topic deletion and the writer never interleave. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.tail;
    let release!: () => void;
    this.tail = new Promise((r) => (release = r));
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

export class MessageStore {
  private readonly topics = new Map<string, Map<number, ConsumeQueue>>();
  private readonly dirtyQueues = new Set<ConsumeQueue>();
  /** Counts publish() calls; a queue carries the number of the last one that marked it dirty. */
  private publishRounds = 0;
  private readonly tagNames = new Map<number, string | null>();
  private pending: PendingAppend[] = [];
  private drainScheduled = false;
  private draining: Promise<void> | undefined;
  private readonly inflight: WriteJob[] = [];
  private readonly bufPool: Buffer[] = [];
  private readonly recordsPool: JobRecords[] = [];
  /** Record-area position in the active segment up to which writes have been started. */
  private reservedRel = 0;
  /** Bumped when a write fails: encoding that started before must not continue. */
  private epoch = 0;
  private lastFailure: unknown;
  private readonly lock = new Mutex();
  /** Checkpoint writes share one temp file name; never two at once. */
  private readonly checkpointLock = new Mutex();
  private lastStoreTs = 0;
  private flushedOffset = 0;
  /** Log offset below which every record is in the consume queues and the index (in memory at least). */
  private dispatchedEnd = 0;
  private syncWaiters: SyncWaiter[] = [];
  private syncing: Promise<void> | undefined;
  private syncRunning = false;
  private earlyFsyncRunning = false;
  private periodic: Promise<void> | undefined;
  private indexChain: Promise<void> = Promise.resolve();
  private offsetsDirty = false;
  private checkpoint: Checkpoint;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private compactMinEntries = 65536;

  private constructor(
    private readonly opts: ResolvedStoreOptions,
    private readonly files: FileLayer,
    private readonly log: CommitLog,
    private readonly index: MessageIndex,
    private readonly offsets: OffsetTable,
    private readonly onBackgroundError: (err: Error) => void,
    private readonly dirLock: StoreLock,
  ) {
    this.checkpoint = { clean: false, flushed: 0, dispatched: 0, deletedTopics: Object.create(null) as Record<string, number> };
  }

  static async open(options: MessageStoreOpenOptions): Promise<MessageStore> {
    const opts = resolveStoreOptions(options);
    const files = options.files ?? nodeFileLayer;
    await files.mkdir(opts.dir);
    const lock = await acquireStoreLock(files, opts.dir);
    let log: CommitLog | undefined;
    let store: MessageStore;
    try {
      await checkManifest(files, opts.dir);
      const cp = await readCheckpoint(files, opts.dir);
      log = await CommitLog.open(files, `${opts.dir}/commitlog`, opts.segmentBytes);
      const index = new MessageIndex(files, `${opts.dir}/commitlog`);
      const offsets = await readOffsets(files, opts.dir);
      const onErr = options.onBackgroundError ?? ((err: Error) => process.emitWarning(err));
      store = new MessageStore(opts, files, log, index, offsets, onErr, lock);
      if (options.queueCompactMinEntries !== undefined) store.compactMinEntries = Math.max(1, options.queueCompactMinEntries);
      await store.recover(cp);
    } catch (err) {
      await log?.close().catch(() => undefined);
      await lock.release();
      throw err;
    }
    store.timer = setInterval(() => store.backgroundTick(), opts.flushIntervalMs);
    store.timer.unref();
    return store;
  }

  // ---------------------------------------------------------------- recovery

  private async recover(cp: Checkpoint | undefined): Promise<void> {
    const log = this.log;
    const segs = log.segments;
    const contiguous = segs.every((s, i) => i === 0 || segs[i - 1]!.base + segs[i - 1]!.length === s.base);
    const clean = cp !== undefined && cp.clean && contiguous && cp.flushed === log.endOffset;
    // After a clean close everything below the checkpoint was verified and fsynced; otherwise verify every record.
    const verifyFrom = clean ? (log.active?.base ?? 0) : log.minOffset;
    const end = await log.recover(verifyFrom, () => undefined, this.opts.now);
    for (const s of log.segments) this.lastStoreTs = Math.max(this.lastStoreTs, s.lastStoreTs);

    // Temp files of writes a crash interrupted (index side files, queue compaction) are never read; remove them.
    for (const name of await this.files.readdir(log.dir)) if (name.endsWith('.tmp')) await this.files.unlink(`${log.dir}/${name}`);

    // Message index: side files for sealed segments (rebuilt when missing or damaged), memory for the active one.
    const bases = new Set(log.segments.map((s) => s.base));
    for (const base of await this.index.listSideFiles()) {
      if (!bases.has(base) || base === log.active!.base) await this.index.drop(base);
    }
    for (const seg of log.segments) {
      if (seg !== log.active && (await this.index.load(seg.base))) continue;
      await log.scan(seg.base, seg.base + seg.length, (buf, pos, offset) => {
        const h = decodeHeader(buf, pos);
        this.index.add(seg.base, offset, h.storeTimestamp, h.topic, h.messageId, h.keys);
      });
      if (seg !== log.active) await this.index.seal(seg.base);
    }

    // Consume queues: keep entries that were durable at the checkpoint, then replay the log from there.
    this.checkpoint.deletedTopics = Object.assign(Object.create(null) as Record<string, number>, cp?.deletedTopics ?? {});
    const trusted = Math.min(cp?.dispatched ?? 0, end);
    const cqRoot = `${this.opts.dir}/consumequeue`;
    await this.files.mkdir(cqRoot);
    for (const dirName of await this.files.readdir(cqRoot)) {
      const topic = decodeURIComponent(dirName);
      for (const name of await this.files.readdir(`${cqRoot}/${dirName}`)) {
        if (name.endsWith('.tmp')) await this.files.unlink(`${cqRoot}/${dirName}/${name}`);
        const m = /^(\d+)\.cq$/.exec(name);
        if (!m) continue;
        const cq = await ConsumeQueue.open(this.files, `${cqRoot}/${dirName}/${name}`, trusted);
        this.queueMap(topic).set(Number(m[1]), cq);
      }
    }
    await log.scan(Math.max(trusted, log.minOffset), end, async (buf, pos, offset) => {
      const h = decodeHeader(buf, pos);
      if ((this.checkpoint.deletedTopics[h.topic] ?? -1) > offset) return;
      const cq = this.topics.get(h.topic)?.get(h.queueId) ?? (await this.createQueue(h.topic, h.queueId, h.queueOffset));
      // An empty queue whose earlier records the log no longer has starts at the first one it does have.
      if (h.queueOffset > cq.max && cq.max === cq.base) await cq.rebaseEmpty(h.queueOffset);
      if (h.queueOffset !== cq.max) return; // already present
      cq.push({ commitLogOffset: offset, size: h.size, tagHash: h.tagHash, storeTimestamp: h.storeTimestamp });
      this.dirtyQueues.add(cq);
      cq.reserved = cq.max;
    });
    for (const queues of this.topics.values()) for (const cq of queues.values()) cq.advanceMin(log.minOffset);
    // Consumer offsets never point past what the queue holds after a cut tail.
    for (const topics of this.offsets.values()) {
      for (const [topic, queues] of topics) {
        for (const [queueId, off] of queues) {
          const cq = this.topics.get(topic)?.get(queueId);
          if (cq && off > cq.max) {
            queues.set(queueId, cq.max);
            this.offsetsDirty = true;
          }
        }
      }
    }
    this.dispatchedEnd = end;
    this.reservedRel = log.active!.length;
    await this.enforceRetention();
    await this.persist();
  }

  private queueMap(topic: string): Map<number, ConsumeQueue> {
    let m = this.topics.get(topic);
    if (!m) {
      m = new Map();
      this.topics.set(topic, m);
    }
    return m;
  }

  private async createQueue(topic: string, queueId: number, base: number): Promise<ConsumeQueue> {
    const dir = `${this.opts.dir}/consumequeue/${topicDirName(topic)}`;
    await this.files.mkdir(dir);
    const cq = await ConsumeQueue.create(this.files, `${dir}/${queueId}.cq`, base);
    this.queueMap(topic).set(queueId, cq);
    return cq;
  }

  // ---------------------------------------------------------------- append path

  /** Appends in order; one batched write; resolves when durable per the flush policy. Throws StoreFullError. */
  append(records: AppendRecord[]): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    if (records.length === 0) return Promise.resolve([]);
    const sizes: number[] = [];
    let bytes = 0;
    try {
      for (const r of records) {
        const size = recordSize(r);
        if (size > this.log.capacity) throw new MessageTooLargeError(size, this.log.capacity);
        sizes.push(size);
        bytes += size;
      }
    } catch (err) {
      // What recordSize or the size check threw (an Error), as a rejection like every other refusal here.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject(err);
    }
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.pending.push({ records, sizes, bytes, resolve, reject, results: [], end: 0, settled: false });
      this.scheduleDrain();
    });
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || this.draining) return;
    this.drainScheduled = true;
    // Appends made until the next turn of the event loop share one write.
    setImmediate(() => {
      this.drainScheduled = false;
      this.draining = this.drain()
        .catch((err: Error) => this.onBackgroundError(err))
        .finally(() => {
          this.draining = undefined;
          // An append that arrived after the loop's last check but before this point would otherwise wait forever.
          if (this.pending.length > 0) this.scheduleDrain();
        });
    });
  }

  /** The writer: encodes pending calls into jobs and settles jobs in order, keeping up to MAX_INFLIGHT writes busy. */
  private async drain(): Promise<void> {
    while (this.pending.length > 0 || this.inflight.length > 0) {
      if (this.pending.length > 0 && this.inflight.length < MAX_INFLIGHT) {
        let n = 0;
        let bytes = 0;
        while (n < this.pending.length && (n === 0 || bytes + this.pending[n]!.bytes <= MAX_ROUND_BYTES)) bytes += this.pending[n++]!.bytes;
        const calls = this.pending.splice(0, n);
        await this.lock.run(() => this.encodeCalls(calls));
      } else {
        await this.settleOldest();
      }
    }
  }

  private newJob(minBytes = 0): WriteJob {
    const want = Math.max(JOB_BYTES, minBytes);
    let buf = this.bufPool.pop();
    if (!buf || buf.length < want) buf = Buffer.allocUnsafe(want);
    return {
      seg: this.log.active!,
      relPos: this.reservedRel,
      buf,
      len: 0,
      lastStoreTs: this.lastStoreTs,
      records: this.recordsPool.pop() ?? new JobRecords(),
      recycled: false,
      completes: [],
      calls: new Set(),
      epoch: this.epoch,
    };
  }

  private recycle(job: WriteJob): void {
    if (job.recycled) return;
    job.recycled = true;
    job.records.clear();
    if (this.recordsPool.length < MAX_INFLIGHT + 1) this.recordsPool.push(job.records);
    if (job.buf.length === JOB_BYTES && this.bufPool.length < MAX_INFLIGHT + 1) this.bufPool.push(job.buf);
  }

  private inflightBytes(): number {
    let n = 0;
    for (const j of this.inflight) n += j.len;
    return n;
  }

  private async encodeCalls(calls: PendingAppend[]): Promise<void> {
    const epoch = this.epoch;
    let job = this.newJob();
    try {
      outer: for (const call of calls) {
        // One segment header of slack: the call may roll into a new segment.
        if (!(await this.makeRoom(this.inflightBytes() + job.len + call.bytes + SEGMENT_HEADER_BYTES))) {
          call.settled = true;
          call.reject(new StoreFullError(`store quota of ${this.opts.quotaBytes} bytes is full: ${call.bytes} bytes do not fit even after deleting old segments`));
          continue;
        }
        const now = this.opts.now();
        let listedIn: WriteJob | undefined;
        let topicName: string | undefined;
        let topicQueues: Map<number, ConsumeQueue> | undefined;
        for (let i = 0; i < call.records.length; i++) {
          const r = call.records[i]!;
          const size = call.sizes[i]!;
          if (this.reservedRel + job.len + size > this.log.capacity) {
            await this.launch(job);
            await this.settleAll();
            if (this.epoch !== epoch) break outer;
            await this.rollSegment();
            job = this.newJob(size);
          } else if (job.len + size > job.buf.length) {
            if (job.len > 0) {
              await this.launch(job);
              if (this.epoch !== epoch) break outer;
            } else {
              this.recycle(job);
            }
            job = this.newJob(size);
          }
          // The records of a call are mostly of one topic: look its queues up once, not per record.
          if (r.topic !== topicName) {
            topicName = r.topic;
            topicQueues = this.topics.get(r.topic);
          }
          let cq = topicQueues?.get(r.queueId);
          if (cq === undefined) {
            cq = await this.createQueue(r.topic, r.queueId, 0);
            topicName = undefined; // createQueue may have made the topic's map
          }
          const queueOffset = cq.reserved++;
          const storeTimestamp = now > this.lastStoreTs ? now : this.lastStoreTs;
          this.lastStoreTs = storeTimestamp;
          const tagHash = tagHashOf(r.tag);
          const commitLogOffset = job.seg.base + job.relPos + job.len;
          // Ids derived from the position (4.x offset message ids); recordSize checked they fit the placeholder.
          if (r.messageIdAt) r.messageId = r.messageIdAt(commitLogOffset);
          encodeRecord(job.buf, job.len, size, r, storeTimestamp, queueOffset, tagHash);
          job.len += size;
          job.lastStoreTs = storeTimestamp;
          if (listedIn !== job) {
            job.calls.add(call);
            listedIn = job;
          }
          call.results.push({ messageId: r.messageId, queueOffset, commitLogOffset, storeTimestamp });
          call.end = commitLogOffset + size;
          job.records.add(r, cq, commitLogOffset, size, tagHash, storeTimestamp);
        }
        job.completes.push(call);
      }
      if (this.epoch === epoch) await this.launch(job);
    } catch (err) {
      // A roll or a segment deletion failed; treat it like a failed write.
      await this.fail(err);
    }
    if (this.epoch !== epoch) {
      const e = this.lastFailure;
      for (const call of calls) if (!call.settled) this.refuse(call, e);
    }
  }

  /** Starts the job's write (after making room in the in-flight window). A job of an aborted round is dropped. */
  private async launch(job: WriteJob): Promise<void> {
    while (this.inflight.length >= MAX_INFLIGHT) await this.settleOldest();
    if (job.epoch !== this.epoch) {
      this.recycle(job);
      return;
    }
    job.write = job.len > 0 ? this.log.writeAt(job.seg, job.buf, job.len, job.relPos) : Promise.resolve();
    job.write.catch(() => undefined); // observed in settle; never an unhandled rejection meanwhile
    this.reservedRel += job.len;
    this.inflight.push(job);
  }

  private async settleOldest(): Promise<void> {
    const job = this.inflight[0];
    if (!job) return;
    job.settling ??= this.settle(job);
    await job.settling;
  }

  private async settleAll(): Promise<void> {
    while (this.inflight.length > 0) await this.settleOldest();
  }

  private async settle(job: WriteJob): Promise<void> {
    try {
      await job.write;
    } catch (err) {
      await this.fail(err);
      return;
    }
    if (this.inflight[0] !== job) return;
    this.inflight.shift();
    this.log.advance(job.seg, job.len, job.lastStoreTs);
    this.publish(job);
    this.recycle(job);
    if (this.opts.flushPolicy === 'ASYNC_FLUSH') {
      for (const call of job.completes) {
        if (call.settled) continue;
        call.settled = true;
        call.resolve(call.results);
      }
      this.fsyncEarlyIfBehind();
      return;
    }
    for (const call of job.completes) {
      if (call.settled) continue;
      call.settled = true;
      this.syncWaiters.push({ end: call.end, resolve: () => call.resolve(call.results), reject: call.reject });
    }
    this.kickSync();
  }

  /**
   * A write failed: nothing from it on becomes visible. Every call with a record in a write not yet settled is
   * refused, queue offsets handed out are taken back and the next write starts where the log really ends.
   */
  private async fail(err: unknown): Promise<void> {
    this.epoch++;
    this.lastFailure = (err as NodeJS.ErrnoException)?.code === 'ENOSPC' ? new StoreFullError('no space left on the device', { cause: err }) : err;
    const jobs = this.inflight.splice(0);
    await Promise.allSettled(jobs.map((j) => j.write ?? Promise.resolve()));
    for (const j of jobs) {
      for (const call of j.calls) this.refuse(call, this.lastFailure);
      this.recycle(j);
    }
    this.reservedRel = this.log.active?.length ?? 0;
    for (const queues of this.topics.values()) for (const cq of queues.values()) cq.reserved = cq.max;
  }

  private refuse(call: PendingAppend, err: unknown): void {
    if (call.settled) return;
    call.settled = true;
    call.reject(err);
  }

  /** Makes the queues, index and tag table see records that are now written. */
  private publish(job: WriteJob): void {
    const { count, records, queues, entries } = job.records;
    const segmentBase = job.seg.base;
    const publishMark = ++this.publishRounds;
    for (let i = 0, e = 0; i < count; i++, e += JOB_ENTRY_FIELDS) {
      const r = records[i]!;
      const cq = queues[i]!;
      const commitLogOffset = entries[e]!;
      const tagHash = entries[e + 2]!;
      const storeTimestamp = entries[e + 3]!;
      cq.pushEntry(commitLogOffset, entries[e + 1]!, tagHash, storeTimestamp);
      // Records of several queues interleave; one Set insert per queue and write, not per record.
      if (cq.publishMark !== publishMark) {
        cq.publishMark = publishMark;
        this.dirtyQueues.add(cq);
      }
      this.index.add(segmentBase, commitLogOffset, storeTimestamp, r.topic, r.messageId, r.keys ?? NO_KEYS);
      if (r.tag !== undefined) this.rememberTag(tagHash, r.tag);
    }
    if (count > 0) this.dispatchedEnd = entries[(count - 1) * JOB_ENTRY_FIELDS]! + entries[(count - 1) * JOB_ENTRY_FIELDS + 1]!;
  }

  private rememberTag(hash: number, tag: string): void {
    const known = this.tagNames.get(hash);
    if (known === undefined) {
      if (this.tagNames.size < MAX_TAG_NAMES) this.tagNames.set(hash, tag);
    } else if (known !== null && known !== tag) {
      this.tagNames.set(hash, null); // two tags share this hash: always read to decide
    }
  }

  private async rollSegment(): Promise<void> {
    const sealed = this.log.active;
    await this.log.roll(this.opts.now());
    this.reservedRel = 0;
    if (sealed) {
      const base = sealed.base;
      this.indexChain = this.indexChain.then(() => this.index.seal(base)).catch((err: Error) => this.onBackgroundError(err));
    }
  }

  /**
   * Ensures `bytes` more fit under the quota, deleting the oldest segments if needed. False when even deleting every
   * sealed segment is not enough. Runs under the lock.
   */
  private async makeRoom(bytes: number): Promise<boolean> {
    const fits = (): boolean => this.log.diskBytes + bytes <= this.opts.quotaBytes;
    while (!fits()) {
      if (!(await this.deleteOldestSegment())) return false;
    }
    return true;
  }

  private async deleteOldestSegment(): Promise<boolean> {
    const seg = this.log.detachOldest();
    if (!seg) return false;
    const min = this.log.minOffset;
    for (const queues of this.topics.values()) for (const cq of queues.values()) cq.advanceMin(min);
    for (const [topic, at] of Object.entries(this.checkpoint.deletedTopics)) if (at <= min) delete this.checkpoint.deletedTopics[topic];
    this.indexChain = this.indexChain.then(() => this.index.drop(seg.base)).catch((err: Error) => this.onBackgroundError(err));
    await this.log.dispose(seg);
    return true;
  }

  private async enforceRetention(): Promise<void> {
    if (this.closed) return;
    const limit = this.opts.now() - this.opts.retentionMs;
    await this.lock.run(async () => {
      for (;;) {
        const oldest = this.log.segments[0];
        if (this.closed || !oldest || oldest === this.log.active || oldest.lastStoreTs >= limit) return;
        await this.deleteOldestSegment();
      }
    });
  }

  /** ASYNC_FLUSH: starts a background log fsync once EARLY_FSYNC_BYTES are written but not yet durable. */
  private fsyncEarlyIfBehind(): void {
    if (this.earlyFsyncRunning || this.log.endOffset - this.flushedOffset < EARLY_FSYNC_BYTES) return;
    this.earlyFsyncRunning = true;
    this.log
      .fsync()
      .then(
        (end) => {
          this.flushedOffset = Math.max(this.flushedOffset, end);
        },
        (err: Error) => this.onBackgroundError(err),
      )
      .finally(() => {
        this.earlyFsyncRunning = false;
      });
  }

  private kickSync(): void {
    // The flag is set before the loop can finish synchronously (all waiters already covered).
    if (this.syncRunning) return;
    this.syncRunning = true;
    this.syncing = (async () => {
      try {
        for (;;) {
          // Waiters already covered (also by an interval flush's fsync) are released; the rest wait for one more.
          const still: SyncWaiter[] = [];
          for (const w of this.syncWaiters) {
            if (w.end <= this.flushedOffset) w.resolve();
            else still.push(w);
          }
          this.syncWaiters = still;
          if (still.length === 0) break;
          this.flushedOffset = Math.max(this.flushedOffset, await this.log.fsync());
        }
      } catch (err) {
        for (const w of this.syncWaiters.splice(0)) w.reject(err);
      } finally {
        this.syncRunning = false;
      }
    })();
  }

  // ---------------------------------------------------------------- reads

  /** Up to maxCount messages from offset (skipping below min). */
  async read(topic: string, queueId: number, offset: number, maxCount: number, opts: ReadOptions = {}): Promise<StoredMessage[]> {
    return (await this.readBatch(topic, queueId, offset, maxCount, opts)).messages;
  }

  /** Like read, and tells where to continue (useful when a tag filter skipped entries). */
  async readBatch(topic: string, queueId: number, offset: number, maxCount: number, opts: ReadOptions = {}): Promise<ReadBatch> {
    if (this.closed) throw new StoreClosedError();
    const cq = this.topics.get(topic)?.get(queueId);
    if (!cq || maxCount <= 0) return { messages: [], nextOffset: Math.max(offset, cq?.min ?? 0) };
    const filter = opts.tagFilter;
    const maxBytes = opts.maxBytes ?? Number.MAX_SAFE_INTEGER;
    const scanLimit = filter ? Math.min(cq.max, Math.max(offset, cq.min) + (opts.maxScan ?? Number.MAX_SAFE_INTEGER)) : cq.max;
    const messages: StoredMessage[] = [];
    let bytes = 0;
    let next = Math.max(offset, cq.min);
    while (messages.length < maxCount && next < scanLimit) {
      const want = filter ? Math.min(FILTER_SCAN_STEP, scanLimit - next) : Math.min(maxCount - messages.length, scanLimit - next);
      const { first, entries: raw } = await cq.readEntries(next, want);
      next = first;
      const count = raw.length / CQ_ENTRY_BYTES;
      const logMin = this.log.minOffset;
      // Which entries need the log: skip those below the log's start and those whose tag is known to fail.
      const wanted: { queueOffset: number; e: CqEntry }[] = [];
      for (let i = 0; i < count; i++) {
        const e = decodeEntry(raw, i * CQ_ENTRY_BYTES);
        if (e.commitLogOffset < logMin) continue;
        if (filter) {
          const name = e.tagHash === 0 ? undefined : this.tagNames.get(e.tagHash);
          if ((e.tagHash === 0 || typeof name === 'string') && !filter(name ?? undefined)) continue;
        }
        wanted.push({ queueOffset: next + i, e });
      }
      const fetched = await this.fetch(wanted.map((w) => w.e));
      let stoppedAt = -1;
      for (let i = 0; i < wanted.length; i++) {
        const msg = fetched[i];
        const w = wanted[i]!;
        if (!msg) continue; // removed by retention meanwhile
        if (msg.topic !== topic || msg.queueId !== queueId || msg.queueOffset !== w.queueOffset) {
          throw new StoreCorruptError(`consume queue ${topic}/${queueId} offset ${w.queueOffset} points at another record`);
        }
        if (msg.tag !== undefined) this.rememberTag(w.e.tagHash, msg.tag);
        if (filter && !filter(msg.tag)) continue;
        if (messages.length >= maxCount || (messages.length > 0 && bytes + msg.storeSize > maxBytes)) {
          stoppedAt = w.queueOffset;
          break;
        }
        messages.push(msg);
        bytes += msg.storeSize;
      }
      if (stoppedAt >= 0) return { messages, nextOffset: stoppedAt };
      next += count;
      if (count === 0) break;
      if (bytes >= maxBytes) break;
    }
    return { messages, nextOffset: next };
  }

  /**
   * Reads the records of `entries` (ascending log offsets): one positional read per run of nearby records, all runs
   * in parallel. Each message is a view of its run's buffer.
   */
  private async fetch(entries: CqEntry[]): Promise<(StoredMessage | undefined)[]> {
    const out = new Array<StoredMessage | undefined>(entries.length);
    const runs: Promise<void>[] = [];
    let i = 0;
    while (i < entries.length) {
      const first = entries[i]!;
      const seg = this.log.segmentFor(first.commitLogOffset);
      if (!seg) {
        out[i++] = undefined;
        continue;
      }
      const segEnd = seg.base + seg.length;
      let j = i + 1;
      let end = first.commitLogOffset + first.size;
      while (j < entries.length) {
        const e = entries[j]!;
        const eEnd = e.commitLogOffset + e.size;
        if (e.commitLogOffset < end || e.commitLogOffset - end > READ_GAP_BYTES || eEnd > segEnd) break;
        if (eEnd - first.commitLogOffset > MAX_READ_SPAN_BYTES) break;
        end = eEnd;
        j++;
      }
      const from = i;
      const to = j;
      runs.push(
        this.log.read(first.commitLogOffset, end - first.commitLogOffset).then((buf) => {
          for (let k = from; k < to; k++) {
            const e = entries[k]!;
            out[k] = buf ? this.decodeAt(buf, e.commitLogOffset - first.commitLogOffset, e.commitLogOffset, !seg.verified) : undefined;
          }
        }),
      );
      i = j;
    }
    await Promise.all(runs);
    return out;
  }

  private decodeAt(buf: Buffer, pos: number, commitLogOffset: number, checkCrc: boolean): StoredMessage {
    const check = checkCrc ? checkFrame(buf, pos, buf.length) : checkFrameHeader(buf, pos, buf.length);
    if (!check.ok) throw new StoreCorruptError(`commit-log record at ${commitLogOffset} is damaged (${check.reason})`);
    return decodeRecord(buf, pos, commitLogOffset);
  }

  queueRange(topic: string, queueId: number): QueueRange {
    const cq = this.topics.get(topic)?.get(queueId);
    return cq ? { min: cq.min, max: cq.max } : { min: 0, max: 0 };
  }

  /** When the message at a queue offset was stored; undefined outside the queue's range. */
  storeTimeAt(topic: string, queueId: number, offset: number): number | undefined {
    const cq = this.topics.get(topic)?.get(queueId);
    if (!cq || offset < cq.min || offset >= cq.max) return undefined;
    return cq.entrySync(offset).storeTimestamp;
  }

  /** Queue ids that have ever been written for the topic. */
  queues(topic: string): number[] {
    return [...(this.topics.get(topic)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** Topics that have consume queues. */
  topicNames(): string[] {
    return [...this.topics.keys()];
  }

  async getByCommitLogOffset(offset: number): Promise<StoredMessage | undefined> {
    if (this.closed) throw new StoreClosedError();
    if (!Number.isSafeInteger(offset) || offset < this.log.minOffset || offset >= this.dispatchedEnd) return undefined;
    const seg = this.log.segmentFor(offset);
    if (!seg) return undefined;
    const avail = seg.base + seg.length - offset;
    const head = await this.log.read(offset, Math.min(avail, 4096));
    if (!head || head.length < 12) return undefined;
    const size = head.readUInt32LE(0);
    const buf = size <= head.length ? head : size <= avail ? await this.log.read(offset, size) : undefined;
    if (!buf) return undefined;
    const check = checkFrame(buf, 0, buf.length);
    if (!check.ok) return undefined; // not the start of a record
    return decodeRecord(buf.length === check.size ? buf : buf.subarray(0, check.size), 0, offset);
  }

  async getByMessageId(messageId: string): Promise<StoredMessage | undefined> {
    for (const offset of await this.index.candidates(idHash(messageId))) {
      const msg = await this.getByCommitLogOffset(offset);
      if (msg && msg.messageId === messageId) return msg;
    }
    return undefined;
  }

  /** Every stored copy of a message id (the original, its retry and dead-letter copies), newest first. */
  async messagesById(messageId: string, max = 16): Promise<StoredMessage[]> {
    const out: StoredMessage[] = [];
    for (const offset of await this.index.candidates(idHash(messageId))) {
      if (out.length >= max) break;
      const msg = await this.getByCommitLogOffset(offset);
      if (msg && msg.messageId === messageId && (this.checkpoint.deletedTopics[msg.topic] ?? -1) <= offset) out.push(msg);
    }
    return out;
  }

  /** Messages of `topic` carrying `key`, newest first, stored within [beginMs, endMs]. */
  async queryByKey(topic: string, key: string, opts: { beginMs?: number; endMs?: number; max?: number } = {}): Promise<StoredMessage[]> {
    const begin = opts.beginMs ?? 0;
    const end = opts.endMs ?? Number.MAX_SAFE_INTEGER;
    const max = opts.max ?? 64;
    const out: StoredMessage[] = [];
    for (const offset of await this.index.candidates(keyHash(topic, key), begin, end)) {
      if (out.length >= max) break;
      const msg = await this.getByCommitLogOffset(offset);
      if (!msg || msg.topic !== topic || !msg.keys.includes(key)) continue;
      if (msg.storeTimestamp < begin || msg.storeTimestamp > end) continue;
      if ((this.checkpoint.deletedTopics[topic] ?? -1) > offset) continue;
      out.push(msg);
    }
    return out;
  }

  /** First offset whose store time is >= timestampMs (max if none). */
  searchOffsetByTime(topic: string, queueId: number, timestampMs: number): number {
    const cq = this.topics.get(topic)?.get(queueId);
    if (!cq) return 0;
    return cq.lowerBound((e) => e.storeTimestamp >= timestampMs);
  }

  // ---------------------------------------------------------------- consumer offsets

  /** In memory at once; persisted on the flush interval and at close (a crash loses at most one interval). */
  commitOffset(group: string, topic: string, queueId: number, offset: number): void {
    let topics = this.offsets.get(group);
    if (!topics) this.offsets.set(group, (topics = new Map<string, Map<number, number>>()));
    let queues = topics.get(topic);
    if (!queues) topics.set(topic, (queues = new Map<number, number>()));
    if (queues.get(queueId) !== offset) {
      queues.set(queueId, offset);
      this.offsetsDirty = true;
    }
  }

  getOffset(group: string, topic: string, queueId: number): number | undefined {
    return this.offsets.get(group)?.get(topic)?.get(queueId);
  }

  /** Forgets a group's offsets on one topic, or on every topic (persisted like commits). */
  deleteOffsets(group: string, topic?: string): void {
    const topics = this.offsets.get(group);
    if (!topics) return;
    if (topic === undefined) this.offsets.delete(group);
    else if (!topics.delete(topic)) return;
    this.offsetsDirty = true;
  }

  // ---------------------------------------------------------------- topics, stats, lifecycle

  /** Drops the topic's consume queues and offsets; its log records age out with their segments. */
  async deleteTopic(topic: string): Promise<void> {
    if (this.closed) throw new StoreClosedError();
    await this.lock.run(async () => {
      await this.settleAll(); // no write of this topic's records may publish after its queues are gone
      const queues = this.topics.get(topic);
      this.topics.delete(topic);
      for (const cq of queues?.values() ?? []) {
        this.dirtyQueues.delete(cq);
        await cq.close();
      }
      await this.files.rm(`${this.opts.dir}/consumequeue/${topicDirName(topic)}`);
      for (const topics of this.offsets.values()) if (topics.delete(topic)) this.offsetsDirty = true;
      this.checkpoint.deletedTopics[topic] = this.log.endOffset;
      await this.saveCheckpoint({ ...this.checkpoint, clean: false });
    });
  }

  stats(): StoreStats {
    let cqBytes = 0;
    for (const queues of this.topics.values()) for (const cq of queues.values()) cqBytes += CQ_HEADER_BYTES + (cq.max - cq.base) * CQ_ENTRY_BYTES;
    return {
      diskBytes: this.log.diskBytes + cqBytes,
      segments: this.log.segments.length,
      topics: this.topics.size,
      logBytes: this.log.diskBytes,
      minOffset: this.log.minOffset,
      maxOffset: this.dispatchedEnd,
      flushedOffset: this.flushedOffset,
    };
  }

  /** Waits for queued appends, then makes the log, queues, offsets and checkpoint durable. */
  async flush(): Promise<void> {
    while (this.draining || this.drainScheduled || this.pending.length > 0) {
      if (this.draining) await this.draining;
      else await new Promise((r) => setImmediate(r));
    }
    await this.persist();
  }

  private backgroundTick(): void {
    if (this.closed) return;
    void this.persist()
      .then(() => this.enforceRetention())
      .catch((err: Error) => this.onBackgroundError(err));
  }

  /** One flush round; rounds never overlap. */
  private persist(clean = false): Promise<void> {
    const run = async (): Promise<void> => {
      while (this.periodic) await this.periodic.catch(() => undefined);
      const round = this.persistRound(clean);
      this.periodic = round;
      try {
        await round;
      } finally {
        if (this.periodic === round) this.periodic = undefined;
      }
    };
    return run();
  }

  private async persistRound(clean: boolean): Promise<void> {
    const dispatched = this.dispatchedEnd;
    const queues = [...this.dirtyQueues];
    this.dirtyQueues.clear();
    // The log fsync and the queue files' writes and fsyncs overlap: a queue entry durable before its record is
    // harmless, because recovery trusts queue files only below the checkpoint's `dispatched`, written after both.
    const [logSync, queueSync] = await Promise.allSettled([
      this.log.fsync().then((end) => {
        this.flushedOffset = Math.max(this.flushedOffset, end);
      }),
      this.persistQueues(queues),
    ]);
    if (logSync.status === 'rejected') throw logSync.reason;
    if (queueSync.status === 'rejected') throw queueSync.reason;
    for (const topicQueues of this.topics.values()) {
      for (const cq of topicQueues.values()) if (cq.min - cq.base >= this.compactMinEntries) await cq.compact(this.compactMinEntries);
    }
    await this.indexChain;
    this.checkpoint = { ...this.checkpoint, clean, flushed: this.flushedOffset, dispatched: Math.min(dispatched, this.flushedOffset) };
    await this.saveCheckpoint(this.checkpoint);
    if (this.offsetsDirty) {
      this.offsetsDirty = false;
      try {
        await writeOffsets(this.files, this.opts.dir, this.offsets);
      } catch (err) {
        this.offsetsDirty = true;
        throw err;
      }
    }
  }

  /** Writes and fsyncs the queues' in-memory entries, a few files at a time so that log writes still get the I/O
   * threads. A queue that fails stays dirty: the checkpoint must not move past entries its file does not hold. */
  private async persistQueues(queues: ConsumeQueue[]): Promise<void> {
    let next = 0;
    let failure: { err: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (next < queues.length) {
        const cq = queues[next++]!;
        try {
          await cq.flush();
          await cq.sync();
        } catch (err) {
          if (!cq.closed) this.dirtyQueues.add(cq);
          failure ??= { err };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(QUEUE_FLUSH_PARALLELISM, queues.length) }, worker));
    if (failure) throw failure.err;
  }

  private saveCheckpoint(c: Checkpoint): Promise<void> {
    return this.checkpointLock.run(() => writeCheckpoint(this.files, this.opts.dir, c));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true; // new appends are refused; queued ones still complete
    clearInterval(this.timer);
    await this.flush();
    if (this.syncing) await this.syncing;
    await this.indexChain;
    await this.lock.run(async () => {
      for (const queues of this.topics.values()) for (const cq of queues.values()) this.dirtyQueues.add(cq);
      await this.persistRound(false);
      for (const queues of this.topics.values()) for (const cq of queues.values()) await cq.close();
      await this.log.close();
      this.checkpoint = { ...this.checkpoint, clean: true, flushed: this.dispatchedEnd, dispatched: this.dispatchedEnd };
      await this.saveCheckpoint(this.checkpoint);
    });
    await this.dirLock.release();
  }
}

