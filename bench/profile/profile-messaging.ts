// Profiles the Hangar data plane under the produce or round-trip load: the broker process (through the profiler
// preload, SIGUSR2 around the measured window) and this client process (in-process inspector), then prints where each
// one's CPU went. Compiled only (the preload must be JavaScript):
//   npx tsc -p . && node dist/bench/profile/profile-messaging.js produce|round-trip [messages] [inFlight]
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HuaweiApi, startHangar } from '../lib/hangar-api.js';
import { measureProduce, measureRoundTrip } from '../lib/messaging-run.js';
import { ProcessCpuMeter } from '../lib/process-stats.js';
import { hangarClient } from '../systems/hangar.js';
import { brokerProfilerOption } from './cpu-profiler-preload.js';
import { summarise, type CpuProfile } from './cpuprofile-summary.js';

const mode = process.argv[2] ?? 'produce';
const n = Number(process.argv[3] ?? 20_000);
const inFlight = Number(process.argv[4] ?? 64);
const productId = process.env.BENCH_HANGAR_PRODUCT_ID ?? 'rocketmq.p2.large.300';

const preload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cpu-profiler-preload.js');
if (!fs.existsSync(preload)) throw new Error('run the compiled version (dist/bench/profile/profile-messaging.js)');
const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-prof-'));
const h = await startHangar({
  NODE_OPTIONS: `--import=${preload}`,
  BENCH_CPU_PROF_DIR: profDir,
  HANGAR_BROKER_NODE_OPTIONS: brokerProfilerOption(preload, profDir, process.env.BENCH_CPU_PROF_START === '1'),
});
const api = new HuaweiApi(h.url);

function print(title: string, file: string): void {
  const s = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, 35);
  console.log(`\n== ${title}: ${s.totalMs.toFixed(0)} ms sampled (${file})`);
  for (const x of s.byFile.slice(0, 20)) console.log(`${x.pct.toFixed(1).padStart(5)} %  ${x.name}`);
  console.log('');
  for (const x of s.byFunction) console.log(`${x.pct.toFixed(1).padStart(5)} %  ${x.name}`);
}

const session = new inspector.Session();
session.connect();
const post = <T>(method: string, params?: object): Promise<T> =>
  new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));

try {
  const id = await api.createInstance('prof-messaging', productId);
  const shown = await api.waitRunning(id);
  const client = await hangarClient({ api, instanceId: id, endpoint: shown.grpc_address!, productId, brokerPids: () => h.brokerPids() }, `prof-${Date.now() % 1e6}`);
  const brokers = h.brokerPids();
  const warm = () => (mode === 'produce' ? measureProduce(client, 2000, inFlight, 1024) : measureRoundTrip(client, 2000, inFlight, 1024, 120_000));
  await warm();
  for (const pid of brokers) process.kill(pid, 'SIGUSR2');
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  const cpu = new ProcessCpuMeter(brokers);
  const m = mode === 'produce' ? await measureProduce(client, n, inFlight, 1024) : await measureRoundTrip(client, n, inFlight, 1024, 600_000);
  const brokerCpu = cpu.percent();
  const { profile } = await post<{ profile: unknown }>('Profiler.stop');
  for (const pid of brokers) process.kill(pid, 'SIGUSR2');
  console.log(
    `${mode}: ${m.rate.toFixed(0)} msg/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, client CPU ${m.clientCpuPct.toFixed(0)} %, broker CPU ${brokerCpu.toFixed(0)} %`,
  );
  const clientFile = path.join(profDir, `client-${process.pid}.cpuprofile`);
  fs.writeFileSync(clientFile, JSON.stringify(profile));
  await new Promise((r) => setTimeout(r, 1500));
  for (const pid of brokers) if (fs.existsSync(path.join(profDir, `${pid}.cpuprofile`))) print(`broker ${pid}`, path.join(profDir, `${pid}.cpuprofile`));
  print('client (bench process)', clientFile);
  await client.close();
} finally {
  api.close();
  await h.destroy();
}
