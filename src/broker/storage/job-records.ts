// The records of one commit-log write, held until the write settles and they are published to their queues and the
// message index. Parallel arrays reused from write to write: no object per record and, once warm, no array growth.
import type { ConsumeQueue } from './consume-queue.js';
import type { AppendRecord } from './types.js';

/** Numbers kept per record in `entries`: log offset, size, tag hash, store time. */
export const JOB_ENTRY_FIELDS = 4;

export class JobRecords {
  count = 0;
  readonly records: AppendRecord[] = [];
  readonly queues: ConsumeQueue[] = [];
  entries = new Float64Array(256 * JOB_ENTRY_FIELDS);

  add(r: AppendRecord, cq: ConsumeQueue, commitLogOffset: number, size: number, tagHash: number, storeTimestamp: number): void {
    const n = this.count;
    this.records[n] = r;
    this.queues[n] = cq;
    const e = n * JOB_ENTRY_FIELDS;
    if (e + JOB_ENTRY_FIELDS > this.entries.length) {
      const bigger = new Float64Array(this.entries.length * 2);
      bigger.set(this.entries);
      this.entries = bigger;
    }
    const entries = this.entries;
    entries[e] = commitLogOffset;
    entries[e + 1] = size;
    entries[e + 2] = tagHash;
    entries[e + 3] = storeTimestamp;
    this.count = n + 1;
  }

  /** Empties the lists for reuse, dropping the references to records (and their bodies) already written. */
  clear(): void {
    this.records.fill(undefined as unknown as AppendRecord, 0, this.count);
    this.queues.fill(undefined as unknown as ConsumeQueue, 0, this.count);
    this.count = 0;
  }
}
