// The only place the store touches the file system. Messages are tenant data: files are created 0600, directories 0700. Injectable so tests can count fsyncs, observe ordering and inject
// failures without mocking the store itself.
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';

/** An open file handle as the store sees it: a plain numeric descriptor. */
export type Fd = number;

export interface FileLayer {
  /** Opens a file; flags as node:fs ('r', 'r+', 'w+', 'wx+' ...). Directories open with 'r' (for fsyncDir). */
  open(path: string, flags: string): Promise<Fd>;
  close(fd: Fd): Promise<void>;
  /** Positional write of the whole range; resolves when the OS has all of it. */
  write(fd: Fd, buf: Uint8Array, offset: number, length: number, position: number): Promise<void>;
  /** Positional read; returns the number of bytes read (short at end of file). */
  read(fd: Fd, buf: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  readSync(fd: Fd, buf: Uint8Array, offset: number, length: number, position: number): number;
  fsync(fd: Fd): Promise<void>;
  truncate(fd: Fd, length: number): Promise<void>;
  size(fd: Fd): Promise<number>;
  unlink(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string): Promise<void>;
  rm(path: string): Promise<void>;
  /** Whole small file, or undefined if it does not exist. */
  readFile(path: string): Promise<Buffer | undefined>;
}

function fsWrite(fd: Fd, buf: Uint8Array, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.write(fd, buf, offset, length, position, (err, n) => (err ? reject(err) : resolve(n))),
  );
}

function fsRead(fd: Fd, buf: Uint8Array, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.read(fd, buf, offset, length, position, (err, n) => (err ? reject(err) : resolve(n))),
  );
}

/** node:fs implementation. Callback APIs on raw fds avoid the FileHandle object cost on the hot path. */
export const nodeFileLayer: FileLayer = {
  open: (path, flags) =>
    new Promise((resolve, reject) => fs.open(path, flags, 0o600, (err, fd) => (err ? reject(err) : resolve(fd)))),
  close: (fd) => new Promise((resolve, reject) => fs.close(fd, (err) => (err ? reject(err) : resolve()))),
  async write(fd, buf, offset, length, position) {
    // A positional write may be short; loop until the whole range is with the OS.
    let done = 0;
    while (done < length) done += await fsWrite(fd, buf, offset + done, length - done, position + done);
  },
  async read(fd, buf, offset, length, position) {
    let done = 0;
    while (done < length) {
      const n = await fsRead(fd, buf, offset + done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  },
  readSync(fd, buf, offset, length, position) {
    let done = 0;
    while (done < length) {
      const n = fs.readSync(fd, buf, offset + done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  },
  fsync: (fd) => new Promise((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve()))),
  truncate: (fd, length) => new Promise((resolve, reject) => fs.ftruncate(fd, length, (err) => (err ? reject(err) : resolve()))),
  size: (fd) => new Promise((resolve, reject) => fs.fstat(fd, (err, st) => (err ? reject(err) : resolve(st.size)))),
  unlink: (path) => fsp.unlink(path),
  rename: (from, to) => fsp.rename(from, to),
  readdir: (path) => fsp.readdir(path),
  mkdir: async (path) => {
    await fsp.mkdir(path, { recursive: true, mode: 0o700 });
  },
  rm: (path) => fsp.rm(path, { recursive: true, force: true }),
  async readFile(path) {
    try {
      return await fsp.readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  },
};

/** Writes a small file atomically: temp file, fsync, rename, fsync of the directory. */
export async function writeFileAtomic(files: FileLayer, dir: string, name: string, data: Uint8Array): Promise<void> {
  const tmp = `${dir}/${name}.tmp`;
  const fd = await files.open(tmp, 'w');
  try {
    await files.write(fd, data, 0, data.length, 0);
    await files.fsync(fd);
  } finally {
    await files.close(fd);
  }
  await files.rename(tmp, `${dir}/${name}`);
  await fsyncDir(files, dir);
}

export async function fsyncDir(files: FileLayer, dir: string): Promise<void> {
  const fd = await files.open(dir, 'r');
  try {
    await files.fsync(fd);
  } finally {
    await files.close(fd);
  }
}
