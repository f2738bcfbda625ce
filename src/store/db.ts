// Opens the control-plane database and runs its migrations: SQLite (a WAL file in the data dir) by default, or
// PostgreSQL. The dialect is chosen here only; repositories and services see one Kysely database either way.
import type { Kysely } from 'kysely';
import type { ChangeVersion, UncountedWrites } from './change-version.js';
import { parseDatabaseUrl } from './database-url.js';
import { openPostgres } from './postgres.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite.js';

export type Db = Kysely<Database>;

export interface OpenDbOptions {
  dataDir: string;
  /** HANGAR_DATABASE_URL (see database-url.ts). */
  databaseUrl?: string;
}

export interface Store {
  db: Db;
  /** Tells read caches whether anything was written since they loaded. */
  changes: ChangeVersion;
  /** Where writes no cache depends on are counted, so that `changes` leaves them out. */
  uncounted: UncountedWrites;
}

export async function openStore(opts: OpenDbOptions): Promise<Store> {
  const target = parseDatabaseUrl(opts.databaseUrl, opts.dataDir);
  return target.kind === 'postgres' ? openPostgres(target.url) : openSqlite(target.file);
}
