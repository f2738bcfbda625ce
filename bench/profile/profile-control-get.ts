// Profiles `hangar serve` under the control-get load: starts it with the profiler preload, profiles the signed GET
// load after a warm-up, and prints where the server's CPU went. Run from dist for realistic figures:
//   npx tsc -p . && node dist/bench/profile/profile-control-get.js [seconds]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { signHuaweiRequest } from '../../src/api/huawei/signature.js';
import { TEST_AK, TEST_SK } from '../../test/helpers/hangar.js';
import { HuaweiApi, startHangar, TEST_PROJECT } from '../lib/hangar-api.js';
import { httpLoad } from '../lib/http-load.js';
import { processCpuSeconds } from '../lib/process-stats.js';
import { fileURLToPath } from 'node:url';
import { summarise, type CpuProfile } from './cpuprofile-summary.js';

const seconds = Number(process.argv[2] ?? 10);
const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-prof-'));
const preload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cpu-profiler-preload.js');
if (!fs.existsSync(preload)) throw new Error('run the compiled version (dist/bench/profile/profile-control-get.js)');
const h = await startHangar({ NODE_OPTIONS: `--import=${preload}`, BENCH_CPU_PROF_DIR: profDir });
const api = new HuaweiApi(h.url);
try {
  const id = await api.createInstance('prof-get');
  await api.waitRunning(id);
  const target = api.instancePath(id);
  const headers = () => signHuaweiRequest({ method: 'GET', url: target, host: api.host, ak: TEST_AK, sk: TEST_SK, projectId: TEST_PROJECT, date: new Date() });
  const load = { port: api.port, path: target, concurrency: 32, headers };
  await httpLoad({ ...load, durationMs: 2000 });
  process.kill(h.proc.pid!, 'SIGUSR2');
  const cpu0 = processCpuSeconds(h.proc.pid!) ?? 0;
  const r = await httpLoad({ ...load, durationMs: seconds * 1000 });
  const cpuMs = ((processCpuSeconds(h.proc.pid!) ?? cpu0) - cpu0) * 1000;
  process.kill(h.proc.pid!, 'SIGUSR2');
  await new Promise((done) => setTimeout(done, 1000));
  console.log(`${r.rate.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, client ${r.clientCpuPct.toFixed(0)} %`);
  // The profile samples wall time (a descheduled server shows up as time in its last call, often writev); CPU per
  // request is the figure that holds on a busy machine. The profiler itself adds to it.
  console.log(`server CPU ${((cpuMs / r.requests) * 1000).toFixed(1)} µs per request (profiler running)`);
} finally {
  api.close();
  const pid = h.proc.pid!;
  await h.destroy();
  const mine = fs.readdirSync(profDir).filter((f) => f === `${pid}.cpuprofile`);
  for (const f of mine) {
    const s = summarise(JSON.parse(fs.readFileSync(path.join(profDir, f), 'utf8')) as CpuProfile, 30);
    console.log(`profile ${path.join(profDir, f)}: ${s.totalMs.toFixed(0)} ms sampled`);
    for (const x of s.byFile) console.log(`${x.pct.toFixed(1).padStart(5)} %  ${x.name}`);
    console.log('');
    for (const x of s.byFunction) console.log(`${x.pct.toFixed(1).padStart(5)} %  ${x.name}`);
  }
}
