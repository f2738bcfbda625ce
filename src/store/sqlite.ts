// The SQLite store: one WAL file, opened by better-sqlite3 in this process (`hangar credentials` opens it beside a
// running `hangar serve`, so several processes may share it).
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { sqliteChangeVersion } from './change-version.js';
import type { Store } from './db.js';
import { migrate } from './migrate.js';
import type { Database } from './schema.js';

export async function openSqlite(file: string): Promise<Store> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Prepared before the statement cache so that its raw mode is never handed to a query with the same text.
  const changes = sqliteChangeVersion(sqlite);
  cachePreparedStatements(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return { db, changes };
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
