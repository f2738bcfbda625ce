// Scenario `round-trip`: N messages produced with 64 in flight while one consumer receives and acks each. Hangar is
// measured three times in the same run: plaintext, over TLS (hangar-tls) on the same PERMISSIVE instance, and with
// access control on (hangar-acl).
import { eachSystem, MESSAGE_BYTES } from './messaging-systems.js';
import { measureRoundTrip } from './lib/messaging-run.js';
import type { Row } from './results.js';
import type { Scenario } from './scenario.js';

const IN_FLIGHT = 64;

export const roundTrip: Scenario = {
  name: 'round-trip',
  async run(ctx) {
    const n = ctx.quick ? 3_000 : 30_000;
    const warmup = ctx.quick ? 500 : 2_000;
    return eachSystem(ctx, 'round-trip', async (client) => {
      // Warm the client, the connection and the server's JIT before measuring.
      await measureRoundTrip(client, warmup, IN_FLIGHT, MESSAGE_BYTES, 60_000);
      ctx.log(`round-trip: ${client.system} ${n} messages`);
      const m = await measureRoundTrip(client, n, IN_FLIGHT, MESSAGE_BYTES, 300_000);
      const params = { messages: n, messageBytes: MESSAGE_BYTES, inFlight: IN_FLIGHT, ...client.settings, serverCpuPct: Math.round(m.serverCpuPct), cpuMsPerMsg: Number(m.cpuMsPerMessage.toFixed(3)), clientCpuPct: m.clientCpuPct };
      const row = (metric: string, value: number, unit: Row['unit']): Row => ({ scenario: 'round-trip', system: client.system, metric, value, unit, params });
      return [row('throughput', m.rate, 'msg/s'), row('latency-p50', m.p50, 'ms'), row('latency-p99', m.p99, 'ms')];
    }, { variants: true });
  },
};
