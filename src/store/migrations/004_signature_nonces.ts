import type { Kysely } from 'kysely';

// Signature nonces seen within their validity window, so a captured signed request is refused as a replay also after a
// restart and by every replica sharing the database: a nonce is claimed by inserting its key, and a conflict is a
// replay. The key is a hash of (access key, nonce), so its length does not depend on what a client sends.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('signature_nonces')
    .addColumn('nonce_key', 'text', (c) => c.primaryKey())
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signature_nonces_seen_at').on('signature_nonces').column('seen_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('signature_nonces').execute();
}
