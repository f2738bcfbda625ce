// Hangar's settings: each is an environment variable HANGAR_X_Y with a matching `hangar serve --x-y` flag.
// The table below is the single source of truth; the README table is generated from it (`hangar config --markdown`).
import path from 'node:path';

export interface PortRange {
  from: number;
  to: number;
}

export interface Config {
  host: string;
  port: number;
  advertisedHost: string;
  publicHost: string;
  dataDir: string;
  brokerPorts: PortRange;
  masterKey?: string;
  accessKey?: string;
  secretKey?: string;
  projectId?: string;
  region: string;
  databaseUrl?: string;
  logLevel: string;
  instanceQuota: number;
  minFreeDiskMb: number;
  reconcileIntervalMs: number;
  brokerOrphanTimeoutMs: number;
  brokerDownGraceMs: number;
  brokerNodeOptions: string;
}

interface Setting {
  env: string;
  key: keyof Config;
  default: string;
  doc: string;
  secret?: boolean;
}

export const SETTINGS: Setting[] = [
  { env: 'HANGAR_HOST', key: 'host', default: '127.0.0.1', doc: 'Address the API and the brokers bind to.' },
  { env: 'HANGAR_PORT', key: 'port', default: '8080', doc: 'Port of the management API (both cloud dialects).' },
  {
    env: 'HANGAR_ADVERTISED_HOST',
    key: 'advertisedHost',
    default: '',
    doc: 'Host written into instance endpoints; defaults to HANGAR_HOST, or 127.0.0.1 when that is 0.0.0.0.',
  },
  { env: 'HANGAR_PUBLIC_HOST', key: 'publicHost', default: '', doc: 'Host of public (internet) endpoints; defaults to the advertised host.' },
  { env: 'HANGAR_DATA_DIR', key: 'dataDir', default: './.hangar', doc: 'Database, keys, credentials and every broker\'s data.' },
  { env: 'HANGAR_BROKER_PORTS', key: 'brokerPorts', default: '20000-29999', doc: 'Port range brokers are given ports from.' },
  { env: 'HANGAR_MASTER_KEY', key: 'masterKey', default: '', doc: 'Key that encrypts stored secrets; otherwise a key file (mode 0600) in the data dir.', secret: true },
  { env: 'HANGAR_ACCESS_KEY', key: 'accessKey', default: '', doc: 'Bootstrap credential: access key, created or updated at every start.' },
  { env: 'HANGAR_SECRET_KEY', key: 'secretKey', default: '', doc: 'Bootstrap credential: secret key (never printed).', secret: true },
  { env: 'HANGAR_PROJECT_ID', key: 'projectId', default: '', doc: 'Bootstrap credential: its project (tenant).' },
  { env: 'HANGAR_REGION', key: 'region', default: 'local', doc: 'Region id reported by both dialects.' },
  { env: 'HANGAR_DATABASE_URL', key: 'databaseUrl', default: '', doc: 'Database; SQLite file in the data dir when empty.' },
  { env: 'HANGAR_LOG_LEVEL', key: 'logLevel', default: 'info', doc: 'pino log level.' },
  { env: 'HANGAR_INSTANCE_QUOTA', key: 'instanceQuota', default: '50', doc: 'Live instances a project may have.' },
  { env: 'HANGAR_MIN_FREE_DISK_MB', key: 'minFreeDiskMb', default: '256', doc: 'A create is refused when the data dir\'s disk has less free space.' },
  { env: 'HANGAR_RECONCILE_INTERVAL_MS', key: 'reconcileIntervalMs', default: '1000', doc: 'Period of the reconcile loop.' },
  { env: 'HANGAR_BROKER_ORPHAN_TIMEOUT_MS', key: 'brokerOrphanTimeoutMs', default: '300000', doc: 'A broker whose control plane is gone this long exits.' },
  { env: 'HANGAR_BROKER_DOWN_GRACE_MS', key: 'brokerDownGraceMs', default: '30000', doc: 'A RUNNING instance whose broker is down longer turns ERROR.' },
  { env: 'HANGAR_BROKER_NODE_OPTIONS', key: 'brokerNodeOptions', default: '', doc: 'Extra Node.js options for broker processes (e.g. --max-old-space-size=256).' },
];

