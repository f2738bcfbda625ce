// Runs Hangar in-process for the Alibaba end-to-end tests: `startApp`, the composition root of `hangar serve`, on an
// ephemeral port and a temporary data dir. Tests of the API alone run it without provisioning (no broker processes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../../../src/app.js';
import { loadConfig, type Config } from '../../../src/config.js';
import type { CredentialService } from '../../../src/service/credentials.js';
import { brokerPortWindow, TEST_AK, TEST_PROJECT, TEST_SK } from '../../helpers/hangar.js';
import { createDatabase, databaseName, dropDatabase, e2eOnPostgres, TEST_MASTER_KEY } from '../../helpers/postgres.js';

export interface AlibabaHangar {
  url: string;
  endpoint: string;
  config: Config;
  credentials: CredentialService;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Run the reconciler (broker processes, RUNNING instances). Tests of the API alone leave it off: instances then
   *  stay CREATING and no broker process is spawned, which keeps the suite light on a 2-core machine. */
  reconcile?: boolean;
}

export async function startAlibabaHangar(opts: HarnessOptions = {}): Promise<AlibabaHangar> {
  const env = opts.env ?? {};
  const reconcile = opts.reconcile ?? true;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-alibaba-'));
  // HANGAR_TEST_DATABASE=postgres: a database of its own on the PostgreSQL test server, dropped at close.
  const database = e2eOnPostgres ? databaseName(dataDir) : undefined;
  const onPostgres = database ? { HANGAR_DATABASE_URL: await createDatabase(database), HANGAR_MASTER_KEY: TEST_MASTER_KEY } : {};
  const config = loadConfig({
    HANGAR_HOST: '127.0.0.1',
    HANGAR_PORT: '0',
    HANGAR_DATA_DIR: dataDir,
    HANGAR_BROKER_PORTS: brokerPortWindow(100),
    HANGAR_LOG_LEVEL: 'error',
    HANGAR_RECONCILE_INTERVAL_MS: '200',
    HANGAR_ACCESS_KEY: TEST_AK,
    HANGAR_SECRET_KEY: TEST_SK,
    HANGAR_PROJECT_ID: TEST_PROJECT,
    ...onPostgres,
    ...env,
  });
  const app = await startApp({ ...config, minFreeDiskMb: 0 }, { provision: reconcile });
  return {
    url: app.url,
    endpoint: new URL(app.url).host,
    config,
    credentials: app.credentials,
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (database) await dropDatabase(database);
    },
  };
}
