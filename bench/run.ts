// `npm run bench [-- --quick] [-- --only round-trip,produce] [-- --systems hangar,nats]`: runs the scenarios, prints each figure beside its
// baselines in one table, checks the goals, and writes bench/results/latest.json and latest.md.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { controlCreate } from './control-create.js';
import { controlGet } from './control-get.js';
import { density } from './density.js';
import { evaluateGoals } from './goals.js';
import { HuaweiApi, startHangar, type Hangar } from './lib/hangar-api.js';
import { produce } from './produce.js';
import { goalLines, textTable, writeResults, type Report } from './results.js';
import { roundTrip } from './round-trip.js';
import type { Scenario, ScenarioContext } from './scenario.js';
import { storage } from './storage.js';
import { CA_CERT_FILE, CA_DIR, CertificateAuthority } from '../src/provision/tls/ca.js';
import type { HangarTarget } from './systems/hangar.js';

const here = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(here), here.endsWith('.ts') ? '..' : '../..');

export const SCENARIOS: Scenario[] = [roundTrip, produce, storage, controlGet, controlCreate, density];

/**
 * The flavour of the messaging instance. The broker enforces its spec's TPS limit on sends and receives together
 * (rocketmq.b2.large.4: 2,000), which a round trip at 1,000 msg/s would already reach; the largest 5.x flavour
 * (150,000 TPS) keeps the spec out of what is measured.
 */
export const MESSAGING_PRODUCT_ID = process.env.BENCH_HANGAR_PRODUCT_ID ?? 'rocketmq.p2.large.300';

interface Args {
  quick: boolean;
  only?: string[];
  systems?: string[];
  write: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') args.quick = true;
    else if (a === '--no-write') args.write = false;
    else if (a === '--only') args.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a.startsWith('--only=')) args.only = a.slice(7).split(',').filter(Boolean);
    else if (a === '--systems') args.systems = (argv[++i] ?? '').split(',').filter(Boolean);
    else throw new Error(`unknown argument ${a} (use --quick, --only a,b, --systems hangar,nats, --no-write)`);
  }
  if (args.only || args.systems) args.write = false; // latest.json holds complete runs only
  const names = SCENARIOS.map((s) => s.name);
  for (const n of args.only ?? []) if (!names.includes(n)) throw new Error(`unknown scenario ${n} (one of ${names.join(', ')})`);
  return args;
}

/** One Hangar server and one 5.x instance shared by the messaging scenarios. */
class SharedHangar {
  private target?: Promise<HangarTarget>;
  private server?: Hangar;
  private api?: HuaweiApi;
  private aclTarget?: Promise<HangarTarget>;

  get(log: (m: string) => void): Promise<HangarTarget> {
    this.target ??= (async () => {
      log(`hangar: starting the server and a 5.x instance (${MESSAGING_PRODUCT_ID})`);
      // The data directory whose CA the TLS client trusts (see relaunchTrustingCa).
      this.server = await startHangar({}, { dataDir: process.env.BENCH_HANGAR_DATA_DIR });
      this.api = new HuaweiApi(this.server.url);
      // PERMISSIVE: the plaintext and the TLS round trips run against one broker, on one port.
      const instanceId = await this.api.createInstance('bench-messaging', MESSAGING_PRODUCT_ID, 1, { tls_mode: 'PERMISSIVE' });
      const shown = await this.api.waitRunning(instanceId);
      if (!shown.grpc_address) throw new Error('the instance reports no grpc_address');
      const server = this.server;
      return { api: this.api, instanceId, endpoint: shown.grpc_address, productId: MESSAGING_PRODUCT_ID, brokerPids: () => server.brokerPids() };
    })();
    return this.target;
  }

  /** A second instance of the same server with access control on, and an admin user of it. */
  getAcl(log: (m: string) => void): Promise<HangarTarget> {
    this.aclTarget ??= (async () => {
      const base = await this.get(log);
      log('hangar: a second instance with access control on');
      const instanceId = await base.api.createInstance('bench-acl', MESSAGING_PRODUCT_ID, 1, { enable_acl: true });
      const shown = await base.api.waitRunning(instanceId);
      if (!shown.grpc_address) throw new Error('the instance reports no grpc_address');
      const credentials = { accessKey: 'benchuser01', accessSecret: 'Bench#secret01' };
      await base.api.createUser(instanceId, credentials.accessKey, credentials.accessSecret);
      return { ...base, instanceId, endpoint: shown.grpc_address, credentials };
    })();
    return this.aclTarget;
  }

  async close(): Promise<void> {
    this.api?.close();
    await this.server?.destroy();
  }
}

/**
 * The TLS client trusts Hangar's CA the way a user's does: through GRPC_DEFAULT_SSL_ROOTS_FILE_PATH, which grpc-js reads
 * once when it loads. So the CA is made first, in the data directory the shared server will use, and the run goes on in
 * a child process that has the variable (pointing at that CA, whatever it was set to here) and BENCH_HANGAR_DATA_DIR.
 */
async function relaunchTrustingCa(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-bench-'));
  await CertificateAuthority.open(dataDir);
  const env = { ...process.env, GRPC_DEFAULT_SSL_ROOTS_FILE_PATH: path.join(dataDir, CA_DIR, CA_CERT_FILE), BENCH_HANGAR_DATA_DIR: dataDir };
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  process.exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (!process.env.BENCH_HANGAR_DATA_DIR) return relaunchTrustingCa();
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (m: string): void => void process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);
  const shared = new SharedHangar();
  const ctx: ScenarioContext = { quick: args.quick, systems: args.systems, log, hangarTarget: () => shared.get(log), hangarAclTarget: () => shared.getAcl(log) };
  const report: Report = { rows: [], unavailable: [], goals: [], flushSettings: {}, meta: {} };
  const onSignal = (): void => void shared.close().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (const s of SCENARIOS.filter((x) => !args.only || args.only.includes(x.name))) {
      log(`scenario ${s.name}`);
      try {
        const r = await s.run(ctx);
        report.rows.push(...r.rows);
        report.unavailable.push(...r.unavailable);
        Object.assign(report.flushSettings, r.flushSettings ?? {});
      } catch (e) {
        log(`scenario ${s.name} failed: ${String((e as Error).stack ?? e)}`);
        report.unavailable.push({ scenario: s.name, system: 'hangar', reason: `failed: ${String((e as Error).message ?? e)}` });
      }
    }
  } finally {
    await shared.close();
  }
  report.goals = evaluateGoals(report.rows);
  report.meta = {
    mode: args.quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memGB: Math.round(os.totalmem() / 2 ** 30),
    durationSec: Math.round((Date.now() - started) / 1000),
    command: `npm run bench${args.quick ? ' -- --quick' : ''}`,
  };
  console.log(textTable(report));
  console.log('');
  console.log(goalLines(report.goals));
  console.log('');
  for (const [system, text] of Object.entries(report.flushSettings)) console.log(`flush ${system}: ${text}`);
  if (args.write) {
    const files = await writeResults(path.join(repoRoot, 'bench/results'), report);
    console.log(`\nwrote ${path.relative(process.cwd(), files.json)} and ${path.relative(process.cwd(), files.md)} (${report.meta['durationSec']} s)`);
  }
}

await main();
