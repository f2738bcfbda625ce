// Consuming, for both protocols over one state per consumer group and queue: 5.x pops (receipt handles, invisible
// time) and 4.x pulls by offset share the same PopQueue, so offsets committed by either are what the other
// continues from, and retries written for either are delivered to both.
import type { Clock } from '../../domain/clock.js';
import { retryTopicOf } from '../../domain/topic.js';
import type { StoredMessage } from '../storage/types.js';
import type { Appender } from './appender.js';
import { DeadlineQueue } from './deadline-queue.js';
import { EngineError, groupNotFound, invalidHandle, topicNotFound } from './errors.js';
import type { Limits } from './limits.js';
import type { Metadata } from './metadata.js';
import { PopQueue, type InflightEntry, type Popped } from './pop-queue.js';
import { Prop, deliverAtOf, messageGroupOf, messageTypeOf, originTopicOf, userPropertiesOf } from './properties.js';
import { brokerOrdinalOf, queueIdOf, storeQueueId } from './queue-map.js';
import { decodeReceiptHandle, encodeReceiptHandle } from './receipt-handle.js';
import type { MessageStoreApi } from './store-api.js';
import { MATCH_ALL, parseTagFilter, type TagFilter } from './tag-filter.js';
import type { TailCache } from './tail-cache.js';
import { retryBackoff } from './tunables.js';
import type {
  Delivery, EngineQueue, EngineTunables, GroupProgressRow, GroupSpec, PullRequest, PullResult, ReceiveRequest, TopicSpec,
} from './types.js';

/** Most bytes of message bodies one receive hands out (the batch is cut short beyond). */
const MAX_RECEIVE_BYTES = 16 * 1024 * 1024;
/** Messages a pull examines before answering with what it found (bounds work on a heavily filtered queue). */
const MAX_PULL_SCAN = 4096;

export interface ExpiryItem {
  pq: PopQueue;
  offset: number;
  seq: number;
}

export interface ConsumerDeps {
  store: MessageStoreApi;
  meta: Metadata;
  limits: Limits;
  appender: Appender;
  tail: TailCache;
  tunables: EngineTunables;
  clock: Clock;
  isClientAlive: (clientId: string) => boolean;
  liveConsumersOf: (group: string) => Set<string>;
}

export class Consumer {
  readonly expiry: DeadlineQueue<ExpiryItem>;
  /** Receipt handles of an earlier run of the broker are told apart by this. */
  readonly #epoch = Math.floor(Math.random() * 0x3fffffff);
  readonly #d: ConsumerDeps;
  readonly #popQueues = new Map<string, PopQueue>();
  readonly #roundRobin = new Map<string, number>();
  #seq = 0;
  #closed = false;
  onExpired: (items: ExpiryItem[]) => void = () => undefined;

  constructor(deps: ConsumerDeps) {
    this.#d = deps;
    this.expiry = new DeadlineQueue<ExpiryItem>((items) => this.onExpired(items), deps.clock);
  }

  nextSeq(): number {
    return ++this.#seq;
  }

  close(): void {
    this.#closed = true;
    this.expiry.close();
    this.#d.appender.notifier.wakeAll();
  }

