// Signature nonces: a nonce is claimed by inserting its key; the insert conflicts when the key is there and still fresh
// (a replay). One statement, so two replicas sharing the database cannot both claim the same nonce.
import type { UncountedWrites } from './change-version.js';
import type { Db } from './db.js';

/** Nonce rows are counted in `uncounted`: no read cache depends on them. */
export class NonceRepository {
  constructor(
    private readonly db: Db,
    private readonly uncounted: UncountedWrites,
  ) {}

  /** Records the key at `nowMs`; false when it was recorded at or after `freshSince` (seen within the window). */
  async claim(key: string, nowMs: number, freshSince: number): Promise<boolean> {
    const r = await this.db
      .insertInto('signature_nonces')
      .values({ nonce_key: key, seen_at: nowMs })
      // A key older than the window may be claimed again: its request would be refused by its date anyway.
      .onConflict((oc) => oc.column('nonce_key').doUpdateSet({ seen_at: nowMs }).where('signature_nonces.seen_at', '<', freshSince))
      .executeTakeFirst();
    const rows = r.numInsertedOrUpdatedRows ?? 0n;
    this.uncounted.add(rows);
    return rows > 0n;
  }

  /** Drops keys recorded before `before`. */
  async forgetBefore(before: number): Promise<void> {
    const r = await this.db.deleteFrom('signature_nonces').where('seen_at', '<', before).executeTakeFirst();
    this.uncounted.add(r.numDeletedRows);
  }
}
