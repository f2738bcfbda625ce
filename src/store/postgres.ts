// The PostgreSQL store: a connection pool shared by Kysely and the change version. Several processes may use one
// database (`hangar credentials` beside `hangar serve`, or several servers); each start migrates under an advisory lock.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { postgresChangeVersion, trackChanges, UncountedWrites } from './change-version.js';
import type { Store } from './db.js';
import { migrate } from './migrate.js';
import type { Database } from './schema.js';
import { StartupError } from '../startup-error.js';

// Key of the session advisory lock held while a process migrates (advisory locks are per database).
const MIGRATION_LOCK = 0x48414e47; // 'HANG'
const INT8_OID = 20;
const CONNECT_TIMEOUT_MS = 15_000;

// bigint columns (epoch milliseconds, byte counts) and count(*) come back as numbers, as from SQLite; all stay far
// below 2^53.
const types = new pg.TypeOverrides();
types.setTypeParser(INT8_OID, Number);

export async function openPostgres(url: string): Promise<Store> {
  // A server that does not answer fails a start (or a request waiting for a connection) instead of hanging it.
  const pool = new pg.Pool({ connectionString: url, types, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection dropped by the server (restart, idle timeout) is only replaced; the next query tells its caller.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateLocked(db, pool);
  } catch (e) {
    await db.destroy();
    throw new StartupError(`PostgreSQL (HANGAR_DATABASE_URL ${where(url)}): ${describe(e)}`, { cause: e });
  }
  // Writes no cache depends on go to untracked tables here: nothing to count.
  return { db, changes: postgresChangeVersion(pool), uncounted: new UncountedWrites() };
}

/** One process at a time migrates and installs change tracking; the others wait, then find nothing left to do. */
async function migrateLocked(db: Kysely<Database>, pool: pg.Pool): Promise<void> {
  const lock = await pool.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(db);
      await trackChanges(lock);
    } finally {
      await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    lock.release();
  }
}

/** Host, port and database of the URL, never its password. */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'unparsable';
  }
}

// A refused connection to a name with several addresses is an AggregateError with an empty message.
function describe(e: unknown): string {
  if (e instanceof AggregateError && !e.message) return e.errors.map(describe).join('; ');
  return e instanceof Error ? e.message : String(e);
}
