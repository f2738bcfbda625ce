// Opening a data dir: its directory, database and credential service (shared by `hangar serve` and `hangar credentials`).
import type { Config } from './config.js';
import { prepareDataDir } from './data-dir/prepare.js';
import { CredentialService } from './service/credentials.js';
import { anySealedPassword } from './service/instance-access.js';
import { SecretBox } from './service/secret-box.js';
import type { ChangeVersion, UncountedWrites } from './store/change-version.js';
import { CredentialRepository } from './store/credentials.js';
import { openStore, type Db } from './store/db.js';
import { InstanceAccessRepository } from './store/instance-access.js';

/** Opens the data dir and database and builds the credential service (also used by `hangar credentials`). */
export async function openCore(
  config: Config,
): Promise<{ db: Db; changes: ChangeVersion; uncounted: UncountedWrites; credentials: CredentialService; secrets: SecretBox }> {
  prepareDataDir(config.dataDir);
  const { db, changes, uncounted } = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const repo = new CredentialRepository(db);
    // The key must open what is stored, and is never made anew while stored secrets exist.
    const sample = (await repo.anySealedSecret()) ?? (await anySealedPassword(new InstanceAccessRepository(db)));
    const secrets = SecretBox.open(config.dataDir, config.masterKey, sample);
    return { db, changes, uncounted, credentials: new CredentialService(repo, secrets, changes), secrets };
  } catch (e) {
    await db.destroy();
    throw e;
  }
}
