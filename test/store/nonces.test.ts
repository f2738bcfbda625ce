// Signature nonces in the database: claimed once within the window, by whichever of several processes sharing the
// database comes first; claimable again after it; and their writes leave the read caches' change version alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore, type Store } from '../../src/store/db.js';
import { NonceRepository } from '../../src/store/nonces.js';
import { CredentialRepository } from '../../src/store/credentials.js';

describe('NonceRepository', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-nonce-store-'));
  const stores: Store[] = [];
  after(async () => {
    for (const s of stores) await s.db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const open = async (): Promise<{ store: Store; nonces: NonceRepository }> => {
    const store = await openStore({ dataDir: dir });
    stores.push(store);
    return { store, nonces: new NonceRepository(store.db, store.uncounted) };
  };
  const WINDOW = 15 * 60_000;

  it('a key is claimed once within the window, by one of two processes sharing the database', async () => {
    const a = await open();
    const b = await open();
    const t = 1_700_000_000_000;
    assert.equal(await a.nonces.claim('k1', t, t - WINDOW), true);
    assert.equal(await b.nonces.claim('k1', t + 1, t + 1 - WINDOW), false);
    assert.equal(await a.nonces.claim('k1', t + 2, t + 2 - WINDOW), false);
    // Past the window the key may be claimed again (its request would be refused by its date anyway).
    assert.equal(await b.nonces.claim('k1', t + WINDOW + 1, t + 1), true);
    assert.equal(await a.nonces.claim('k1', t + WINDOW + 2, t + 2), false);
    await a.nonces.forgetBefore(t + 2 * WINDOW + 10);
    assert.equal(await a.nonces.claim('k1', t + 2 * WINDOW + 10, t + WINDOW + 10), true);
  });

  it('nonce writes leave the change version as it was; other writes change it', async () => {
    const { store, nonces } = await open();
    const before = await store.changes.current();
    assert.equal(await nonces.claim('k2', 1, 0), true);
    assert.equal(await nonces.claim('k2', 2, 0), false);
    await nonces.forgetBefore(10);
    assert.equal(await store.changes.current(), before);
    await new CredentialRepository(store.db).upsert({ id: 'c1', accessKey: 'AK1', secretEnc: 'x', tenantId: 't', policyJson: null, description: '', createdAt: 1 });
    assert.notEqual(await store.changes.current(), before);
  });
});
