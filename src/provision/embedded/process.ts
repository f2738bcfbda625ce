// Spawning and signalling broker processes. Brokers run detached (their own process group), so a crash of the control
// plane — even a SIGKILL of its whole group — leaves them serving until the next start re-adopts them.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROKER_LOG_FILE } from '../../broker/config.js';

const here = fileURLToPath(import.meta.url);
const runningFromSource = here.endsWith('.ts');
const brokerEntry = path.resolve(path.dirname(here), '../../broker', runningFromSource ? 'main.ts' : 'main.js');

/**
 * The environment of a broker: nothing of the server's (its settings, credentials, master key) beyond what any process
 * expects. A broker is configured by its config file alone; Node options (HANGAR_BROKER_NODE_OPTIONS) go on its command
 * line.
 */
export function brokerEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SYSTEMROOT']) if (env[k] !== undefined) out[k] = env[k];
  return out;
}

export function spawnBroker(configFile: string, dataDir: string, nodeOptions: string[] = []): ChildProcess {
  const log = fs.openSync(path.join(dataDir, BROKER_LOG_FILE), 'a', 0o600);
  try {
    const args = [...nodeOptions, ...(runningFromSource ? ['--import', 'tsx'] : []), brokerEntry, '--config', configFile];
    const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], env: brokerEnvironment() });
    child.unref();
    return child;
  } finally {
    fs.closeSync(log);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the process was started with this broker config file (Linux /proc; elsewhere assume so). */
export function isBrokerOf(pid: number, configFile: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(configFile);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync('/proc/self');
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return !isAlive(pid);
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
