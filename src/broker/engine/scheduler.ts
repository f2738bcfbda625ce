// Delay messages: stored first in the schedule topic, moved to their real topic when due (one timer for all of
// them), recallable until then. Survives restarts through the pending log.
import type { AppendRecord, StoredMessage } from '../storage/types.js';
import { DeadlineQueue } from './deadline-queue.js';
import { encodeLogHandle, decodeLogHandle } from './ids.js';
import { PendingLog, type PendingEntry } from './pending-log.js';
import { Prop, withoutProps } from './properties.js';
import type { MessageStoreApi } from './store-api.js';
import type { Clock } from '../../domain/clock.js';

export const SCHEDULE_TOPIC = 'SCHEDULE_TOPIC_XXXX';
export const SCHEDULE_OP_TOPIC = '%HANGAR_SCHEDULE_OP%';
const RECALL_PREFIX = 'R1.';
const RETRY_LATER_MS = 1_000;

export type DeliverScheduled = (records: AppendRecord[]) => Promise<void>;

export class Scheduler {
  readonly #log: PendingLog;
  readonly #deliver: DeliverScheduled;
  readonly #queue: DeadlineQueue<number>;
  readonly #firing = new Set<number>();
  readonly #onError: (e: unknown) => void;
  readonly #clock: Clock;

  constructor(store: MessageStoreApi, clock: Clock, deliver: DeliverScheduled, onError: (e: unknown) => void) {
    this.#clock = clock;
    this.#log = new PendingLog(store, SCHEDULE_TOPIC, SCHEDULE_OP_TOPIC, clock);
    this.#deliver = deliver;
    this.#onError = onError;
    this.#queue = new DeadlineQueue<number>((offsets) => void this.#fire(offsets), clock);
  }

  get pendingCount(): number {
    return this.#log.pending.size;
  }

  async open(): Promise<void> {
    for (const e of await this.#log.open()) this.#queue.add(deliverAt(e), e.offset);
  }

  close(): void {
    this.#queue.close();
  }

  /** Stores a message for later; `record.topic`/`queueId` are where it goes when due. Returns a recall handle. */
  async schedule(record: AppendRecord, at: number): Promise<{ messageId: string; offset: number; recallHandle: string; storeTimestamp: number; commitLogOffset: number }> {
    const props = {
      ...record.properties,
      [Prop.REAL_TOPIC]: record.topic,
      [Prop.REAL_QID]: String(record.queueId),
      [Prop.DUE_AT]: String(at),
    };
    const [res] = await this.#log.add([{ ...record, properties: props }]);
    this.#queue.add(at, res!.queueOffset);
    return {
      messageId: res!.messageId,
      offset: res!.queueOffset,
      recallHandle: encodeLogHandle(RECALL_PREFIX, res!.queueOffset, res!.messageId),
      storeTimestamp: res!.storeTimestamp,
      commitLogOffset: res!.commitLogOffset,
    };
  }

  /** Cancels a scheduled message; returns its message id, or undefined when it is no longer pending. */
  async recall(handle: string): Promise<string | undefined> {
    const h = decodeLogHandle(RECALL_PREFIX, handle);
    if (!h) return undefined;
    const e = this.#log.pending.get(h.offset);
    if (!e || e.messageId !== h.messageId || this.#firing.has(h.offset)) return undefined;
    await this.#log.resolve([h.offset]);
    return h.messageId;
  }

  async #fire(offsets: number[]): Promise<void> {
    const due: PendingEntry[] = [];
    for (const o of offsets) {
      const e = this.#log.pending.get(o);
      if (e && !this.#firing.has(o)) {
        this.#firing.add(o);
        due.push(e);
      }
    }
    if (due.length === 0) return;
    try {
      const msgs = await Promise.all(due.map((e) => this.#log.read(e)));
      const records: AppendRecord[] = [];
      msgs.forEach((m) => {
        if (m) records.push(realRecord(m));
      });
      if (records.length > 0) await this.#deliver(records);
      await this.#log.resolve(due.map((e) => e.offset));
    } catch (e) {
      this.#onError(e);
      for (const d of due) this.#queue.add(this.#clock.now() + RETRY_LATER_MS, d.offset);
    } finally {
      for (const d of due) this.#firing.delete(d.offset);
    }
  }
}

const deliverAt = (e: PendingEntry): number => Number(e.properties[Prop.DUE_AT] ?? 0);

/** The message as it appears in its real topic: same id and properties minus the schedule bookkeeping. */
const realRecord = (m: StoredMessage): AppendRecord => ({
  topic: m.properties[Prop.REAL_TOPIC] ?? m.topic,
  queueId: Number(m.properties[Prop.REAL_QID] ?? 0),
  body: m.body,
  messageId: m.messageId,
  tag: m.tag,
  keys: m.keys,
  properties: withoutProps(m.properties, [Prop.REAL_TOPIC, Prop.REAL_QID, Prop.DUE_AT]),
  bornTimestamp: m.bornTimestamp,
  bornHost: m.bornHost,
  flag: m.flag,
  sysFlag: m.sysFlag,
  reconsumeTimes: m.reconsumeTimes,
});
