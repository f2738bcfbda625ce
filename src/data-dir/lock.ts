// One `hangar serve` per data directory. The lock is an fcntl lock that SQLite takes on a dedicated file
// (`serve.lock`, exclusive locking mode, held from the first write until the connection closes): the kernel drops it
// when the process dies however it dies, so a SIGKILLed server's successor starts at once, and no stale file needs
// cleaning up. The holder's pid is written beside it (`serve.pid`) only to name it to a refused second server.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { StartupError } from '../startup-error.js';

export const LOCK_FILE = 'serve.lock';
export const PID_FILE = 'serve.pid';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | undefined,
  ) {
    super(
      `HANGAR_DATA_DIR ${dataDir} is in use by another hangar serve (pid ${holderPid ?? 'unknown'}): stop it, or give this server another data directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

const isBusy = (e: unknown): boolean => {
  const code = (e as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
};

const readPid = (file: string): number | undefined => {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/** Takes the data directory's lock, or throws DataDirLockedError naming the directory and the holder's pid. */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockFile = path.join(dataDir, LOCK_FILE);
  const pidFile = path.join(dataDir, PID_FILE);
  let db: SQLite.Database;
  try {
    db = new SQLite(lockFile, { timeout: 0 });
    fs.chmodSync(lockFile, 0o600);
  } catch (e) {
    throw new StartupError(
      `lock file ${lockFile} cannot be opened for writing (${e instanceof Error ? e.message : String(e)}): give this user read and write access to it and HANGAR_DATA_DIR ${dataDir}.`,
    );
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = MEMORY');
    // A write takes the EXCLUSIVE lock; in exclusive locking mode it is kept after the commit.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL); DELETE FROM holder;');
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
  } catch (e) {
    db.close();
    if (isBusy(e)) throw new DataDirLockedError(dataDir, readPid(pidFile));
    throw new StartupError(
      `lock file ${lockFile} cannot be used (${e instanceof Error ? e.message : String(e)}): it holds no data; remove it and start again.`,
    );
  }
  fs.writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      if (readPid(pidFile) === process.pid) fs.rmSync(pidFile, { force: true });
      db.close();
    },
  };
}
