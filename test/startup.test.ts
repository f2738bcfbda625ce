// `hangar serve` refusing to start, through the real binary: one line on stderr naming the setting or the path, what is
// wrong and what to do, exit code 1, and nothing changed in the data directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort, Hangar } from './helpers/hangar.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-startup-'));
  dirs.push(d);
  return d;
};

const baseEnv = async (dataDir: string): Promise<Record<string, string>> => ({
  HANGAR_DATA_DIR: dataDir,
  HANGAR_HOST: '127.0.0.1',
  HANGAR_PORT: String(await freePort()),
  HANGAR_LOG_LEVEL: 'warn',
});

/** The one stderr line of a refused start; fails unless the process exited 1 with exactly one line. */
async function refusal(env: Record<string, string>, opts: { uid?: number } = {}): Promise<string> {
  const r = await Hangar.serveRefused(env, opts);
  assert.equal(r.code, 1, `exit ${r.code}\n${r.stderr}\n${r.stdout}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  return lines[0]!;
}

const NOBODY = 65534;
const root = process.getuid?.() === 0;
/**
 * Root reads everything, so the unreadable cases run the server as nobody — which needs to read this checkout. A clone
 * under a directory only root may enter (a 0700 home or mkdtemp) cannot be run as nobody: those cases say so and skip.
 */
const nobodyCannotRunThis = (): string | false => {
  if (!root) return false;
  const main = path.resolve('dist/src/cli/main.js');
  const r = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(main)}, require('fs').constants.R_OK)`], { uid: NOBODY, gid: NOBODY });
  return r.status === 0 ? false : `user nobody cannot read ${main} (a parent directory is closed to other users)`;
};
const skipAsNobody = nobodyCannotRunThis();

/** Every file under `dir` with its bytes, to show nothing was changed. */
const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isFile()) out[name] = fs.readFileSync(p).toString('base64');
  }
  return out;
};

/** A data directory a server has run in and stopped: database, master key, credentials (SQLite, whatever HANGAR_TEST_DATABASE says). */
async function usedDataDir(): Promise<string> {
  const dir = tempDir();
  const h = await Hangar.start({ dataDir: dir, noCredentials: true, database: 'sqlite' });
  await h.stop();
  return dir;
}

