// Opening a data directory: the master key must open what is stored — credentials' secrets, or, when no credential is
// left, instance users' passwords — and is never made anew while such a secret exists.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { openCore } from '../src/core.js';
import { MasterKeyError } from '../src/service/secret-box.js';
import { CredentialRepository } from '../src/store/credentials.js';
import { InstanceAccessRepository } from '../src/store/instance-access.js';

describe('openCore and the master key', () => {
  it('refuses a data directory whose only secret is an instance user password once its key is gone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-core-'));
    try {
      const config = loadConfig({ HANGAR_DATA_DIR: dir });
      const first = await openCore(config);
      await new InstanceAccessRepository(first.db).insert('i-1', 'user', 'u1', { username: 'u1', passwordEnc: first.secrets.seal('p@ss') }, 1);
      assert.deepEqual(await new CredentialRepository(first.db).list(), []);
      await first.db.destroy();

      const key = path.join(dir, 'master.key');
      fs.rmSync(key);
      await assert.rejects(openCore(config), (e: unknown) => e instanceof MasterKeyError && e.message.includes(key));
      assert.equal(fs.existsSync(key), false);
      await assert.rejects(openCore(loadConfig({ HANGAR_DATA_DIR: dir, HANGAR_MASTER_KEY: 'not-the-key' })), MasterKeyError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