  popQueue(group: string, storeTopic: string, sq: number, brokerName: string): PopQueue {
    const key = pqKey(group, storeTopic, sq);
    let pq = this.#popQueues.get(key);
    if (!pq) {
      pq = new PopQueue(this.#d.store, group, storeTopic, sq, brokerName, this.#d.tail);
      this.#popQueues.set(key, pq);
    }
    return pq;
  }

  /** Forgets consumption state (a topic or group deleted, a subscription dropped). */
  forget(match: (pq: PopQueue) => boolean): void {
    for (const [k, pq] of this.#popQueues) if (match(pq)) this.#popQueues.delete(k);
  }

  inflightCount(): number {
    let n = 0;
    for (const pq of this.#popQueues.values()) n += pq.inflight.size;
    return n;
  }

  #readableGroup(name: string): GroupSpec {
    const g = this.#d.meta.group(name);
    if (!g) throw groupNotFound(name);
    if (!g.enabled) throw new EngineError('FORBIDDEN', `consumer group ${g.name} is disabled`);
    return g;
  }

  #readableTopic(name: string): TopicSpec {
    const t = this.#d.meta.topic(name);
    if (!t) throw topicNotFound(name);
    if (t.perm === 'pub') throw new EngineError('FORBIDDEN', `topic ${t.name} cannot be consumed (perm pub)`);
    return t;
  }

  storeQueue(t: TopicSpec, q: EngineQueue): number {
    const ordinal = this.#d.meta.brokerNames.indexOf(q.brokerName);
    if (ordinal < 0 || !t.brokers.includes(q.brokerName) || !(q.queueId >= 0 && q.queueId < t.queueNum)) {
      throw new EngineError('BAD_REQUEST', `topic ${t.name} has no queue ${q.queueId} on ${q.brokerName}`);
    }
    return storeQueueId(ordinal, q.queueId);
  }

  // ---- 5.x: pop with receipt handles --------------------------------------------------------------------------

  async receive(req: ReceiveRequest): Promise<Delivery[]> {
    const g = this.#readableGroup(req.group);
    const t = this.#readableTopic(req.topic);
    const filter = parseTagFilter(req.filter);
    const brokers = req.brokerName && t.brokers.includes(req.brokerName) ? [req.brokerName] : t.brokers;
    const retryTopic = retryTopicOf(g.name);
    const queues: { pq: PopQueue; retry: boolean }[] = [];
    for (const b of brokers) {
      const ordinal = this.#d.meta.brokerNames.indexOf(b);
      queues.push({ pq: this.popQueue(g.name, retryTopic, storeQueueId(ordinal, 0), b), retry: true });
      for (let id = 0; id < t.queueNum; id++) queues.push({ pq: this.popQueue(g.name, t.name, storeQueueId(ordinal, id), b), retry: false });
    }
    const clock = this.#d.clock;
    const notifier = this.#d.appender.notifier;
    const batch = Math.max(1, Math.min(req.batchSize || 32, 1024));
    const deadline = clock.now() + Math.max(0, Math.min(req.longPollMs, this.#d.tunables.longPollMs));
    const rrKey = `${g.name}\u0000${t.name}\u0000${req.brokerName ?? ''}`;
    for (;;) {
      const seen = new Map([
        [t.name, notifier.version(t.name)],
        [retryTopic, notifier.version(retryTopic)],
      ]);
      this.#d.limits.checkReceive(g.name);
      const start = this.#roundRobin.get(rrKey) ?? 0;
      this.#roundRobin.set(rrKey, (start + 1) % queues.length);
      // Share the batch out over the queues that hold messages, in round-robin order, and pop them all at once: a
      // receive then costs one storage read of latency, not one per queue. Queues another receive is popping are left
      // to it (waiting for its lock would only find what it left behind). A queue may hand out less than its share
      // (FIFO groups in flight, filtered or finished messages): the rest goes to the queues not tried yet.
      const out: Delivery[] = [];
      const tried = new Set<PopQueue>();
      let busy: PopQueue[] = [];
      while (out.length < batch) {
        const picks: { pq: PopQueue; retry: boolean; max: number }[] = [];
        busy = [];
        let want = batch - out.length;
        for (let k = 0; k < queues.length && want > 0; k++) {
          const { pq, retry } = queues[(start + k) % queues.length]!;
          if (tried.has(pq)) continue;
          const backlog = pq.backlog();
          if (backlog === 0) continue;
          if (pq.popping) {
            busy.push(pq);
            continue;
          }
          const max = Math.min(want, backlog);
          tried.add(pq);
          picks.push({ pq, retry, max });
          want -= max;
        }
        if (picks.length === 0) break;
        let popped: Delivery[];
        try {
          popped = await this.#popAll(picks, g, req, filter);
        } catch (e) {
          if (out.length === 0) throw e;
          break; // hand out what the earlier round took rather than leave it invisible
        }
        for (const d of popped) out.push(d);
      }
      if (out.length > 0) {
        this.#d.limits.tookDeliveries(g.name, out.length);
        return out;
      }
      const left = deadline - clock.now();
      if (left <= 0 || req.signal?.aborted || this.#closed) return out;
      // Queues another receive was popping may hold more than it took: look again once it is done.
      if (busy.length > 0) {
        await Promise.race(busy.map((pq) => pq.idle()));
        continue;
      }
      await notifier.wait(seen, left, req.signal);
    }
  }

  /** Pops the picked queues concurrently; what a failed pop would have handed out is lost to none of the others. */
  async #popAll(picks: { pq: PopQueue; retry: boolean; max: number }[], g: GroupSpec, req: ReceiveRequest, filter: TagFilter): Promise<Delivery[]> {
    const now = this.#d.clock.now();
    const nextSeq = (): number => this.nextSeq();
    const settled = await Promise.allSettled(
      picks.map(({ pq, retry, max }) =>
        pq.pop({
          max,
          filter: retry ? MATCH_ALL : filter,
          invisibleMs: req.invisibleMs,
          autoRenew: req.autoRenew,
          clientId: req.clientId,
          fifo: g.consumeOrderly,
          now,
          nextSeq,
          maxBytes: MAX_RECEIVE_BYTES,
        }),
      ),
    );
    const out: Delivery[] = [];
    let failure: unknown;
    settled.forEach((r, i) => {
      if (r.status === 'rejected') failure ??= r.reason;
      else for (const p of r.value) out.push(this.#deliver(picks[i]!.pq, p, req.invisibleMs, now));
    });
    // The first rejection, rethrown as it came (an engine error the caller maps to a status).
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (out.length === 0 && failure !== undefined) throw failure;
    return out;
  }

  #deliver(pq: PopQueue, p: Popped, invisibleMs: number, now: number): Delivery {
    const m = p.msg;
    this.expiry.add(now + invisibleMs, { pq, offset: m.queueOffset, seq: p.seq });
    const d: Delivery = {
      message: m,
      topic: originTopicOf(m),
      brokerName: pq.brokerName,
      queueId: queueIdOf(pq.storeQueueId),
      queueOffset: m.queueOffset,
      messageType: messageTypeOf(m),
      userProperties: userPropertiesOf(m.properties),
      receiptHandle: this.handle(pq, m.queueOffset, p.seq),
      deliveryAttempt: p.attempt,
      invisibleMs,
    };
    const group = messageGroupOf(m);
    if (group !== undefined) d.messageGroup = group;
    const at = deliverAtOf(m);
    if (at !== undefined) d.deliveryTimestamp = at;
    const trace = m.properties[Prop.TRACE_CONTEXT];
    if (trace) d.traceContext = trace;
    return d;
  }

  handle(pq: PopQueue, offset: number, seq: number): string {
    return encodeReceiptHandle({ epoch: this.#epoch, seq, storeTopic: pq.storeTopic, storeQueueId: pq.storeQueueId, offset });
  }

  /** Resolves a receipt handle of the group to its queue state (and the live delivery, when it is one). */
  resolveHandle(group: string, handle: string): { pq: PopQueue; offset: number; seq: number; e?: InflightEntry; stale: boolean } {
    const g = this.#d.meta.group(group);
    if (!g) throw groupNotFound(group);
    const h = decodeReceiptHandle(handle);
    const retry = h.storeTopic === retryTopicOf(group);
    if (!retry && !this.#d.meta.topic(h.storeTopic)) throw invalidHandle('its topic no longer exists');
    const brokerName = this.#d.meta.brokerNames[brokerOrdinalOf(h.storeQueueId)];
    if (brokerName === undefined) throw invalidHandle('unknown broker');
    const pq = this.popQueue(group, h.storeTopic, h.storeQueueId, brokerName);
    if (h.epoch !== this.#epoch) return { pq, offset: h.offset, seq: h.seq, stale: true };
    return { pq, offset: h.offset, seq: h.seq, e: pq.entry(h.offset, h.seq), stale: false };
  }

  ack(group: string, handle: string): void {
    const r = this.resolveHandle(group, handle);
    if (r.stale) {
      if (!r.pq.acceptStale(r.offset)) throw invalidHandle('expired or already acknowledged');
      return;
    }
    if (!r.e) throw invalidHandle('expired or already acknowledged');
    r.pq.takeInflight(r.offset);
    r.pq.markDone(r.offset);
    if (r.e.messageGroup !== undefined) this.#d.appender.notifier.notify(r.pq.storeTopic);
  }

  /** Extends or shortens the invisible time; returns the receipt handle that replaces the given one. */
  changeInvisibleDuration(group: string, handle: string, invisibleMs: number): string {
    if (!Number.isFinite(invisibleMs) || invisibleMs < 0 || invisibleMs > 12 * 3_600_000) {
      throw new EngineError('ILLEGAL_INVISIBLE_TIME', 'invisible duration must be 0..12 h');
    }
    const r = this.resolveHandle(group, handle);
    if (!r.e) throw invalidHandle('expired or already acknowledged');
    const e = r.e;
    let ms = invisibleMs;
    if (e.autoRenew) {
      // A push consumer gives the message back (nack). Its delay arrives in the wrong unit (seconds sent as ms),
      // so the engine's own backoff for this attempt is the floor.
      ms = Math.max(ms, retryBackoff(this.#d.tunables, e.attempt));
      e.released = true;
    }
    e.seq = this.nextSeq();
    e.visibleAt = this.#d.clock.now() + ms;
    this.expiry.add(e.visibleAt, { pq: r.pq, offset: r.offset, seq: e.seq });
    return this.handle(r.pq, r.offset, e.seq);
  }

  // ---- 4.x: pull by offset --------------------------------------------------------------------------------------

  /** Messages of one queue from an offset on, tag-filtered; a retry copy not due yet stops the scan (kept in order). */
  async pull(req: PullRequest): Promise<PullResult> {
    this.#readableGroup(req.group);
    const t = this.#readableTopic(req.topic);
    const sq = this.storeQueue(t, req.queue);
    this.#d.limits.checkReceive(req.group);
    const filter = parseTagFilter(req.filter);
    const store = this.#d.store;
    const range = store.queueRange(t.name, sq);
    const out: StoredMessage[] = [];
    let offset = Math.max(req.offset, range.min);
    let scanned = 0;
    let bytes = 0;
    let dueAt: number | undefined;
    const now = this.#d.clock.now();
    scan: while (out.length < req.maxCount && offset < range.max && scanned < MAX_PULL_SCAN) {
      const batch = await store.read(t.name, sq, offset, Math.min(req.maxCount, 64), { maxBytes: req.maxBytes });
      if (batch.length === 0) break;
      for (const m of batch) {
        scanned++;
        if (out.length > 0 && bytes + m.body.length > req.maxBytes) break scan;
        const due = Number(m.properties[Prop.LEGACY_RETRY_AT] ?? 0);
        if (due > now) {
          dueAt = due;
          break scan;
        }
        offset = m.queueOffset + 1;
        if (filter === MATCH_ALL || filter(m.tag)) {
          out.push(m);
          bytes += m.body.length;
          if (out.length >= req.maxCount) break scan;
        }
      }
    }
    this.#d.limits.tookDeliveries(req.group, out.length);
    const result: PullResult = { messages: out, nextOffset: offset, range: store.queueRange(t.name, sq) };
    if (dueAt !== undefined) result.dueAt = dueAt;
    return result;
  }

  /** Resolves once the queue holds a message at or past `offset`, after ms, or on abort (4.x long polling). */
  async waitForMessages(topic: string, queue: EngineQueue, offset: number, ms: number, signal?: AbortSignal): Promise<void> {
    const t = this.#d.meta.topic(topic);
    if (!t) return;
    const sq = this.storeQueue(t, queue);
    const notifier = this.#d.appender.notifier;
    const deadline = this.#d.clock.now() + ms;
    for (;;) {
      const seen = new Map([[topic, notifier.version(topic)]]);
      const left = deadline - this.#d.clock.now();
      if (this.#d.store.queueRange(topic, sq).max > offset || left <= 0 || signal?.aborted || this.#closed) return;
      await notifier.wait(seen, left, signal);
    }
  }

  // ---- offsets, shared by both protocols ------------------------------------------------------------------------

  /** The group's committed offset of a queue (undefined when it never consumed it). */
  consumerOffset(group: string, topic: string, queue: EngineQueue): number | undefined {
    const t = this.#d.meta.topic(topic);
    if (!t) throw topicNotFound(topic);
    const sq = this.storeQueue(t, queue);
    const pq = this.#popQueues.get(pqKey(group, topic, sq));
    return pq ? pq.committed : this.#d.store.getOffset(group, topic, sq);
  }

  /**
   * Commits a group's offset of a queue (a 4.x consumer's progress, an offset reset): 5.x receives continue from it.
   * Forward, messages below it are finished; backward, the queue's consumption state starts over from it.
   */
  commitOffset(group: string, topic: string, queue: EngineQueue, offset: number): void {
    if (!this.#d.meta.group(group)) throw groupNotFound(group);
    const t = this.#d.meta.topic(topic);
    if (!t) throw topicNotFound(topic);
    const sq = this.storeQueue(t, queue);
    const range = this.#d.store.queueRange(topic, sq);
    const target = Math.min(Math.max(offset, range.min), range.max);
    const key = pqKey(group, topic, sq);
    const pq = this.#popQueues.get(key);
    if (pq && target >= pq.committed) {
      pq.advanceTo(target);
      return;
    }
    if (pq) this.#popQueues.delete(key);
    this.#d.store.commitOffset(group, topic, sq, target);
  }

  groupProgress(group: string, topics: TopicSpec[]): GroupProgressRow[] {
    if (!this.#d.meta.group(group)) throw groupNotFound(group);
    const subscribed = this.#d.liveConsumersOf(group);
    const rows: GroupProgressRow[] = [];
    for (const t of topics) {
      const perQueue: GroupProgressRow[] = [];
      let known = subscribed.has(t.name);
      for (const brokerName of t.brokers) {
        const ordinal = this.#d.meta.brokerNames.indexOf(brokerName);
        for (let id = 0; id < t.queueNum; id++) {
          const sq = storeQueueId(ordinal, id);
          const range = this.#d.store.queueRange(t.name, sq);
          const pq = this.#popQueues.get(pqKey(group, t.name, sq));
          const saved = pq ? pq.committed : this.#d.store.getOffset(group, t.name, sq);
          if (saved !== undefined) known = true;
          const consumerOffset = Math.max(saved ?? range.min, range.min);
          // Acked above the committed offset (out of order) is consumed already.
          const lag = Math.max(0, range.max - consumerOffset - (pq ? pq.done.size : 0));
          perQueue.push({
            topic: t.name,
            brokerName,
            queueId: id,
            brokerOffset: range.max,
            consumerOffset,
            lag,
            inflight: pq ? pq.inflight.size : 0,
            oldestUnackedTime: lag > 0 ? (this.#d.store.storeTimeAt(t.name, sq, consumerOffset) ?? 0) : 0,
            lastMessageTime: this.#d.appender.lastMessageTime(t.name, sq),
          });
        }
      }
      if (known) rows.push(...perQueue);
    }
    return rows;
  }
}

const pqKey = (group: string, topic: string, sq: number): string => `${group}\u0000${topic}\u0000${sq}`;
