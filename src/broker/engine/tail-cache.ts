// The newest messages of each store queue, kept as the engine appended them: consumers mostly read what was produced a
// moment ago, and a pop served from here needs no storage read (two file reads and a decode per queue otherwise).
// Only a contiguous run ending at the newest append the engine made is kept; anything else is read from the store.
import type { AppendRecord, AppendResult, StoredMessage } from '../storage/types.js';
import type { TagFilter } from './tag-filter.js';

/** Messages and body bytes kept per store queue; older ones are read from the store. */
const MAX_MESSAGES_PER_QUEUE = 1024;
const MAX_BYTES_PER_QUEUE = 2 * 1024 * 1024;
/** Above this in total the cache starts over (rare: many busy queues at once). */
const MAX_TOTAL_BYTES = 32 * 1024 * 1024;

interface QueueTail {
  /** Queue offset of messages[head]. */
  first: number;
  head: number;
  messages: StoredMessage[];
  bytes: number;
}

export class TailCache {
  readonly #queues = new Map<string, Map<number, QueueTail>>();
  #bytes = 0;

  /** Records what an append stored (results in the order of records). */
  add(records: AppendRecord[], results: AppendResult[]): void {
    for (let i = 0; i < records.length; i++) this.#addOne(records[i]!, results[i]!);
  }

  #addOne(r: AppendRecord, res: AppendResult): void {
    let byQueue = this.#queues.get(r.topic);
    if (!byQueue) this.#queues.set(r.topic, (byQueue = new Map<number, QueueTail>()));
    let q = byQueue.get(r.queueId);
    if (!q || q.first + (q.messages.length - q.head) !== res.queueOffset) {
      // First append, or a run the cache missed (dropped with its topic, a failed append): start over.
      if (q) this.#bytes -= q.bytes;
      q = { first: res.queueOffset, head: 0, messages: [], bytes: 0 };
      byQueue.set(r.queueId, q);
    }
    // A copy: the record's body may be a view of a much larger network buffer.
    const body = Buffer.from(r.body);
    const m: StoredMessage = {
      topic: r.topic,
      queueId: r.queueId,
      body,
      messageId: r.messageId,
      keys: r.keys ?? [],
      properties: r.properties ?? {},
      bornTimestamp: r.bornTimestamp,
      flag: r.flag ?? 0,
      sysFlag: r.sysFlag ?? 0,
      reconsumeTimes: r.reconsumeTimes ?? 0,
      queueOffset: res.queueOffset,
      commitLogOffset: res.commitLogOffset,
      storeTimestamp: res.storeTimestamp,
      storeSize: 0, // not known here; nothing that reads pops uses it
    };
    if (r.tag !== undefined) m.tag = r.tag;
    if (r.bornHost !== undefined) m.bornHost = r.bornHost;
    q.messages.push(m);
    q.bytes += body.length;
    this.#bytes += body.length;
    while (q.messages.length - q.head > MAX_MESSAGES_PER_QUEUE || (q.bytes > MAX_BYTES_PER_QUEUE && q.messages.length - q.head > 1)) {
      const old = q.messages[q.head++]!;
      q.bytes -= old.body.length;
      this.#bytes -= old.body.length;
      q.first++;
    }
    if (q.head > 256 && q.head * 2 > q.messages.length) {
      q.messages = q.messages.slice(q.head);
      q.head = 0;
    }
    if (this.#bytes > MAX_TOTAL_BYTES) this.clear();
  }

  /**
   * Like the store's readBatch from `offset`, when the cache holds that offset: up to maxCount messages passing the
   * filter, scanning at most maxScan offsets; nextOffset is where to continue. Undefined when the offset is not cached.
   */
  read(
    topic: string,
    queueId: number,
    offset: number,
    maxCount: number,
    opts: { maxBytes?: number; tagFilter?: TagFilter; maxScan?: number },
  ): { messages: StoredMessage[]; nextOffset: number } | undefined {
    const q = this.#queues.get(topic)?.get(queueId);
    if (!q) return undefined;
    const end = q.first + (q.messages.length - q.head);
    if (offset < q.first || offset >= end) return undefined;
    const maxBytes = opts.maxBytes ?? Number.MAX_SAFE_INTEGER;
    const scanEnd = Math.min(end, offset + (opts.maxScan ?? Number.MAX_SAFE_INTEGER));
    const messages: StoredMessage[] = [];
    let bytes = 0;
    let next = offset;
    for (; next < scanEnd && messages.length < maxCount; next++) {
      const m = q.messages[q.head + (next - q.first)]!;
      if (opts.tagFilter && !opts.tagFilter(m.tag)) continue;
      if (messages.length > 0 && bytes + m.body.length > maxBytes) break;
      messages.push(m);
      bytes += m.body.length;
    }
    return { messages, nextOffset: next };
  }

  dropTopic(topic: string): void {
    const byQueue = this.#queues.get(topic);
    if (!byQueue) return;
    for (const q of byQueue.values()) this.#bytes -= q.bytes;
    this.#queues.delete(topic);
  }

  clear(): void {
    this.#queues.clear();
    this.#bytes = 0;
  }

  get bytes(): number {
    return this.#bytes;
  }
}
