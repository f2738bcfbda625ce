// Versioned migrations, applied in name order at start. Add a file and a line here; never edit a released one.
import type { Migration } from 'kysely';
import * as m001 from './001_initial.js';
import * as m002 from './002_instance_access.js';
import * as m004 from './004_signature_nonces.js';

export const MIGRATIONS: Record<string, Migration> = {
  '001_initial': m001,
  '002_instance_access': m002,
  '004_signature_nonces': m004,
};
