// The database's change version: what read caches trust. It must move on every committed write, this connection's or
// another's (another process such as `hangar credentials`), and stay put while nothing is written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { openStore, type Store } from '../../src/store/db.js';

const dirs: string[] = [];
const stores: Store[] = [];
after(async () => {
  for (const s of stores) await s.db.destroy();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const open = async (dataDir?: string): Promise<Store & { dataDir: string }> => {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-change-version-'));
  if (!dataDir) dirs.push(dir);
  const s = await openStore({ dataDir: dir });
  stores.push(s);
  return { ...s, dataDir: dir };
};

const credential = (accessKey: string) => ({
  id: accessKey,
  access_key: accessKey,
  secret_enc: 'v1.x.y.z',
  tenant_id: 'p',
  policy_json: null,
  description: '',
  created_at: 1,
});

test('reads leave the version alone', async () => {
  const s = await open();
  const before = await s.changes.current();
  await s.db.selectFrom('credentials').selectAll().execute();
  assert.equal(await s.changes.current(), before);
});

test("this connection's writes move it, including an update of one row", async () => {
  const s = await open();
  const v0 = await s.changes.current();
  await s.db.insertInto('credentials').values(credential('AK1')).execute();
  const v1 = await s.changes.current();
  assert.notEqual(v1, v0);
  await s.db.updateTable('credentials').set({ policy_json: '{}' }).where('access_key', '=', 'AK1').execute();
  assert.notEqual(await s.changes.current(), v1);
});

test("another connection's commit moves it (another process running `hangar credentials`)", async () => {
  const server = await open();
  const cli = await open(server.dataDir);
  const v0 = await server.changes.current();
  await cli.db.insertInto('credentials').values(credential('AK2')).execute();
  const v1 = await server.changes.current();
  assert.notEqual(v1, v0);
  await cli.db.deleteFrom('credentials').where('access_key', '=', 'AK2').execute();
  assert.notEqual(await server.changes.current(), v1);
});
