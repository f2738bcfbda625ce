// Several replicas on one PostgreSQL database: each signature nonce is claimed by exactly one of them, however the
// claims interleave (migration 004 on PostgreSQL, two connection pools standing for two replicas).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrate } from '../../src/store/db.js';
import { UncountedWrites } from '../../src/store/change-version.js';
import { NonceRepository } from '../../src/store/nonces.js';
import type { Database } from '../../src/store/schema.js';

const SERVER = process.env.HANGAR_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe('NonceRepository on PostgreSQL', () => {
  const name = `hangar_test_nonces_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const replicas: Kysely<Database>[] = [];
  before(async () => {
    await admin(`create database ${name}`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    for (let i = 0; i < 2; i++) replicas.push(new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 4 }) }) }));
    await migrate(replicas[0]!);
  });
  after(async () => {
    for (const db of replicas) await db.destroy();
    await admin(`drop database if exists ${name}`);
  });

  it('each nonce is claimed once across replicas, concurrently', async () => {
    const [a, b] = replicas.map((db) => new NonceRepository(db, new UncountedWrites())) as [NonceRepository, NonceRepository];
    const now = Date.now();
    const keys = Array.from({ length: 50 }, (_, i) => `key-${i}`);
    const results = await Promise.all(keys.flatMap((k) => [a.claim(k, now, now - 900_000), b.claim(k, now, now - 900_000)]));
    for (let i = 0; i < keys.length; i++) assert.equal([results[2 * i], results[2 * i + 1]].filter(Boolean).length, 1, keys[i]);
    assert.equal(await a.claim('key-0', now + 1, now + 1 - 900_000), false);
    assert.equal(await b.claim('key-0', now + 900_001, now + 1), true);
    await a.forgetBefore(now + 900_002);
    assert.equal(await a.claim('key-1', now + 900_002, now + 2), true);
  });
});
