// A durable set of pending messages: entries are appended to a system topic (queue 0), completions to a companion
// op topic as small records listing the finished offsets. Opening replays both from their committed progress, so
// what was pending before a crash is pending again (completions whose op record was lost happen again:
// at-least-once). Used for scheduled (delay/retry) messages and transaction half messages.
import type { AppendRecord, AppendResult, StoredMessage } from '../storage/types.js';
import { newMessageId } from './ids.js';
import type { MessageStoreApi } from './store-api.js';
import type { Clock } from '../../domain/clock.js';

export const SYSTEM_GROUP = '%HANGAR_SYS%';
const READ_CHUNK = 256;

export interface PendingEntry {
  offset: number;
  commitLogOffset: number;
  messageId: string;
  storeTimestamp: number;
  /** Kept small: only what the owner needs to decide when the entry is due. */
  properties: Record<string, string>;
}

export class PendingLog {
  readonly topic: string;
  readonly opTopic: string;
  readonly pending = new Map<number, PendingEntry>();
  readonly #store: MessageStoreApi;
  readonly #clock: Clock;

  constructor(store: MessageStoreApi, topic: string, opTopic: string, clock: Clock) {
    this.#clock = clock;
    this.#store = store;
    this.topic = topic;
    this.opTopic = opTopic;
  }

  /** Replays pending entries; returns them in offset order. */
  async open(): Promise<PendingEntry[]> {
    const range = this.#store.queueRange(this.topic, 0);
    let from = Math.max(this.#store.getOffset(SYSTEM_GROUP, this.topic, 0) ?? range.min, range.min);
    while (from < range.max) {
      const batch = await this.#store.read(this.topic, 0, from, READ_CHUNK);
      if (batch.length === 0) break;
      for (const m of batch) this.pending.set(m.queueOffset, toEntry(m));
      from = batch[batch.length - 1]!.queueOffset + 1;
    }
    const opRange = this.#store.queueRange(this.opTopic, 0);
    let opFrom = Math.max(this.#store.getOffset(SYSTEM_GROUP, this.opTopic, 0) ?? opRange.min, opRange.min);
    while (opFrom < opRange.max) {
      const batch = await this.#store.read(this.opTopic, 0, opFrom, READ_CHUNK);
      if (batch.length === 0) break;
      for (const m of batch) for (const off of parseOffsets(m.body)) this.pending.delete(off);
      opFrom = batch[batch.length - 1]!.queueOffset + 1;
    }
    this.#commitProgress();
    return [...this.pending.values()].sort((a, b) => a.offset - b.offset);
  }

  async add(records: AppendRecord[]): Promise<AppendResult[]> {
    const results = await this.#store.append(records.map((r) => ({ ...r, topic: this.topic, queueId: 0 })));
    results.forEach((res, i) => {
      const r = records[i]!;
      this.pending.set(res.queueOffset, {
        offset: res.queueOffset,
        commitLogOffset: res.commitLogOffset,
        messageId: res.messageId,
        storeTimestamp: res.storeTimestamp,
        properties: r.properties ?? {},
      });
    });
    return results;
  }

  read(entry: PendingEntry): Promise<StoredMessage | undefined> {
    return this.#store.getByCommitLogOffset(entry.commitLogOffset);
  }

  /** Marks entries finished, durably. Unknown offsets are ignored. */
  async resolve(offsets: number[]): Promise<void> {
    const live = offsets.filter((o) => this.pending.has(o));
    if (live.length === 0) return;
    await this.#store.append([
      {
        topic: this.opTopic,
        queueId: 0,
        body: Buffer.from(live.join(','), 'latin1'),
        messageId: newMessageId(),
        bornTimestamp: this.#clock.now(),
      },
    ]);
    for (const o of live) this.pending.delete(o);
    this.#commitProgress();
  }

  #commitProgress(): void {
    const range = this.#store.queueRange(this.topic, 0);
    let min = range.max;
    for (const o of this.pending.keys()) if (o < min) min = o;
    this.#store.commitOffset(SYSTEM_GROUP, this.topic, 0, min);
    // Op records only matter for entries at or above the progress; once nothing is pending none matter.
    if (this.pending.size === 0) this.#store.commitOffset(SYSTEM_GROUP, this.opTopic, 0, this.#store.queueRange(this.opTopic, 0).max);
  }
}

const toEntry = (m: StoredMessage): PendingEntry => ({
  offset: m.queueOffset,
  commitLogOffset: m.commitLogOffset,
  messageId: m.messageId,
  storeTimestamp: m.storeTimestamp,
  properties: m.properties,
});

const parseOffsets = (body: Buffer): number[] =>
  body
    .toString('latin1')
    .split(',')
    .filter((s) => s.length > 0)
    .map(Number)
    .filter(Number.isSafeInteger);
