// CPU and memory of processes, read the way `ps` and `top` do: process.cpuUsage() for this process, /proc for others.
import * as fs from 'node:fs';

/** Measures this process's CPU over an interval, as a percentage of one core (100 = one core busy). */
export class CpuMeter {
  private readonly cpu0 = process.cpuUsage();
  private readonly t0 = process.hrtime.bigint();

  percent(): number {
    const d = process.cpuUsage(this.cpu0);
    const wallUs = Number(process.hrtime.bigint() - this.t0) / 1e3;
    return wallUs > 0 ? ((d.user + d.system) / wallUs) * 100 : 0;
  }
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far; undefined when it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Resident set size of a process in bytes (VmRSS); undefined when it is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The pids of every process descended from `root` (children, grandchildren, …), without root itself. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // exited while we looked
    }
  }
  const out: number[] = [];
  const todo = [...(children.get(root) ?? [])];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** CPU used by a set of processes over an interval, as a percentage of one core. */
export class ProcessCpuMeter {
  private readonly start: Map<number, number>;
  private readonly t0 = process.hrtime.bigint();

  constructor(private readonly pids: number[]) {
    this.start = new Map(pids.map((p) => [p, processCpuSeconds(p) ?? 0]));
  }

  percent(): number {
    let used = 0;
    for (const pid of this.pids) used += (processCpuSeconds(pid) ?? this.start.get(pid)!) - this.start.get(pid)!;
    const wall = Number(process.hrtime.bigint() - this.t0) / 1e9;
    return wall > 0 ? (used / wall) * 100 : 0;
  }
}

/** Pids of running processes whose command name (/proc/<pid>/comm) is `name`, e.g. nats-server or beam.smp. */
export function pidsByName(name: string): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) out.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return out;
}

export interface MemoryRollup {
  rss: number;
  /** Proportional set size: private pages plus each shared page divided by the processes sharing it. */
  pss: number;
  private: number;
  shared: number;
}

/** Memory of a process from /proc/<pid>/smaps_rollup, in bytes; undefined when it is gone. */
export function memoryRollup(pid: number): MemoryRollup | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return {
    rss: kb('Rss'),
    pss: kb('Pss'),
    private: kb('Private_Clean') + kb('Private_Dirty'),
    shared: kb('Shared_Clean') + kb('Shared_Dirty'),
  };
}

/**
 * Resident memory of a set of processes counted once: every process's private pages plus the pages they share
 * (the node binary and libraries, the same file pages in every process), taken once as the largest shared set.
 */
export function residentOfSet(pids: number[]): { bytes: number; rssSum: number; pssSum: number } {
  let privateSum = 0;
  let sharedMax = 0;
  let rssSum = 0;
  let pssSum = 0;
  for (const pid of pids) {
    const m = memoryRollup(pid);
    if (!m) continue;
    privateSum += m.private;
    sharedMax = Math.max(sharedMax, m.shared);
    rssSum += m.rss;
    pssSum += m.pss;
  }
  return { bytes: privateSum + sharedMax, rssSum, pssSum };
}
