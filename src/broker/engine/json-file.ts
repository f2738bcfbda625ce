// A JSON document of the engine kept in one file and replaced atomically (write, fsync, rename, fsync the directory).
import fs from 'node:fs/promises';
import path from 'node:path';

/** The parsed file, or undefined when there is none. */
export const readJsonFile = async <T>(dir: string, name: string): Promise<T | undefined> => {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
};

export const writeJsonFile = async (dir: string, name: string, value: unknown): Promise<void> => {
  const target = path.join(dir, name);
  const tmp = `${target}.${process.pid}.tmp`;
  const fh = await fs.open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(JSON.stringify(value, null, 2));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, target);
  // Make the rename itself durable.
  const dh = await fs.open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
};
