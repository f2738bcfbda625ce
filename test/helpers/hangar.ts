// Starts the real `hangar serve` as a child process on free ports and a temporary data dir, for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');
// test/helpers/ → src/cli/, whether this runs from the sources (tsx) or compiled (dist/test/helpers → dist/src/cli).
const cliEntry = path.resolve(path.dirname(here), '../../src/cli', fromSource ? 'main.ts' : 'main.js');

export const TEST_AK = 'HANGARTESTAK00000001';
export const TEST_SK = 'hangar-test-secret-key-0123456789abcdef';
export const TEST_PROJECT = '0c9a1b2c3d4e4f5a8b7c6d5e4f3a2b1c';

/**
 * A random window of `size` broker ports in 10000-19999: below Hangar's default range (a `hangar serve` may run beside
 * the tests) and the kernel's ephemeral range (32768+), where an outgoing connection can take a port a broker is given.
 */
export function brokerPortWindow(size: number): string {
  const slots = Math.floor(10_000 / size);
  const base = 10_000 + Math.floor(Math.random() * slots) * size;
  return `${base}-${base + size - 1}`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface HangarOptions {
  dataDir?: string;
  env?: Record<string, string>;
  /** Run the server in its own process group, so a test can SIGKILL that whole group. */
  detached?: boolean;
  /** Leave out the bootstrap credential variables (to test the generated credentials file). */
  noCredentials?: boolean;
  port?: number;
}

export class Hangar {
  proc!: ChildProcess;
  output = '';
  readonly url: string;

  constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly env: Record<string, string>,
    readonly detached = false,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(opts: HangarOptions = {}): Promise<Hangar> {
    const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-test-'));
    const port = opts.port ?? (await freePort());
    const env: Record<string, string> = {
      HANGAR_PORT: String(port),
      HANGAR_HOST: '127.0.0.1',
      HANGAR_DATA_DIR: dataDir,
      // A window of our own, so test files running side by side do not race for the same ports.
      HANGAR_BROKER_PORTS: brokerPortWindow(100),
      HANGAR_LOG_LEVEL: 'warn',
      HANGAR_RECONCILE_INTERVAL_MS: '200',
      ...(opts.noCredentials ? {} : { HANGAR_ACCESS_KEY: TEST_AK, HANGAR_SECRET_KEY: TEST_SK, HANGAR_PROJECT_ID: TEST_PROJECT }),
      ...opts.env,
    };
    const h = new Hangar(port, dataDir, env, opts.detached);
    await h.launch();
    return h;
  }

  /** Runs `hangar <args>` (not serve) against the same data dir and returns stdout. */
  static cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    return Hangar.run(args, env);
  }

  /**
   * Runs `hangar serve` that is expected to refuse to start; the process is killed (code -1) if it is still running
   * after `timeoutMs`. `uid` runs it as another user (the test must be root).
   */
  static serveRefused(env: Record<string, string>, opts: { timeoutMs?: number; uid?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    return Hangar.run(['serve'], env, { timeoutMs: opts.timeoutMs ?? 30_000, ...(opts.uid !== undefined ? { uid: opts.uid } : {}) });
  }

  private static run(args: string[], env: Record<string, string>, opts: { timeoutMs?: number; uid?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const p = spawn(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), cliEntry, ...args], {
        env: { ...process.env, ...env },
        ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
      });
      let stdout = '';
      let stderr = '';
      const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => p.kill('SIGKILL'), opts.timeoutMs);
      p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      p.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stdout, stderr });
      });
    });
  }

  async launch(): Promise<void> {
    this.output = '';
    this.proc = spawn(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), cliEntry, 'serve'], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: this.detached,
    });
    this.proc.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.proc.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      if (this.exited()) throw new Error(`hangar exited (${this.proc.exitCode}):\n${this.output}`);
      try {
        const r = await fetch(`${this.url}/healthz`);
        if (r.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`hangar did not become healthy:\n${this.output}`);
  }

  /** A process ended by a signal keeps exitCode null: look at both. */
  exited(): boolean {
    return this.proc.exitCode !== null || this.proc.signalCode !== null;
  }

  /** Clean stop (SIGTERM): Hangar stops its brokers too. */
  async stop(): Promise<void> {
    if (this.exited()) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill('SIGTERM');
    await exited;
  }

  /** Crash: SIGKILL of the control plane alone; its brokers keep running. */
  async kill(): Promise<void> {
    if (this.exited()) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill('SIGKILL');
    await exited;
  }

  /** Crash of the whole process group of the server (needs `detached`). */
  async killGroup(): Promise<void> {
    if (this.exited()) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    process.kill(-this.proc.pid!, 'SIGKILL');
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** Pids of broker processes recorded in the data dir that are still alive. */
  brokerPids(): number[] {
    const dir = path.join(this.dataDir, 'brokers');
    if (!fs.existsSync(dir)) return [];
    const pids: number[] = [];
    for (const id of fs.readdirSync(dir)) {
      try {
        const pid = Number(fs.readFileSync(path.join(dir, id, 'broker.pid'), 'utf8'));
        process.kill(pid, 0);
        pids.push(pid);
      } catch {
        // no pid file or process gone
      }
    }
    return pids;
  }

  /** Pids of every live process running a broker of this data dir (found in /proc, pid files or not): orphans included. */
  brokerProcesses(): number[] {
    const marker = path.join(this.dataDir, 'brokers') + path.sep;
    const pids: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
      } catch {
        // exited while we looked
      }
    }
    return pids.sort((a, b) => a - b);
  }

  /** Stops everything and removes the data dir: the server, then any broker left behind. */
  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    for (const pid of this.brokerProcesses()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls fn until it returns a truthy value or the timeout passes. */
export async function eventually<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000, stepMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(stepMs);
  }
  // `last` is whatever the probe threw, usually an Error.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