describe('hangar serve refuses to start with one clear line', () => {
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a data directory that is a file', async () => {
    const file = path.join(tempDir(), 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const line = await refusal(await baseEnv(file));
    assert.match(line, /HANGAR_DATA_DIR/);
    assert.ok(line.includes(file), line);
    assert.match(line, /not a directory/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'x');
  });

  it('a data directory this user cannot read', { skip: skipAsNobody }, async () => {
    const dir = tempDir();
    // Root reads any directory: run the server as nobody over a directory only root may enter.
    if (root) fs.chmodSync(dir, 0o700);
    else fs.chmodSync(dir, 0o000);
    try {
      const line = await refusal(await baseEnv(dir), root ? { uid: NOBODY } : {});
      assert.match(line, /HANGAR_DATA_DIR/);
      assert.ok(line.includes(dir), line);
      assert.match(line, /not readable and writable/);
    } finally {
      fs.chmodSync(dir, 0o700);
    }
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('a lock file or database file this user cannot open', { skip: (!root && 'needs root to make files of another owner') || skipAsNobody }, async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o777);
    const lock = path.join(dir, 'serve.lock');
    fs.writeFileSync(lock, '', { mode: 0o600 });
    const lockLine = await refusal(await baseEnv(dir), { uid: NOBODY });
    assert.ok(lockLine.includes(lock), lockLine);
    assert.match(lockLine, /cannot be opened for writing/);
    fs.rmSync(lock);
    const db = path.join(dir, 'hangar.db');
    fs.writeFileSync(db, '', { mode: 0o600 });
    const dbLine = await refusal(await baseEnv(dir), { uid: NOBODY });
    assert.ok(dbLine.includes(db), dbLine);
    assert.match(dbLine, /cannot be opened for writing/);
    assert.equal(fs.readFileSync(db, 'utf8'), '');
  });

  it('a damaged lock file', async () => {
    const dir = tempDir();
    const lock = path.join(dir, 'serve.lock');
    fs.writeFileSync(lock, Buffer.alloc(4096, 0x41));
    const line = await refusal(await baseEnv(dir));
    assert.ok(line.includes(lock), line);
    assert.match(line, /remove it and start again/);
  });

  it('a damaged database file, left as it is', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'hangar.db');
    fs.writeFileSync(db, Buffer.alloc(8192, 0x5a), { mode: 0o600 });
    const line = await refusal(await baseEnv(dir));
    assert.ok(line.includes(db), line);
    assert.match(line, /not a SQLite database/);
    assert.match(line, /restore it from a backup/);
    assert.deepEqual(fs.readFileSync(db), Buffer.alloc(8192, 0x5a));
    assert.equal(fs.existsSync(path.join(dir, 'master.key')), false, 'no key made for a database that did not open');
  });

  it('a log level pino does not have', async () => {
    const line = await refusal({ ...(await baseEnv(tempDir())), HANGAR_LOG_LEVEL: 'verbose' });
    assert.match(line, /^hangar: HANGAR_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got verbose$/);
  });

  it('a port out of range, and a port in use', async () => {
    assert.match(await refusal({ ...(await baseEnv(tempDir())), HANGAR_PORT: '70000' }), /^hangar: HANGAR_PORT must be a port from 0 to 65535, got 70000$/);
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const line = await refusal({ ...(await baseEnv(tempDir())), HANGAR_PORT: String(port) });
      assert.match(line, new RegExp(`HANGAR_PORT ${port} on HANGAR_HOST 127.0.0.1 is already in use`));
    } finally {
      busy.close();
    }
  });

  it('a lost master key: refused, named, and not made anew', async () => {
    const dir = await usedDataDir();
    const key = path.join(dir, 'master.key');
    fs.rmSync(key);
    const before = snapshot(dir);
    const line = await refusal(await baseEnv(dir));
    assert.ok(line.includes(key), line);
    assert.match(line, /restore the file from a backup/);
    assert.equal(fs.existsSync(key), false);
    const cli = await Hangar.cli(['credentials', 'list'], { HANGAR_DATA_DIR: dir });
    assert.equal(cli.code, 1);
    assert.ok(cli.stderr.includes(key), cli.stderr);
    assert.equal(fs.existsSync(key), false);
    assert.deepEqual(Object.keys(snapshot(dir)).sort(), Object.keys(before).sort());
  });

  it('an empty master key, and a damaged credentials file', async () => {
    const dir = await usedDataDir();
    const key = path.join(dir, 'master.key');
    const original = fs.readFileSync(key);
    fs.writeFileSync(key, '');
    assert.match(await refusal(await baseEnv(dir)), new RegExp(`master key ${key} is empty`));
    fs.writeFileSync(key, original);
    const creds = path.join(dir, 'credentials.json');
    fs.writeFileSync(creds, '{"accessKey": tru');
    const line = await refusal(await baseEnv(dir));
    assert.ok(line.includes(creds), line);
    assert.match(line, /is damaged/);
    assert.equal(fs.readFileSync(creds, 'utf8'), '{"accessKey": tru');
  });

  it('a master key that does not open the stored secrets', async () => {
    const dir = await usedDataDir();
    const key = path.join(dir, 'master.key');
    const original = fs.readFileSync(key, 'utf8');
    fs.writeFileSync(key, 'f'.repeat(64), { mode: 0o600 });
    const line = await refusal(await baseEnv(dir));
    assert.ok(line.includes(key), line);
    assert.match(line, /does not open the secrets stored/);
    assert.match(await refusal({ ...(await baseEnv(dir)), HANGAR_MASTER_KEY: 'another-key' }), /HANGAR_MASTER_KEY does not open the secrets stored/);
    // With its own key back, the data directory starts as before.
    fs.writeFileSync(key, original, { mode: 0o600 });
    const h = await Hangar.start({ dataDir: dir, noCredentials: true, database: 'sqlite' });
    await h.stop();
  });
});
