// One process, one open store per directory: a LOCK file holding the owner's pid. A lock left by a process that no
// longer runs (crash, SIGKILL) is taken over; a directory this process already has open is refused.
import * as path from 'node:path';
import { StoreLockedError } from './errors.js';
import type { FileLayer } from './file-layer.js';

export const LOCK_FILE = 'LOCK';
const openHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

export interface StoreLock {
  release(): Promise<void>;
}

export async function acquireStoreLock(files: FileLayer, dir: string): Promise<StoreLock> {
  const key = path.resolve(dir);
  if (openHere.has(key)) throw new StoreLockedError(`${dir} is already open in this process`);
  const lockPath = `${dir}/${LOCK_FILE}`;
  const existing = await files.readFile(lockPath);
  if (existing) {
    const pid = Number(existing.toString('utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new StoreLockedError(`${dir} is in use by process ${pid} (remove ${lockPath} if no broker runs there)`);
    }
    await files.unlink(lockPath).catch(() => undefined); // stale: its owner is gone
  }
  let fd: number;
  try {
    fd = await files.open(lockPath, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new StoreLockedError(`${dir} was locked by another process just now`);
    throw err;
  }
  try {
    const pid = Buffer.from(`${process.pid}\n`);
    await files.write(fd, pid, 0, pid.length, 0);
  } finally {
    await files.close(fd);
  }
  openHere.add(key);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      openHere.delete(key);
      await files.unlink(lockPath).catch(() => undefined);
    },
  };
}
