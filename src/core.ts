// Opening a data dir: its directory, database and credential service (shared by `hangar serve` and `hangar credentials`).
import fs from 'node:fs';
import type { Config } from './config.js';
import { CredentialService } from './service/credentials.js';
import { SecretBox } from './service/secret-box.js';
import type { ChangeVersion } from './store/change-version.js';
import { CredentialRepository } from './store/credentials.js';
import { parseDatabaseUrl } from './store/database-url.js';
import { openStore, type Db } from './store/db.js';

/** Opens the data dir and database and builds the credential service (also used by `hangar credentials`). */
export async function openCore(config: Config): Promise<{ db: Db; changes: ChangeVersion; credentials: CredentialService; secrets: SecretBox }> {
  // Every process on a shared database must open the secrets the others sealed: no per-data-dir key file then.
  if (parseDatabaseUrl(config.databaseUrl, config.dataDir).kind === 'postgres' && !config.masterKey) {
    throw new Error('HANGAR_MASTER_KEY must be set when HANGAR_DATABASE_URL is PostgreSQL (every process using the database needs the same key)');
  }
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const { db, changes } = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const secrets = SecretBox.open(config.dataDir, config.masterKey);
  return { db, changes, credentials: new CredentialService(new CredentialRepository(db), secrets, changes), secrets };
}

