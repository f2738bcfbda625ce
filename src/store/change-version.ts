// A cheap "has anything changed?" token over the whole database, so that read caches above the store can be checked on
// every request instead of re-reading rows. Any committed write (this process's or another process's, such as
// `hangar credentials` run beside `hangar serve`) gives a different token; equal tokens mean nothing was written.
import type SQLite from 'better-sqlite3';
import type pg from 'pg';

export interface ChangeVersion {
  /**
   * The current token. Read it before loading what it guards: a write between the read and the load then only makes the
   * next check miss. SQLite answers at once; PostgreSQL with a promise (a query); callers await either.
   */
  current(): string | Promise<string>;
}

/**
 * Rows this process writes that no read cache depends on (signature nonces, one per signed Alibaba request): left out
 * of the SQLite version, so that they do not empty every cache on every request. (On PostgreSQL their table carries no
 * change trigger: UNTRACKED below.)
 */
export class UncountedWrites {
  rows = 0;

  add(rows: number | bigint): void {
    this.rows += Number(rows);
  }
}

/**
 * SQLite: `data_version` changes when another connection (process) commits; `total_changes()` counts the rows this
 * connection has written. Together they cover every write. Two statements: the pragma opens a read transaction (three
 * syscalls, about 1 µs), the function none; one query joining both costs twice as much.
 */
export function sqliteChangeVersion(sqlite: SQLite.Database, uncounted: UncountedWrites = new UncountedWrites()): ChangeVersion {
  const external = sqlite.prepare('pragma data_version').pluck();
  const own = sqlite.prepare('select total_changes()').pluck();
  return {
    current() {
      return `${external.get() as number}:${(own.get() as number) - uncounted.rows}`;
    },
  };
}

// PostgreSQL has no data_version: a one-row counter, bumped by a trigger on every table, is the version. The trigger
// runs BEFORE each writing statement, so a writing transaction takes the counter's row lock before any other row lock
// (writers queue on it and cannot deadlock through it), and the bump is committed, or rolled back, with the write: a
// reader never sees the new version before the new rows. Read from the server for each cached lookup, so a change
// committed by another process is seen by the very next request.
const VERSION_TABLE = 'hangar_change_version';
const TRIGGER = 'hangar_change_version';
// Tables whose rows no cache holds: Kysely's own bookkeeping, and signature nonces (written by every signed Alibaba
// request; counted in UncountedWrites on SQLite).
const UNTRACKED = [VERSION_TABLE, 'kysely_migration', 'kysely_migration_lock', 'signature_nonces'];

export function postgresChangeVersion(pool: pg.Pool): ChangeVersion {
  const query = { name: 'hangar_change_version', text: `select version from ${VERSION_TABLE} where id = 1` };
  // Callers within one turn of the event loop share one read, sent after all of them asked: it sees every commit that
  // any of them could have been told of. (Joining a read already sent could miss one.)
  let unsent: Promise<string> | undefined;
  return {
    current() {
      unsent ??= new Promise((resolve, reject) => {
        setImmediate(() => {
          unsent = undefined;
          pool.query<{ version: number }>(query).then((r) => resolve(String(r.rows[0]?.version)), reject);
        });
      });
      return unsent;
    },
  };
}

/**
 * Creates the counter and puts the trigger on every table that lacks it, so a table added by a later migration is
 * tracked without that migration knowing. Run at each start after the migrations, under the migration lock; it bumps
 * the counter once, since a migration may have changed rows that other processes cache.
 */
export async function trackChanges(client: pg.ClientBase): Promise<void> {
  await client.query(`create table if not exists ${VERSION_TABLE} (id integer primary key check (id = 1), version bigint not null)`);
  await client.query(`insert into ${VERSION_TABLE} (id, version) values (1, 0) on conflict (id) do nothing`);
  await client.query(
    `create or replace function hangar_bump_change_version() returns trigger language plpgsql as $$
     begin update ${VERSION_TABLE} set version = version + 1 where id = 1; return null; end $$`,
  );
  const untracked = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and not (c.relname = any($1))
       and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = $2)`,
    [UNTRACKED, TRIGGER],
  );
  for (const { name } of untracked.rows) {
    await client.query(
      `create trigger ${TRIGGER} before insert or update or delete or truncate on ${client.escapeIdentifier(name)}
       for each statement execute function hangar_bump_change_version()`,
    );
  }
  await client.query(`update ${VERSION_TABLE} set version = version + 1 where id = 1`);
}
