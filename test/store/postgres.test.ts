// The PostgreSQL store: several processes starting at once migrate the database once, every table (one added later
// too) moves the change version, and bigint columns read back as numbers, as from SQLite.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { openStore, type Store } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { createDatabase, databaseName, dropDatabase, queryRows } from '../helpers/postgres.js';

describe('PostgreSQL store', () => {
  const name = databaseName();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-pg-store-'));
  let url: string;
  const stores: Store[] = [];
  const open = async (): Promise<Store> => {
    const s = await openStore({ dataDir, databaseUrl: url });
    stores.push(s);
    return s;
  };
  const query = <R extends pg.QueryResultRow>(text: string): Promise<R[]> => queryRows<R>(url, text);

  before(async () => {
    url = await createDatabase(name);
  });
  after(async () => {
    for (const s of stores) await s.db.destroy();
    await dropDatabase(name);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('three processes opening a new database at once migrate it once and all come up', async () => {
    await Promise.all([open(), open(), open()]);
    const applied = await query<{ name: string }>('select name from kysely_migration order by name');
    assert.deepEqual(
      applied.map((r) => r.name),
      Object.keys(MIGRATIONS).sort(),
    );
    const triggers = await query<{ table: string; n: string }>(
      `select c.relname as table, count(*) as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
       where t.tgname = 'hangar_change_version' group by c.relname order by c.relname`,
    );
    assert.ok(triggers.some((t) => t.table === 'instances') && triggers.some((t) => t.table === 'credentials'), JSON.stringify(triggers));
    for (const t of triggers) assert.equal(Number(t.n), 1, `one trigger on ${t.table}`);
  });

  it('bigint columns and counts read back as numbers', async () => {
    const s = await open();
    await s.db
      .insertInto('credentials')
      .values({ id: 'c1', access_key: 'AK-NUM', secret_enc: 'v1.a.b.c', tenant_id: 't', policy_json: null, description: '', created_at: 1_700_000_000_123 })
      .execute();
    const row = await s.db.selectFrom('credentials').selectAll().where('access_key', '=', 'AK-NUM').executeTakeFirstOrThrow();
    assert.strictEqual(row.created_at, 1_700_000_000_123);
    const n = await s.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.strictEqual(n.n, 1);
  });

  it('a table added after the first start is tracked at the next start', async () => {
    await query('create table later_table (k text primary key)');
    const s = await open();
    const v0 = await s.changes.current();
    await query("insert into later_table values ('x')");
    assert.notEqual(await s.changes.current(), v0);
  });
});
