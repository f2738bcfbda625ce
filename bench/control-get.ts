// Scenario `control-get`: signed GET /v2/{project_id}/instances/{instance_id} at a fixed concurrency against the real
// `hangar serve`, on SQLite and on PostgreSQL, beside a bare fastify hello-world in its own process, same load generator,
// same run.
import { signHuaweiRequest } from '../src/api/huawei/signature.js';
import { startChildServer } from './lib/child.js';
import { DATABASES, HuaweiApi, startHangar, TEST_PROJECT } from './lib/hangar-api.js';
import { httpLoad, type LoadResult } from './lib/http-load.js';
import { ProcessCpuMeter, descendants } from './lib/process-stats.js';
import type { Row } from './results.js';
import type { Scenario } from './scenario.js';
import { TEST_AK, TEST_SK } from '../test/helpers/hangar.js';

const CONCURRENCY = 32;

function rows(system: Row['system'], r: LoadResult, params: Record<string, unknown>): Row[] {
  const server = typeof params['serverCpuPct'] === 'number' ? params['serverCpuPct'] : undefined;
  // Server CPU time per answered request: holds on a busy shared machine where throughput alone does not.
  const serverCpuMsPerReq = server === undefined ? undefined : Number((((server / 100) * r.seconds * 1000) / r.requests).toFixed(3));
  const p = { concurrency: CONCURRENCY, seconds: Number(r.seconds.toFixed(1)), requests: r.requests, errors: r.errors, ...params, serverCpuMsPerReq, clientCpuPct: r.clientCpuPct };
  return [
    { scenario: 'control-get', system, metric: 'throughput', value: r.rate, unit: 'req/s', params: p },
    { scenario: 'control-get', system, metric: 'latency-p50', value: r.p50, unit: 'ms', params: p },
    { scenario: 'control-get', system, metric: 'latency-p99', value: r.p99, unit: 'ms', params: p },
  ];
}

export const controlGet: Scenario = {
  name: 'control-get',
  async run(ctx) {
    const durationMs = ctx.quick ? 3_000 : 10_000;
    const warmupMs = ctx.quick ? 1_000 : 2_000;
    const out: Row[] = [];

    ctx.log('control-get: fastify hello-world');
    const fastify = await startChildServer('servers/fastify-hello');
    try {
      const load = { port: fastify.port, path: '/', concurrency: CONCURRENCY, headers: () => ({}) };
      await httpLoad({ ...load, durationMs: warmupMs });
      const cpu = new ProcessCpuMeter([fastify.proc.pid!]);
      const r = await httpLoad({ ...load, durationMs });
      out.push(...rows('fastify', r, { route: 'GET /', serverCpuPct: cpu.percent() }));
    } finally {
      await fastify.stop();
    }

    for (const database of DATABASES) {
      ctx.log(`control-get: hangar signed ShowInstance (${database})`);
      const h = await startHangar({}, { database });
      const api = new HuaweiApi(h.url);
      try {
        const id = await api.createInstance('bench-get');
        await api.waitRunning(id);
        const target = api.instancePath(id);
        const host = api.host;
        const headers = () => signHuaweiRequest({ method: 'GET', url: target, host, ak: TEST_AK, sk: TEST_SK, projectId: TEST_PROJECT, date: new Date() });
        const load = { port: api.port, path: target, concurrency: CONCURRENCY, headers };
        await httpLoad({ ...load, durationMs: warmupMs });
        // The control plane alone: its broker children are idle and not part of this request path.
        const serverPid = h.proc.pid!;
        const cpu = new ProcessCpuMeter([serverPid]);
        const r = await httpLoad({ ...load, durationMs });
        const route = 'GET /v2/{project_id}/instances/{instance_id}';
        out.push(...rows('hangar', r, { route, database, signed: 'SDK-HMAC-SHA256 per request', serverCpuPct: cpu.percent(), brokerProcesses: descendants(serverPid).length }));
      } finally {
        api.close();
        await h.destroy();
      }
    }
    return { rows: out, unavailable: [] };
  },
};
