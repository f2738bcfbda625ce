// The ephemeral server's reaper: `node reaper.js <dataDir>`, started (detached) by `hangar serve --ephemeral` with a pipe
// from it on stdin. When that pipe closes — the server ended, however: a clean stop, a crash, a SIGKILL of it or of its
// process group — the reaper stops the brokers still running from the directory (SIGTERM, then SIGKILL), removes the
// directory and exits: the last one out. Nothing is left within a few seconds.
import fs from 'node:fs';
import { brokerProcesses } from './data-dir.js';

const TERM_GRACE_MS = 2000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const signal = (pids: number[], sig: NodeJS.Signals): void => {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // gone already
    }
  }
};

async function reap(dir: string): Promise<void> {
  const pids = brokerProcesses(dir);
  signal(pids, 'SIGTERM');
  const until = Date.now() + TERM_GRACE_MS;
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  signal(pids.filter(alive), 'SIGKILL');
  // A broker killed mid-start may have been spawned after the first look.
  signal(brokerProcesses(dir), 'SIGKILL');
  while (pids.some(alive)) await new Promise((r) => setTimeout(r, 20));
  fs.rmSync(dir, { recursive: true, force: true });
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: reaper <dataDir>\n');
  process.exit(2);
}
let reaping = false;
const go = (): void => {
  if (reaping) return;
  reaping = true;
  reap(dir).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.stdin.on('end', go);
process.stdin.on('close', go);
process.stdin.on('error', go);
process.stdin.resume();
// Signals that would end the reaper before its work: the work is short, finish it.
process.on('SIGTERM', go);
process.on('SIGINT', go);
process.on('SIGHUP', go);
