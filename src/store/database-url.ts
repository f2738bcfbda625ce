// HANGAR_DATABASE_URL: which database the control plane keeps its state in. Empty: the SQLite file hangar.db in the
// data dir; `sqlite:PATH`: that SQLite file; `postgres://…` or `postgresql://…`: a PostgreSQL database.
import path from 'node:path';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseTarget {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'hangar.db') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (!file) throw new Error('HANGAR_DATABASE_URL: sqlite: needs a file path (sqlite:/var/lib/hangar/hangar.db)');
    return { kind: 'sqlite', file: path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  // Only the scheme is echoed: the rest may hold a password.
  throw new Error(`HANGAR_DATABASE_URL must be sqlite:PATH or postgres://USER@HOST:PORT/DATABASE (got ${url.split(':')[0]}:)`);
}
