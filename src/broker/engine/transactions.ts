// Transaction messages: half messages wait in the half topic until the producer commits (copied to the real
// topic) or rolls back; unresolved ones are checked back with the producer, and rolled back after too many checks.
import type { AppendRecord, StoredMessage } from '../storage/types.js';
import { DeadlineQueue } from './deadline-queue.js';
import { EngineError } from './errors.js';
import { decodeLogHandle } from './ids.js';
import { PendingLog, type PendingEntry } from './pending-log.js';
import { Prop, withoutProps } from './properties.js';
import type { MessageStoreApi } from './store-api.js';
import type { EngineTunables } from './types.js';
import type { Clock } from '../../domain/clock.js';

export const HALF_TOPIC = 'RMQ_SYS_TRANS_HALF_TOPIC';
export const HALF_OP_TOPIC = 'RMQ_SYS_TRANS_OP_HALF_TOPIC';
const TX_PREFIX = 'T1.';

/** Asks a producer of the topic to resolve the transaction; false when no producer could be reached. */
export type CheckBack = (message: StoredMessage, transactionId: string) => boolean;

export class Transactions {
  readonly #log: PendingLog;
  readonly #tunables: EngineTunables;
  readonly #commit: (records: AppendRecord[]) => Promise<void>;
  readonly #queue: DeadlineQueue<number>;
  readonly #checks = new Map<number, number>();
  readonly #ending = new Set<number>();
  readonly #onError: (e: unknown) => void;
  readonly #onRolledBack: (m: { messageId: string; topic: string }) => void;
  readonly #clock: Clock;
  /** Message id → offset of its pending half message (clients end a transaction by message id). */
  readonly #byMessageId = new Map<string, number>();
  checkBack: CheckBack = () => false;

  constructor(
    store: MessageStoreApi,
    clock: Clock,
    tunables: EngineTunables,
    commit: (records: AppendRecord[]) => Promise<void>,
    onError: (e: unknown) => void,
    onRolledBack: (m: { messageId: string; topic: string }) => void,
  ) {
    this.#clock = clock;
    this.#log = new PendingLog(store, HALF_TOPIC, HALF_OP_TOPIC, clock);
    this.#tunables = tunables;
    this.#commit = commit;
    this.#onError = onError;
    this.#onRolledBack = onRolledBack;
    this.#queue = new DeadlineQueue<number>((offsets) => void this.#check(offsets), clock);
  }

  get pendingCount(): number {
    return this.#log.pending.size;
  }

  async open(): Promise<void> {
    for (const e of await this.#log.open()) {
      this.#byMessageId.set(e.messageId, e.offset);
      this.#queue.add(e.storeTimestamp + this.#tunables.txnCheckDelayMs, e.offset);
    }
  }

  close(): void {
    this.#queue.close();
  }

  /**
   * Stores a half message bound for record.topic/queueId. Its transaction id is its message id, as Apache RocketMQ's
   * proxy answers; handles of the older form (T1.<offset>.<id>) are still accepted by end().
   */
  async prepare(record: AppendRecord): Promise<{ transactionId: string; offset: number; commitLogOffset: number; storeTimestamp: number }> {
    const props = {
      ...record.properties,
      [Prop.TRAN_MSG]: 'true',
      [Prop.REAL_TOPIC]: record.topic,
      [Prop.REAL_QID]: String(record.queueId),
    };
    const [res] = await this.#log.add([{ ...record, properties: props }]);
    const offset = res!.queueOffset;
    this.#byMessageId.set(res!.messageId, offset);
    this.#queue.add(res!.storeTimestamp + this.#tunables.txnCheckDelayMs, offset);
    return { transactionId: res!.messageId, offset, commitLogOffset: res!.commitLogOffset, storeTimestamp: res!.storeTimestamp };
  }

  /** The pending half message a transaction id (or, without one, a message id) names. */
  #find(transactionId: string, messageId: string): { offset: number; e: PendingEntry } | undefined {
    const h = decodeLogHandle(TX_PREFIX, transactionId);
    const offset = h ? h.offset : (this.#byMessageId.get(transactionId) ?? this.#byMessageId.get(messageId));
    const e = offset === undefined ? undefined : this.#log.pending.get(offset);
    if (offset === undefined || !e || (h && e.messageId !== h.messageId) || (messageId && messageId !== e.messageId)) return undefined;
    return { offset, e };
  }

  /** The real topic of a pending transaction (4.x END_TRANSACTION names none). */
  topicOf(transactionId: string, messageId: string): string | undefined {
    return this.#find(transactionId, messageId)?.e.properties[Prop.REAL_TOPIC];
  }

  async end(transactionId: string, messageId: string, commit: boolean): Promise<void> {
    const found = this.#find(transactionId, messageId);
    if (!found || this.#ending.has(found.offset)) {
      throw new EngineError('INVALID_TRANSACTION_ID', `transaction ${transactionId || messageId} is unknown or already resolved`);
    }
    const { offset, e } = found;
    this.#ending.add(offset);
    try {
      if (commit) {
        const m = await this.#log.read(e);
        if (!m) throw new EngineError('INVALID_TRANSACTION_ID', `half message of ${transactionId} is gone`);
        await this.#commit([committedRecord(m)]);
      }
      await this.#log.resolve([offset]);
      this.#forget(offset, e.messageId);
    } finally {
      this.#ending.delete(offset);
    }
  }

  #forget(offset: number, messageId: string): void {
    this.#checks.delete(offset);
    if (this.#byMessageId.get(messageId) === offset) this.#byMessageId.delete(messageId);
  }

  async #check(offsets: number[]): Promise<void> {
    for (const o of offsets) {
      const e = this.#log.pending.get(o);
      if (!e || this.#ending.has(o)) continue;
      const checks = this.#checks.get(o) ?? 0;
      try {
        if (checks >= this.#tunables.txnCheckMax) {
          await this.#log.resolve([o]);
          this.#forget(o, e.messageId);
          this.#onRolledBack({ messageId: e.messageId, topic: e.properties[Prop.REAL_TOPIC] ?? '' });
          continue;
        }
        const m = await this.#log.read(e);
        if (!m) {
          await this.#log.resolve([o]);
          this.#forget(o, e.messageId);
          continue;
        }
        const view: StoredMessage = { ...m, topic: m.properties[Prop.REAL_TOPIC] ?? m.topic };
        if (this.checkBack(view, e.messageId)) this.#checks.set(o, checks + 1);
      } catch (err) {
        this.#onError(err);
      }
      this.#queue.add(this.#clock.now() + this.#tunables.txnCheckIntervalMs, o);
    }
  }
}

const committedRecord = (m: StoredMessage): AppendRecord => ({
  topic: m.properties[Prop.REAL_TOPIC] ?? m.topic,
  queueId: Number(m.properties[Prop.REAL_QID] ?? 0),
  body: m.body,
  messageId: m.messageId,
  tag: m.tag,
  keys: m.keys,
  // The committed message names its transaction (MessageConst.PROPERTY_TRANSACTION_ID), as Apache RocketMQ's does.
  properties: { ...withoutProps(m.properties, [Prop.REAL_TOPIC, Prop.REAL_QID]), [Prop.TRANSACTION_ID]: m.messageId },
  bornTimestamp: m.bornTimestamp,
  bornHost: m.bornHost,
  flag: m.flag,
  sysFlag: m.sysFlag,
  reconsumeTimes: m.reconsumeTimes,
});
