import type { Kysely } from 'kysely';

// Client-side access of instances: users (accounts), ACL rules and IP whitelist entries, one JSON document per
// (instance, kind, key). Stored and returned faithfully; the broker enforces them once it reads them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('instance_access')
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('spec_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('instance_access_pk', ['instance_id', 'kind', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('instance_access').execute();
}
