// Scenario `produce`: produce only, at 1, 16 and 128 sends in flight; latency is send → broker acknowledgement.
import { eachSystem, MESSAGE_BYTES } from './messaging-systems.js';
import { measureProduce } from './lib/messaging-run.js';
import type { Row } from './results.js';
import type { Scenario } from './scenario.js';

const LEVELS = [1, 16, 128] as const;

export const produce: Scenario = {
  name: 'produce',
  async run(ctx) {
    const count = (inFlight: number): number => (inFlight === 1 ? (ctx.quick ? 500 : 5_000) : ctx.quick ? 3_000 : 30_000);
    return eachSystem(ctx, 'produce', async (client) => {
      await measureProduce(client, ctx.quick ? 500 : 2_000, 16, MESSAGE_BYTES); // warm-up
      const rows: Row[] = [];
      for (const inFlight of LEVELS) {
        const n = count(inFlight);
        ctx.log(`produce: ${client.system} ${n} messages, ${inFlight} in flight`);
        const m = await measureProduce(client, n, inFlight, MESSAGE_BYTES);
        const params = { messages: n, messageBytes: MESSAGE_BYTES, inFlight, serverCpuPct: Math.round(m.serverCpuPct), cpuMsPerMsg: Number(m.cpuMsPerMessage.toFixed(3)), clientCpuPct: m.clientCpuPct };
        const row = (metric: string, value: number, unit: Row['unit']): Row => ({ scenario: 'produce', system: client.system, metric, value, unit, params });
        rows.push(row('throughput', m.rate, 'msg/s'), row('latency-p50', m.p50, 'ms'), row('latency-p99', m.p99, 'ms'));
      }
      return rows;
    });
  },
};
