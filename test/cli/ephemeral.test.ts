// `hangar serve --ephemeral` as CI uses it: the first line announces endpoint and credential; after the server ends —
// SIGKILL of its whole process group included — no process and no file of it is left. Logs are JSON without a
// terminal and pretty, coloured lines under a pseudo-terminal (script).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { brokerPortWindow, eventually, Hangar } from '../helpers/hangar.js';

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');
const cli = path.resolve(path.dirname(here), '../../src/cli', fromSource ? 'main.ts' : 'main.js');
const node = [process.execPath, ...(fromSource ? ['--import', 'tsx'] : [])];
const ANNOUNCE = /^HANGAR_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+) HANGAR_ACCESS_KEY=(\S+) HANGAR_SECRET_KEY=(\S+) HANGAR_PROJECT_ID=(\S+)$/;

const serverEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, HANGAR_BROKER_PORTS: brokerPortWindow(100), HANGAR_LOG_LEVEL: 'info', HANGAR_RECONCILE_INTERVAL_MS: '200' };
  for (const k of ['HANGAR_DATA_DIR', 'HANGAR_PORT', 'HANGAR_ACCESS_KEY', 'HANGAR_SECRET_KEY', 'HANGAR_PROJECT_ID', 'HANGAR_DATABASE_URL']) delete env[k];
  return env;
};

/** Everything of the data directory still there: the directory itself, and processes naming it (brokers, the reaper). */
function leftovers(dir: string): string[] {
  const found = fs.existsSync(dir) ? [dir] : [];
  for (const pid of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) found.push(`process ${pid}`);
    } catch {
      // gone
    }
  }
  return found;
}

async function untilOutput(p: ChildProcess, get: () => string, re: RegExp): Promise<string> {
  return eventually(() => {
    if (p.exitCode !== null) throw new Error(`exited: ${get()}`);
    return re.test(get()) ? get() : undefined;
  }, 30_000, 50);
}

describe('hangar serve --ephemeral', () => {
  it('announces itself first, serves, and leaves no process and no file after a SIGKILL of its process group', async (t) => {
    const p = spawn(node[0]!, [...node.slice(1), cli, 'serve', '--ephemeral'], { env: serverEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await untilOutput(p, () => out, /"msg":"hangar serving"/);
    const [first, second] = out.split('\n');
    const m = ANNOUNCE.exec(first!);
    assert.ok(m, `first line announces: ${first}`);
    const [, endpoint, ak, sk, project] = m;
    const serving = JSON.parse(second!) as { msg: string; dataDir: string };
    assert.equal(serving.msg, 'hangar serving', 'JSON logs without a terminal');
    const dir = serving.dataDir;
    assert.ok(fs.existsSync(path.join(dir, 'hangar.db')));

    const env = { HANGAR_ENDPOINT: endpoint!, HANGAR_ACCESS_KEY: ak!, HANGAR_SECRET_KEY: sk!, HANGAR_PROJECT_ID: project! };
    const created = await Hangar.cli(['instances', 'create', '--name', 'ci-run', '--output', 'json'], env);
    assert.equal(created.code, 0, created.stderr);
    assert.equal((JSON.parse(created.stdout) as { status: string }).status, 'RUNNING');
    assert.ok(leftovers(dir).some((x) => x.startsWith('process')), 'a broker runs from the directory');
    assert.ok(!out.includes(sk!.slice(4)) || out.indexOf(sk!) === first!.indexOf(sk!), 'the secret is only on the announce line');

    const killedAt = Date.now();
    process.kill(-p.pid!, 'SIGKILL');
    await eventually(() => leftovers(dir).length === 0, 20_000, 50).catch(() => assert.fail(`left behind: ${leftovers(dir).join(', ')}`));
    t.diagnostic(`nothing left ${Date.now() - killedAt} ms after the SIGKILL`);
  });

  it('a clean stop (SIGTERM) leaves nothing either', async () => {
    const p = spawn(node[0]!, [...node.slice(1), cli, 'serve', '--ephemeral'], { env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await untilOutput(p, () => out, /"msg":"hangar serving"/);
    const dir = (JSON.parse(out.split('\n')[1]!) as { dataDir: string }).dataDir;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
    assert.equal(p.exitCode, 0);
    await eventually(() => leftovers(dir).length === 0, 20_000, 50).catch(() => assert.fail(`left behind: ${leftovers(dir).join(', ')}`));
  });

  it('logs pretty, coloured one-line events under a pseudo-terminal', async () => {
    const command = [...node, cli, 'serve', '--ephemeral'].join(' ');
    const p = spawn('script', ['-qfc', command, '/dev/null'], { env: { ...serverEnv(), TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    let dir: string | undefined;
    try {
      await untilOutput(p, () => out, /hangar serving[^\n]*\n/);
      const lines = out.split(/\r?\n/);
      assert.match(lines[0]!, ANNOUNCE, 'the announce line comes first on a terminal too');
      const serving = lines.find((l) => l.includes('hangar serving'))!;
      dir = /"dataDir":"([^"]+)"/.exec(serving)?.[1];
      assert.ok(serving.includes('\u001b['), 'coloured (ANSI escapes)');
      assert.ok(!serving.trimStart().startsWith('{'), `not JSON: ${serving}`);
      assert.match(serving, /INFO/);
      assert.ok(dir, `the line names the data dir: ${serving}`);
    } finally {
      // script(1) passes the first signal on to its command and waits for it.
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await eventually(() => leftovers(dir).length === 0, 20_000, 50).catch(() => assert.fail(`left behind: ${leftovers(dir).join(', ')}`));
  });
});
