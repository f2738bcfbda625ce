// The SQLite store: one WAL file, opened by better-sqlite3 in this process (`hangar credentials` opens it beside a
// running `hangar serve`, so several processes may share it).
import type SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { sqliteChangeVersion, UncountedWrites } from './change-version.js';
import type { Store } from './db.js';
import { migrate } from './migrate.js';
import type { Database } from './schema.js';
import { openSqliteFile } from './sqlite-file.js';

export async function openSqlite(file: string): Promise<Store> {
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
