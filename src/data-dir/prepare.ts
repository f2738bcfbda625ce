// The data directory before anything opens it: created 0700 if missing, tightened to 0700 if others may enter it (it
// holds tenant data and keys), and refused in one line naming it when it is no directory or this user cannot use it.
import fs from 'node:fs';
import { StartupError } from '../startup-error.js';

const who = (): string => (typeof process.getuid === 'function' ? `uid ${process.getuid()}` : 'this user');

export function prepareDataDir(dataDir: string): void {
  let st: fs.Stats;
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    st = fs.statSync(dataDir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new StartupError(`HANGAR_DATA_DIR ${dataDir} is not a directory (${code}): point HANGAR_DATA_DIR at a directory.`);
    throw new StartupError(`HANGAR_DATA_DIR ${dataDir} cannot be created or read (${code}): create it for ${who()} or choose another directory.`);
  }
  if (!st.isDirectory()) throw new StartupError(`HANGAR_DATA_DIR ${dataDir} is not a directory: point HANGAR_DATA_DIR at a directory.`);
  try {
    fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupError(`HANGAR_DATA_DIR ${dataDir} is not readable and writable by ${who()} (${code}): give ${who()} access to it or choose another directory; nothing was changed.`);
  }
  // Best effort: a directory of another owner that this user may write to keeps its mode.
  if ((st.mode & 0o077) !== 0) {
    try {
      fs.chmodSync(dataDir, 0o700);
    } catch {
      // not ours to change
    }
  }
}
