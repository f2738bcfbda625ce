// Scenario `density`: resident memory of all broker processes divided by the number of instances, with 10 and then
// 50 idle instances on one fresh server. Memory of the set is counted once: each broker's private pages plus the
// pages they all share (the node binary and libraries, ~40 MB that summed RSS would count once per process). Summed
// RSS and summed PSS are recorded beside it, and an empty Node process is measured in the same run for scale.
import { spawn } from 'node:child_process';
import { brokerPortWindow, HuaweiApi, startHangar, type Hangar } from './lib/hangar-api.js';
import { descendants, memoryRollup, residentOfSet } from './lib/process-stats.js';
import type { Row } from './results.js';
import type { Scenario } from './scenario.js';

const MB = 1024 * 1024;
const STEPS = [10, 50] as const;
// Let start-up garbage be collected and the brokers go idle before reading memory.
const SETTLE_MS = { quick: 2_000, full: 5_000 };
const PRODUCT_ID = 'rocketmq.b2.large.4';
const WAVE = 10;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every process serving the instances: the recorded broker pids and anything the control plane spawned. */
function brokerProcesses(h: Hangar): number[] {
  const pids = new Set<number>(descendants(h.proc.pid!));
  for (const pid of h.brokerPids()) {
    pids.add(pid);
    for (const d of descendants(pid)) pids.add(d);
  }
  return [...pids];
}

async function emptyNode(): Promise<{ rssMB: number; privateMB: number }> {
  const p = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  try {
    await sleep(1000);
    const m = memoryRollup(p.pid!);
    return { rssMB: (m?.rss ?? Number.NaN) / MB, privateMB: (m?.private ?? Number.NaN) / MB };
  } finally {
    p.kill('SIGKILL');
  }
}

export const density: Scenario = {
  name: 'density',
  async run(ctx) {
    const empty = await emptyNode();
    // Four ports per instance: a window of 1000 of our own (the launcher's default window of 100 fits 25).
    const h = await startHangar({ HANGAR_INSTANCE_QUOTA: String(Math.max(...STEPS)), HANGAR_BROKER_PORTS: brokerPortWindow(1000) });
    const api = new HuaweiApi(h.url);
    const rows: Row[] = [];
    try {
      let created = 0;
      for (const target of STEPS) {
        ctx.log(`density: ${target} idle instances`);
        // In waves: dozens of brokers starting at once on 2 cores can miss the driver's start deadline (CREATEFAILED),
        // and this scenario is about idle memory, not burst creation.
        while (created < target) {
          const ids: string[] = [];
          for (; created < target && ids.length < WAVE; created++) ids.push(await api.createInstance(`bench-density-${created}`, PRODUCT_ID));
          for (const id of ids) await api.waitRunning(id, 180_000, 100);
        }
        await sleep(ctx.quick ? SETTLE_MS.quick : SETTLE_MS.full);
        const pids = brokerProcesses(h);
        const set = residentOfSet(pids);
        const params = {
          instances: target,
          brokerProcesses: pids.length,
          brokersMB: Math.round(set.bytes / MB),
          rssSumMB: Math.round(set.rssSum / MB),
          controlPlaneRssMB: Math.round((memoryRollup(h.proc.pid!)?.rss ?? 0) / MB),
          emptyNodeRssMB: Math.round(empty.rssMB),
          emptyNodePrivateMB: Math.round(empty.privateMB),
          productId: PRODUCT_ID,
        };
        const row = (metric: string, bytes: number): Row => ({ scenario: 'density', system: 'hangar', metric, value: bytes / MB / target, unit: 'MB', params });
        rows.push(row('memory-per-instance', set.bytes), row('rss-sum-per-instance', set.rssSum), row('pss-sum-per-instance', set.pssSum));
      }
    } finally {
      api.close();
      await h.destroy();
    }
    return { rows, unavailable: [] };
  },
};
