// The SQLite database file of the control plane: tenant data, so the file and its WAL and shared-memory companions are
// 0600 and its directory 0700 (SQLite gives the companions the database file's mode). A file that cannot be opened is
// named in one line with what to do; nothing is changed or deleted.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { StartupError } from '../startup-error.js';

const COMPANIONS = ['', '-wal', '-shm', '-journal'];

/** Creates the database file 0600 if missing and tightens the mode of an existing one and its companions. */
export function prepareSqliteFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const suffix of COMPANIONS) {
    try {
      if ((fs.statSync(file + suffix).mode & 0o077) !== 0) fs.chmodSync(file + suffix, 0o600);
    } catch {
      // absent, or not ours to change
    }
  }
}

/** Opens the database with `setUp` (pragmas), turning SQLite's terse refusals into a sentence naming the file. */
export function openSqliteFile(file: string, setUp: (db: SQLite.Database) => void): SQLite.Database {
  let db: SQLite.Database | undefined;
  try {
    prepareSqliteFile(file);
    db = new SQLite(file);
    setUp(db);
    // The first read of the schema is where a damaged file shows.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db?.close();
    throw describe(file, e);
  }
}

function describe(file: string, e: unknown): Error {
  const code = (e as { code?: string }).code ?? '';
  const what = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StartupError(`database ${file} is damaged or not a SQLite database (${what}): restore it from a backup, or move it away to start with an empty one; nothing was changed.`);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) {
    return new StartupError(`database ${file} cannot be opened for writing (${what}): give this user read and write access to it and its directory; nothing was changed.`);
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) {
    return new StartupError(`database ${file} is locked by another process (${what}): stop the process holding it and start again.`);
  }
  return e instanceof Error ? e : new Error(what);
}
