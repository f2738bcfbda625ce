// What the local commands (credentials, reset) check about a data directory before they touch it: that it is one
// (a database or master key inside), and for reset that nothing runs on it.
import fs from 'node:fs';
import path from 'node:path';

/** Files only a Hangar data directory holds. */
const MARKERS = ['hangar.db', 'master.key'];

export const isDataDir = (dir: string): boolean => MARKERS.some((f) => fs.existsSync(path.join(dir, f)));

const otherPids = (): string[] => {
  try {
    return fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid);
  } catch {
    return []; // no /proc: nothing can be found
  }
};

/** Live broker processes started from the directory (their command line names a config file under it). */
export function brokerProcesses(dir: string): number[] {
  const brokers = path.join(path.resolve(dir), 'brokers') + path.sep;
  return otherPids()
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(brokers);
      } catch {
        return false; // gone
      }
    })
    .map(Number);
}

/** Live processes using the directory: its brokers, and any process holding its database open (a server). */
export function processesUsing(dir: string): number[] {
  const db = path.join(path.resolve(dir), 'hangar.db');
  const holders = otherPids().filter((pid) => {
    try {
      return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === db;
        } catch {
          return false;
        }
      });
    } catch {
      return false; // gone, or not ours to look at
    }
  });
  return [...new Set([...brokerProcesses(dir), ...holders.map(Number)])];
}
