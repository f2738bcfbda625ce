// Consumption state of one consumer group on one store queue (a topic queue or the group's retry queue):
// messages below `committed` are finished (durable through the store's consumer offsets); between committed and
// `cursor` each offset is done, ready (read, not handed out: FIFO-blocked or redelivered in place), in flight
// (handed out, invisible until visibleAt) or reviving (being copied to the retry or dead-letter topic).
import type { StoredMessage } from '../storage/types.js';
import { messageGroupOf } from './properties.js';
import type { MessageStoreApi } from './store-api.js';
import type { TailCache } from './tail-cache.js';
import { MATCH_ALL, type TagFilter } from './tag-filter.js';

export interface PopContext {
  max: number;
  filter: TagFilter;
  invisibleMs: number;
  autoRenew: boolean;
  clientId: string;
  /** Consume orderly: one message per message group in flight, retries in place. */
  fifo: boolean;
  now: number;
  nextSeq: () => number;
  maxBytes: number;
}

export interface Popped {
  msg: StoredMessage;
  attempt: number;
  seq: number;
}

export interface InflightEntry {
  offset: number;
  commitLogOffset: number;
  messageId: string;
  messageGroup?: string;
  attempt: number;
  visibleAt: number;
  seq: number;
  autoRenew: boolean;
  clientId: string;
  firstDeliveredAt: number;
  /** The consumer gave it back (nack): redeliver when visible even if auto-renewing. */
  released: boolean;
}

interface ReadyEntry {
  offset: number;
  commitLogOffset: number;
  attempt: number;
  messageGroup?: string;
  msg?: StoredMessage;
}

/** Cap of messages read ahead and held back (FIFO-blocked) per queue, to bound memory. */
const READY_LIMIT = 2_000;

export class PopQueue {
  readonly group: string;
  readonly storeTopic: string;
  readonly storeQueueId: number;
  readonly brokerName: string;
  committed: number;
  cursor: number;
  readonly ready: ReadyEntry[] = [];
  readonly inflight = new Map<number, InflightEntry>();
  readonly done = new Set<number>();
  readonly reviving = new Set<number>();
  /** FIFO: message group → offset of its message in flight. */
  readonly busy = new Map<string, number>();
  readonly #store: MessageStoreApi;
  readonly #tail: TailCache | undefined;
  #lock: Promise<unknown> = Promise.resolve();
  #pops = 0;
  #persisted: number;

  constructor(store: MessageStoreApi, group: string, storeTopic: string, storeQueueId: number, brokerName: string, tail?: TailCache) {
    this.#store = store;
    this.#tail = tail;
    this.group = group;
    this.storeTopic = storeTopic;
    this.storeQueueId = storeQueueId;
    this.brokerName = brokerName;
    const range = store.queueRange(storeTopic, storeQueueId);
    const saved = store.getOffset(group, storeTopic, storeQueueId);
    this.committed = Math.max(saved ?? range.min, range.min);
    this.cursor = this.committed;
    this.#persisted = saved ?? -1;
  }

  /** Anything that a pop could return right now or after reading further. */
  hasCandidates(): boolean {
    return this.ready.length > 0 || this.cursor < this.#store.queueRange(this.storeTopic, this.storeQueueId).max;
  }

