// Runs the versioned migrations (src/store/migrations/): the same files on SQLite and PostgreSQL.
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Applies the migrations not yet applied, in name order. */
export async function migrate(db: Kysely<Database>): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  // Kysely reports whatever the migration threw; a non-Error becomes the message of one.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
