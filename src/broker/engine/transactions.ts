// Transaction messages: half messages wait in the half topic until the producer commits (copied to the real
// topic) or rolls back; unresolved ones are checked back with the producer, and rolled back after too many checks.
import type { AppendRecord, StoredMessage } from '../storage/types.js';
import { DeadlineQueue } from './deadline-queue.js';
import { EngineError } from './errors.js';
import { decodeLogHandle, encodeLogHandle } from './ids.js';
import { PendingLog } from './pending-log.js';
import { Prop, withoutProps } from './properties.js';
import type { MessageStoreApi } from './store-api.js';
import type { EngineTunables } from './types.js';

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
  checkBack: CheckBack = () => false;

  constructor(
    store: MessageStoreApi,
    tunables: EngineTunables,
    commit: (records: AppendRecord[]) => Promise<void>,
    onError: (e: unknown) => void,
    onRolledBack: (m: { messageId: string; topic: string }) => void,
  ) {
    this.#log = new PendingLog(store, HALF_TOPIC, HALF_OP_TOPIC);
    this.#tunables = tunables;
    this.#commit = commit;
    this.#onError = onError;
    this.#onRolledBack = onRolledBack;
    this.#queue = new DeadlineQueue<number>((offsets) => void this.#check(offsets));
  }

  get pendingCount(): number {
    return this.#log.pending.size;
  }

  async open(): Promise<void> {
    for (const e of await this.#log.open()) this.#queue.add(e.storeTimestamp + this.#tunables.txnCheckDelayMs, e.offset);
  }

  close(): void {
    this.#queue.close();
  }

  /** Stores a half message bound for record.topic/queueId; returns its transaction id. */
  async prepare(record: AppendRecord): Promise<{ transactionId: string; offset: number }> {
    const props = {
      ...record.properties,
      [Prop.TRAN_MSG]: 'true',
      [Prop.REAL_TOPIC]: record.topic,
      [Prop.REAL_QID]: String(record.queueId),
    };
    const [res] = await this.#log.add([{ ...record, properties: props }]);
    const offset = res!.queueOffset;
    const transactionId = encodeLogHandle(TX_PREFIX, offset, record.messageId);
    this.#log.pending.get(offset)!.properties = { ...props, [Prop.TRANSACTION_ID]: transactionId };
    this.#queue.add(res!.storeTimestamp + this.#tunables.txnCheckDelayMs, offset);
    return { transactionId, offset };
  }

  async end(transactionId: string, messageId: string, commit: boolean): Promise<void> {
    const h = decodeLogHandle(TX_PREFIX, transactionId);
    const e = h ? this.#log.pending.get(h.offset) : undefined;
    if (!h || !e || e.messageId !== h.messageId || (messageId && messageId !== e.messageId) || this.#ending.has(h.offset)) {
      throw new EngineError('INVALID_TRANSACTION_ID', `transaction ${transactionId} is unknown or already resolved`);
    }
    this.#ending.add(h.offset);
    try {
      if (commit) {
        const m = await this.#log.read(e);
        if (!m) throw new EngineError('INVALID_TRANSACTION_ID', `half message of ${transactionId} is gone`);
        await this.#commit([committedRecord(m)]);
      }
      await this.#log.resolve([h.offset]);
      this.#checks.delete(h.offset);
    } finally {
      this.#ending.delete(h.offset);
    }
  }

  async #check(offsets: number[]): Promise<void> {
    for (const o of offsets) {
      const e = this.#log.pending.get(o);
      if (!e || this.#ending.has(o)) continue;
      const checks = this.#checks.get(o) ?? 0;
      try {
        if (checks >= this.#tunables.txnCheckMax) {
          await this.#log.resolve([o]);
          this.#checks.delete(o);
          this.#onRolledBack({ messageId: e.messageId, topic: e.properties[Prop.REAL_TOPIC] ?? '' });
          continue;
        }
        const m = await this.#log.read(e);
        if (!m) {
          await this.#log.resolve([o]);
          continue;
        }
        const view: StoredMessage = { ...m, topic: m.properties[Prop.REAL_TOPIC] ?? m.topic };
        if (this.checkBack(view, encodeLogHandle(TX_PREFIX, o, e.messageId))) this.#checks.set(o, checks + 1);
      } catch (err) {
        this.#onError(err);
      }
      this.#queue.add(Date.now() + this.#tunables.txnCheckIntervalMs, o);
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
  properties: withoutProps(m.properties, [Prop.REAL_TOPIC, Prop.REAL_QID]),
  bornTimestamp: m.bornTimestamp,
  bornHost: m.bornHost,
  flag: m.flag,
  sysFlag: m.sysFlag,
  reconsumeTimes: m.reconsumeTimes,
});
