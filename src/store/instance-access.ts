// Users, ACL rules and IP whitelist entries of instances: one JSON document per (instance, kind, key) in the
// `instance_access` table (migration 002).
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Db } from './db.js';

export type AccessKind = 'user' | 'acl' | 'whitelist';

export interface InstanceAccessTable {
  instance_id: string;
  kind: string;
  key: string;
  spec_json: string;
  created_at: number;
  updated_at: number;
}

export type AccessRow = InstanceAccessTable;

type AccessDb = Kysely<Database & { instance_access: InstanceAccessTable }>;

export class InstanceAccessRepository {
  private readonly db: AccessDb;

  constructor(db: Db | AccessDb) {
    this.db = (db as Db).withTables<{ instance_access: InstanceAccessTable }>();
  }

  /** Runs `fn` on a repository whose writes are committed together, or not at all. */
  async atomically<T>(fn: (repo: InstanceAccessRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new InstanceAccessRepository(trx)));
  }

  /** Inserts unless the key is there already (that document is kept as it is). */
  async insertIfAbsent<T>(instanceId: string, kind: AccessKind, key: string, doc: T, now: number): Promise<void> {
    await this.db
      .insertInto('instance_access')
      .values({ instance_id: instanceId, kind, key, spec_json: JSON.stringify(doc), created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['instance_id', 'kind', 'key']).doNothing())
      .execute();
  }

  /**
   * Inserts a new document; false when the key exists (another process may have inserted it since this one looked, so
   * the answer is the conflict, never a constraint error).
   */
  async insert<T>(instanceId: string, kind: AccessKind, key: string, doc: T, now: number): Promise<boolean> {
    const r = await this.db
      .insertInto('instance_access')
      .values({ instance_id: instanceId, kind, key, spec_json: JSON.stringify(doc), created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['instance_id', 'kind', 'key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async update<T>(instanceId: string, kind: AccessKind, key: string, doc: T, now: number): Promise<void> {
    await this.db
      .updateTable('instance_access')
      .set({ spec_json: JSON.stringify(doc), updated_at: now })
      .where('instance_id', '=', instanceId)
      .where('kind', '=', kind)
      .where('key', '=', key)
      .execute();
  }

  async get<T>(instanceId: string, kind: AccessKind, key: string): Promise<T | undefined> {
    const row = await this.db
      .selectFrom('instance_access')
      .select('spec_json')
      .where('instance_id', '=', instanceId)
      .where('kind', '=', kind)
      .where('key', '=', key)
      .executeTakeFirst();
    return row && (JSON.parse(row.spec_json) as T);
  }

  /** One record of `kind` of any instance, if there is one. */
  async any<T>(kind: AccessKind): Promise<T | undefined> {
    const row = await this.db.selectFrom('instance_access').select('spec_json').where('kind', '=', kind).limit(1).executeTakeFirst();
    return row && (JSON.parse(row.spec_json) as T);
  }

  async list<T>(instanceId: string, kind: AccessKind): Promise<T[]> {
    const rows = await this.db
      .selectFrom('instance_access')
      .select('spec_json')
      .where('instance_id', '=', instanceId)
      .where('kind', '=', kind)
      .orderBy('created_at')
      .orderBy('key')
      .execute();
    return rows.map((r) => JSON.parse(r.spec_json) as T);
  }

  async remove(instanceId: string, kind: AccessKind, key: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('instance_access')
      .where('instance_id', '=', instanceId)
      .where('kind', '=', kind)
      .where('key', '=', key)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Every record of an instance, to put back with `restore` when a change must be undone. */
  async snapshot(instanceId: string): Promise<AccessRow[]> {
    return this.db.selectFrom('instance_access').selectAll().where('instance_id', '=', instanceId).execute();
  }

  /** Puts an instance's records back exactly as a snapshot held them. */
  async restore(instanceId: string, rows: AccessRow[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('instance_access').where('instance_id', '=', instanceId).execute();
      if (rows.length > 0) await trx.insertInto('instance_access').values(rows).execute();
    });
  }

  /** Drops everything of an instance (when it is deleted). */
  async removeInstance(instanceId: string): Promise<void> {
    await this.db.deleteFrom('instance_access').where('instance_id', '=', instanceId).execute();
  }
}
