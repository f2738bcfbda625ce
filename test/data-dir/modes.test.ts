// The data directory holds tenant data (database, messages, keys): through the real binary with a running broker, every
// file in it is 0600 and every directory 0700 — also after a start over a directory an earlier version left wider.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually, Hangar, TEST_PROJECT } from '../helpers/hangar.js';
import { seedBody, signedFetch } from '../helpers/huawei-sdk.js';

const wrongModes = (root: string): string[] => {
  const out: string[] = [];
  const check = (p: string): void => {
    const st = fs.statSync(p);
    const want = st.isDirectory() ? 0o700 : 0o600;
    if ((st.mode & 0o777) !== want) out.push(`${path.relative(root, p) || '.'} ${(st.mode & 0o777).toString(8)}`);
  };
  check(root);
  for (const name of fs.readdirSync(root, { recursive: true }) as string[]) {
    // Temporary files come and go while the server runs.
    if (!name.endsWith('.tmp')) {
      try {
        check(path.join(root, name));
      } catch {
        // removed while we looked
      }
    }
  }
  return out;
};

describe('file modes of the data directory', () => {
  let h: Hangar | undefined;
  after(async () => {
    await h?.destroy();
  });

  it('are 0600 for files and 0700 for directories, tightened at start', async () => {
    h = await Hangar.start();
    const created = await signedFetch(h.url, 'POST', `/v2/${TEST_PROJECT}/instances`, JSON.stringify(seedBody('modes-1')));
    assert.equal(created.status, 200, await created.clone().text());
    const id = ((await created.json()) as { instance_id: string }).instance_id;
    const running = async (): Promise<boolean> => {
      const r = await signedFetch(h!.url, 'GET', `/v2/${TEST_PROJECT}/instances/${id}`);
      return ((await r.json()) as { status: string }).status === 'RUNNING';
    };
    await eventually(running, 60_000);
    assert.ok(fs.existsSync(path.join(h.dataDir, 'hangar.db-wal')));
    assert.deepEqual(wrongModes(h.dataDir), []);

    // As an earlier version left them: readable by others.
    await h.stop();
    fs.chmodSync(h.dataDir, 0o755);
    fs.chmodSync(path.join(h.dataDir, 'hangar.db'), 0o644);
    fs.chmodSync(path.join(h.dataDir, 'brokers'), 0o755);
    fs.chmodSync(path.join(h.dataDir, 'brokers', fs.readdirSync(path.join(h.dataDir, 'brokers'))[0]!), 0o755);
    await h.launch();
    await eventually(running, 60_000);
    assert.deepEqual(wrongModes(h.dataDir), []);
  });
});
