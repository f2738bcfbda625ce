// One database for a store test, on SQLite or on PostgreSQL: the same test runs on both. Each `open()` is another
// connection (pool) to the same database, as another process would have.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../src/store/db.js';
import { createDatabase, databaseName, dropDatabase } from './postgres.js';

export interface TestDatabase {
  /** HANGAR_DATABASE_URL of it (undefined: the SQLite file in `dataDir`). */
  url?: string;
  dataDir: string;
  open(): Promise<Store>;
  /** Closes every store opened and removes the database. */
  close(): Promise<void>;
}

export const DATABASES = [
  { name: 'SQLite', create: () => testDatabase(false) },
  { name: 'PostgreSQL', create: () => testDatabase(true) },
] as const;

async function testDatabase(postgres: boolean): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-store-'));
  const name = postgres ? databaseName(dataDir) : undefined;
  const url = name ? await createDatabase(name) : undefined;
  const stores: Store[] = [];
  return {
    url,
    dataDir,
    async open() {
      const s = await openStore({ dataDir, databaseUrl: url });
      stores.push(s);
      return s;
    },
    async close() {
      for (const s of stores) await s.db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (name) await dropDatabase(name);
    },
  };
}
