// Closed-loop HTTP load: `concurrency` keep-alive connections, each sending its next request as soon as the previous
// answer has been read, for a fixed time. Counts only answers with the expected status.
import * as http from 'node:http';
import { LatencyRecorder } from './latency.js';
import { CpuMeter } from './process-stats.js';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  clientCpuPct: number;
}

export interface LoadOptions {
  port: number;
  path: string;
  concurrency: number;
  durationMs: number;
  /** Headers of each request, built per request (a signature changes with the date). */
  headers: () => http.OutgoingHttpHeaders;
  expectStatus?: number;
}

function once(agent: http.Agent, o: LoadOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: o.port, path: o.path, method: 'GET', headers: o.headers(), agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function httpLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const expect = o.expectStatus ?? 200;
  const lat = new LatencyRecorder();
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  const cpu = new CpuMeter();
  const t0 = process.hrtime.bigint();
  const end = t0 + BigInt(o.durationMs) * 1_000_000n;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (process.hrtime.bigint() < end) {
        const start = process.hrtime.bigint();
        try {
          const status = await once(agent, o);
          if (status === expect) {
            ok++;
            lat.since(start);
          } else {
            errors++;
            firstError ??= `HTTP ${status}`;
          }
        } catch (e) {
          errors++;
          firstError ??= String(e);
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const clientCpuPct = cpu.percent();
  agent.destroy();
  if (ok === 0) throw new Error(`no request to ${o.path} succeeded (${errors} failed, first: ${firstError})`);
  return { requests: ok, errors, seconds, rate: ok / seconds, p50: lat.percentile(50), p99: lat.percentile(99), clientCpuPct };
}