export const flagName = (env: string): string => '--' + env.replace(/^HANGAR_/, '').toLowerCase().replace(/_/g, '-');

function parsePortRange(v: string): PortRange {
  const m = /^(\d+)-(\d+)$/.exec(v.trim());
  if (!m) throw new Error(`HANGAR_BROKER_PORTS must look like 20000-29999, got ${v}`);
  const r = { from: Number(m[1]), to: Number(m[2]) };
  if (r.from < 1 || r.to > 65535 || r.from > r.to) throw new Error(`HANGAR_BROKER_PORTS out of range: ${v}`);
  return r;
}

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${v}`);
  return n;
}

/** Builds the config from flags (which win), then the environment, then the defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const raw = new Map<string, string>();
  for (const s of SETTINGS) {
    const fromEnv = env[s.env];
    if (fromEnv !== undefined && fromEnv !== '') raw.set(s.env, fromEnv);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const s = SETTINGS.find((x) => flagName(x.env) === flag);
    if (!s) throw new Error(`unknown flag ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`flag ${flag} needs a value`);
    raw.set(s.env, value);
  }
  const get = (envName: string): string => raw.get(envName) ?? SETTINGS.find((s) => s.env === envName)!.default;
  const host = get('HANGAR_HOST');
  const advertisedHost = get('HANGAR_ADVERTISED_HOST') || (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
  const opt = (e: string): string | undefined => get(e) || undefined;
  return {
    host,
    port: positiveInt('HANGAR_PORT', get('HANGAR_PORT')),
    advertisedHost,
    publicHost: get('HANGAR_PUBLIC_HOST') || advertisedHost,
    dataDir: path.resolve(get('HANGAR_DATA_DIR')),
    brokerPorts: parsePortRange(get('HANGAR_BROKER_PORTS')),
    masterKey: opt('HANGAR_MASTER_KEY'),
    accessKey: opt('HANGAR_ACCESS_KEY'),
    secretKey: opt('HANGAR_SECRET_KEY'),
    projectId: opt('HANGAR_PROJECT_ID'),
    region: get('HANGAR_REGION'),
    databaseUrl: opt('HANGAR_DATABASE_URL'),
    logLevel: get('HANGAR_LOG_LEVEL'),
    instanceQuota: positiveInt('HANGAR_INSTANCE_QUOTA', get('HANGAR_INSTANCE_QUOTA')),
    minFreeDiskMb: positiveInt('HANGAR_MIN_FREE_DISK_MB', get('HANGAR_MIN_FREE_DISK_MB')),
    reconcileIntervalMs: positiveInt('HANGAR_RECONCILE_INTERVAL_MS', get('HANGAR_RECONCILE_INTERVAL_MS')),
    brokerOrphanTimeoutMs: positiveInt('HANGAR_BROKER_ORPHAN_TIMEOUT_MS', get('HANGAR_BROKER_ORPHAN_TIMEOUT_MS')),
    brokerDownGraceMs: positiveInt('HANGAR_BROKER_DOWN_GRACE_MS', get('HANGAR_BROKER_DOWN_GRACE_MS')),
    brokerNodeOptions: get('HANGAR_BROKER_NODE_OPTIONS'),
  };
}

/** The settings as a markdown table, for the README. */
export function settingsMarkdown(): string {
  const rows = SETTINGS.map((s) => `| \`${s.env}\` | \`${flagName(s.env)}\` | ${s.default ? `\`${s.default}\`` : '—'} | ${s.doc} |`);
  return ['| variable | flag | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
