// Several replicas on one PostgreSQL database: each signature nonce is claimed by exactly one of them, however the
// claims interleave (migration 004 on PostgreSQL, two stores standing for two replicas). Nonce writes leave the change
// version alone there too (their table has no change trigger).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/db.js';
import { NonceRepository } from '../../src/store/nonces.js';
import { DATABASES, type TestDatabase } from '../helpers/test-database.js';

describe('NonceRepository on PostgreSQL', () => {
  let database: TestDatabase;
  let replicas: [Store, Store];
  before(async () => {
    database = await DATABASES[1].create();
    replicas = [await database.open(), await database.open()];
  });
  after(() => database.close());

  it('each nonce is claimed once across replicas, concurrently', async () => {
    const [a, b] = replicas.map((s) => new NonceRepository(s.db, s.uncounted)) as [NonceRepository, NonceRepository];
    const now = Date.now();
    const keys = Array.from({ length: 50 }, (_, i) => `key-${i}`);
    const results = await Promise.all(keys.flatMap((k) => [a.claim(k, now, now - 900_000), b.claim(k, now, now - 900_000)]));
    for (let i = 0; i < keys.length; i++) assert.equal([results[2 * i], results[2 * i + 1]].filter(Boolean).length, 1, keys[i]);
    assert.equal(await a.claim('key-0', now + 1, now + 1 - 900_000), false);
    assert.equal(await b.claim('key-0', now + 900_001, now + 1), true);
    await a.forgetBefore(now + 900_002);
    assert.equal(await a.claim('key-1', now + 900_002, now + 2), true);
  });

  it('nonce writes leave the change version alone', async () => {
    const [a] = replicas;
    const v0 = await a.changes.current();
    await new NonceRepository(a.db, a.uncounted).claim('key-version', Date.now(), 0);
    assert.equal(await a.changes.current(), v0);
  });
});
