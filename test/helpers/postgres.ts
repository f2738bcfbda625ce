// PostgreSQL for tests: the server named by HANGAR_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
// holds a database of each test's own, created here and dropped when the test is done. No server is no skip: the test
// fails, naming HANGAR_TEST_DATABASE_URL.
import crypto from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.HANGAR_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
/** The master key of test servers on PostgreSQL (HANGAR_MASTER_KEY is required there). */
export const TEST_MASTER_KEY = 'hangar-test-master-key-0123456789abcdef';
// Databases of this helper are named hangar_test_<pid>_<…>, so those of a test process that died can be told apart.
const PREFIX = 'hangar_test_';

/** HANGAR_TEST_DATABASE=postgres: end-to-end servers (test/helpers/hangar.ts, the Alibaba harness) run on PostgreSQL. */
export const e2eOnPostgres = (process.env.HANGAR_TEST_DATABASE ?? 'sqlite') === 'postgres';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await c.connect();
  } catch (e) {
    const why = e instanceof AggregateError && !e.message ? e.errors.map(String).join('; ') : String(e);
    throw new Error(`PostgreSQL tests need a server at HANGAR_TEST_DATABASE_URL=${TEST_DATABASE_URL} (${why})`, { cause: e });
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The rows of one query on the database at `url`, over a connection of its own. */
export async function queryRows<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text)).rows;
  } finally {
    await c.end();
  }
}

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A database name of this process, the same for the same key (a data dir: restarts find their database again). */
export function databaseName(key: string = crypto.randomUUID()): string {
  return `${PREFIX}${process.pid}_${crypto.createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/** Creates the database unless it exists (and drops those left by test processes that are gone); returns its URL. */
export async function createDatabase(name: string = databaseName()): Promise<string> {
  await admin(async (c) => {
    const existing = await c.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${PREFIX}%`]);
    for (const { datname } of existing.rows) {
      const pid = Number(/^hangar_test_(\d+)_/.exec(datname)?.[1]);
      // Another process may be dropping the same one: its error is no concern of this test.
      if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) await c.query(`drop database if exists ${c.escapeIdentifier(datname)} with (force)`).catch(() => undefined);
    }
    if (!existing.rows.some((r) => r.datname === name)) await c.query(`create database ${c.escapeIdentifier(name)}`);
  });
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
