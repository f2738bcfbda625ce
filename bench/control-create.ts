// Scenario `control-create`: time from POST /v2/{project_id}/instances to the instance reported RUNNING by
// GET …/instances/{id} (polled every 20 ms), one instance at a time, over 20 instances of a fresh server, on SQLite and
// on PostgreSQL.
import { DATABASES, HuaweiApi, startHangar, type BenchDatabase } from './lib/hangar-api.js';
import { percentile } from './lib/latency.js';
import { CpuMeter } from './lib/process-stats.js';
import type { Row } from './results.js';
import type { Scenario, ScenarioContext } from './scenario.js';

const INSTANCES = 20;
const POLL_MS = 20;

export const controlCreate: Scenario = {
  name: 'control-create',
  async run(ctx) {
    const rows: Row[] = [];
    for (const database of DATABASES) rows.push(...(await createRun(ctx, database)));
    return { rows, unavailable: [] };
  },
};

async function createRun(ctx: ScenarioContext, database: BenchDatabase): Promise<Row[]> {
  ctx.log(`control-create: ${INSTANCES} instances, one at a time (${database})`);
  const h = await startHangar({}, { database });
  const api = new HuaweiApi(h.url);
  const toRunning: number[] = [];
  const postMs: number[] = [];
  const cpu = new CpuMeter();
  try {
    for (let i = 0; i < INSTANCES; i++) {
      const t0 = process.hrtime.bigint();
      const id = await api.createInstance(`bench-create-${i}`);
      postMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await api.waitRunning(id, 60_000, POLL_MS);
      toRunning.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  } finally {
    api.close();
    await h.destroy();
  }
  const params = { instances: INSTANCES, database, productId: 'rocketmq.b2.large.4', engineVersion: '5.x', pollMs: POLL_MS, sequential: true, clientCpuPct: cpu.percent() };
  const row = (metric: string, value: number): Row => ({ scenario: 'control-create', system: 'hangar', metric, value, unit: 'ms', params });
  return [row('create-to-running-p50', percentile(toRunning, 50)), row('create-to-running-p99', percentile(toRunning, 99)), row('create-call-p50', percentile(postMs, 50))];
}