  /** Upper bound of what a pop could hand out now (ready entries plus unread offsets; some may be done or filtered). */
  backlog(): number {
    return this.ready.length + Math.max(0, this.#store.queueRange(this.storeTopic, this.storeQueueId).max - this.cursor);
  }

  /** A pop is running or queued: another receive is taking from this queue right now. */
  get popping(): boolean {
    return this.#pops > 0;
  }

  /** Resolves once the pops running or queued now have finished. */
  idle(): Promise<void> {
    return this.#lock.then(() => undefined);
  }

  pop(ctx: PopContext): Promise<Popped[]> {
    this.#pops++;
    const run = this.#lock.then(() => this.#pop(ctx)).finally(() => this.#pops--);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  async #pop(ctx: PopContext): Promise<Popped[]> {
    const out: Popped[] = [];
    const claimed = new Set<string>();
    // Held-back and redelivered messages first: they are older than anything unread.
    for (let i = 0; i < this.ready.length && out.length < ctx.max; ) {
      const r = this.ready[i]!;
      const g = ctx.fifo ? r.messageGroup : undefined;
      if (g !== undefined && (this.busy.has(g) || claimed.has(g))) {
        if (g !== undefined) claimed.add(g);
        i++;
        continue;
      }
      const msg = r.msg ?? (await this.#store.getByCommitLogOffset(r.commitLogOffset));
      this.ready.splice(i, 1);
      if (!msg) {
        this.markDone(r.offset);
        continue;
      }
      if (g !== undefined) claimed.add(g);
      out.push(this.#handOut(msg, r.attempt, ctx));
    }
    let bytes = 0;
    while (out.length < ctx.max && this.ready.length < READY_LIMIT && bytes < ctx.maxBytes) {
      const range = this.#store.queueRange(this.storeTopic, this.storeQueueId);
      if (this.cursor < range.min) {
        for (let o = this.cursor; o < range.min && o < this.cursor + 1_000_000; o++) this.done.delete(o);
        this.cursor = range.min;
        if (this.committed < range.min) this.#setCommitted(range.min);
      }
      if (this.cursor >= range.max) break;
      const want = Math.min(Math.max(ctx.max - out.length, 8), 64);
      const opts = { maxBytes: ctx.maxBytes - bytes, tagFilter: ctx.filter === MATCH_ALL ? undefined : ctx.filter, maxScan: 4096 };
      // Messages appended a moment ago come from the engine's tail cache; older ones from the store.
      const { messages: batch, nextOffset } =
        this.#tail?.read(this.storeTopic, this.storeQueueId, this.cursor, want, opts) ??
        (await this.#store.readBatch(this.storeTopic, this.storeQueueId, this.cursor, want, opts));
      if (batch.length === 0 && nextOffset <= this.cursor) break;
      let expect = this.cursor;
      for (const m of batch) {
        if (m.queueOffset < this.cursor) continue;
        // Offsets the store skipped were filtered out by tag (or removed by retention): finished for this group.
        for (let o = expect; o < m.queueOffset; o++) this.done.add(o);
        expect = m.queueOffset + 1;
        this.cursor = m.queueOffset + 1;
        bytes += m.body.length;
        if (this.done.has(m.queueOffset)) continue;
        const attempt = m.reconsumeTimes + 1;
        const g = ctx.fifo ? messageGroupOf(m) : undefined;
        if (out.length >= ctx.max || (g !== undefined && (this.busy.has(g) || claimed.has(g)))) {
          this.ready.push({ offset: m.queueOffset, commitLogOffset: m.commitLogOffset, attempt, messageGroup: g, msg: m });
          if (g !== undefined) claimed.add(g);
          continue;
        }
        if (g !== undefined) claimed.add(g);
        out.push(this.#handOut(m, attempt, ctx));
      }
      for (let o = expect; o < nextOffset; o++) this.done.add(o);
      if (nextOffset > this.cursor) this.cursor = nextOffset;
      this.#advance();
    }
    return out;
  }

  #handOut(msg: StoredMessage, attempt: number, ctx: PopContext): Popped {
    const seq = ctx.nextSeq();
    const g = messageGroupOf(msg);
    this.inflight.set(msg.queueOffset, {
      offset: msg.queueOffset,
      commitLogOffset: msg.commitLogOffset,
      messageId: msg.messageId,
      messageGroup: g,
      attempt,
      visibleAt: ctx.now + ctx.invisibleMs,
      seq,
      autoRenew: ctx.autoRenew,
      clientId: ctx.clientId,
      firstDeliveredAt: ctx.now,
      released: false,
    });
    if (ctx.fifo && g !== undefined) this.busy.set(g, msg.queueOffset);
    return { msg, attempt, seq };
  }

  /** Finds the in-flight entry a receipt handle names (same delivery), or undefined. */
  entry(offset: number, seq: number): InflightEntry | undefined {
    const e = this.inflight.get(offset);
    return e && e.seq === seq ? e : undefined;
  }

  /** Removes an in-flight entry (acked, forwarded or expired) and unblocks its message group. */
  takeInflight(offset: number): InflightEntry | undefined {
    const e = this.inflight.get(offset);
    if (!e) return undefined;
    this.inflight.delete(offset);
    if (e.messageGroup !== undefined && this.busy.get(e.messageGroup) === offset) this.busy.delete(e.messageGroup);
    return e;
  }

  /** Puts a FIFO message back at its place for an in-place redelivery. */
  requeue(e: InflightEntry, attempt: number): void {
    const r: ReadyEntry = { offset: e.offset, commitLogOffset: e.commitLogOffset, attempt, messageGroup: e.messageGroup };
    let i = this.ready.findIndex((x) => x.offset > e.offset);
    if (i < 0) i = this.ready.length;
    this.ready.splice(i, 0, r);
  }

  /** Acks an offset nobody holds in this run (a receipt from before a restart). */
  acceptStale(offset: number): boolean {
    if (offset < this.committed || this.inflight.has(offset) || this.reviving.has(offset)) return false;
    if (this.ready.some((r) => r.offset === offset)) {
      const i = this.ready.findIndex((r) => r.offset === offset);
      this.ready.splice(i, 1);
    }
    this.markDone(offset);
    return true;
  }

  /**
   * Everything below `offset` is finished (another consumer of the group, a 4.x puller, committed it): what is ready
   * or in flight below it is dropped, and the next pop starts there at the earliest.
   */
  advanceTo(offset: number): void {
    if (offset <= this.committed) return;
    for (let i = this.ready.length - 1; i >= 0; i--) if (this.ready[i]!.offset < offset) this.ready.splice(i, 1);
    for (const o of [...this.inflight.keys()]) if (o < offset) this.takeInflight(o);
    for (const o of [...this.done]) if (o < offset) this.done.delete(o);
    if (this.cursor < offset) this.cursor = offset;
    this.#setCommitted(offset);
    this.#advance();
  }

  markDone(offset: number): void {
    if (offset < this.committed) return;
    this.done.add(offset);
    this.#advance();
  }

  #advance(): void {
    let c = this.committed;
    while (this.done.has(c)) {
      this.done.delete(c);
      c++;
    }
    if (c !== this.committed) this.#setCommitted(c);
  }

  #setCommitted(c: number): void {
    this.committed = c;
    if (c !== this.#persisted) {
      this.#persisted = c;
      this.#store.commitOffset(this.group, this.storeTopic, this.storeQueueId, c);
    }
  }
}
