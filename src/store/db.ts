// Opens the control-plane database and runs migrations. SQLite (a WAL file in the data dir) by default; the dialect is
// chosen here only, so a PostgreSQL dialect slots in without touching repositories or services.
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { sqliteChangeVersion, UncountedWrites, type ChangeVersion } from './change-version.js';
import { MIGRATIONS } from './migrations/index.js';
import { openSqliteFile } from './sqlite-file.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface OpenDbOptions {
  dataDir: string;
  databaseUrl?: string;
}

export interface Store {
  db: Db;
  /** Tells read caches whether anything was written since they loaded. */
  changes: ChangeVersion;
  /** Where writes no cache depends on are counted, so that `changes` leaves them out. */
  uncounted: UncountedWrites;
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  return (await openStore(opts)).db;
}

export async function openStore(opts: OpenDbOptions): Promise<Store> {
  if (opts.databaseUrl && !opts.databaseUrl.startsWith('sqlite:')) {
    throw new Error(`HANGAR_DATABASE_URL: only SQLite is supported in this version (got ${opts.databaseUrl.split(':')[0]}:)`);
  }
  const file = opts.databaseUrl ? opts.databaseUrl.slice('sqlite:'.length) : path.join(opts.dataDir, 'hangar.db');
  const sqlite = openSqliteFile(file, (s) => {
    s.pragma('journal_mode = WAL');
    s.pragma('synchronous = NORMAL');
    s.pragma('busy_timeout = 5000');
    s.pragma('foreign_keys = ON');
  });
  // Prepared before the statement cache so that its raw mode is never handed to a query with the same text.
  const uncounted = new UncountedWrites();
  const changes = sqliteChangeVersion(sqlite, uncounted);
  cachePreparedStatements(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return { db, changes, uncounted };
}

/**
 * Kysely prepares every query anew; preparing is a tenth of a signed GET's CPU. Statements are reusable (queries run one
 * at a time on this connection and are never streamed), so keep them by SQL text.
 */
function cachePreparedStatements(sqlite: SQLite.Database, max = 500): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      if (cache.size >= max) cache.clear();
      stmt = prepare(source);
      cache.set(source, stmt);
    }
    return stmt;
  }) as typeof sqlite.prepare;
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrate(db: Db): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  // Kysely reports whatever the migration threw; a non-Error becomes the message of one.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
