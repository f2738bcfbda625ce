// Hangar's settings: each is an environment variable HANGAR_X_Y with a matching `hangar serve --x-y` flag.
// The table below is the single source of truth; the README table is generated from it (`hangar config --markdown`).
// Broker settings reach the brokers through the config file the driver writes, never through their environment.
import path from 'node:path';
import { DEFAULT_BROKER_STORE } from './broker/config.js';
import { DEFAULT_TUNABLES, TUNABLE_ENV } from './broker/engine/tunables.js';
import type { EngineTunables } from './broker/engine/types.js';
import type { FlushPolicy } from './broker/storage/types.js';

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
  /** Whether Alibaba's legacy ROA signature (HMAC-SHA1, body not covered) is accepted. */
  legacyRoaSignature: boolean;
  databaseUrl?: string;
  logLevel: string;
  instanceQuota: number;
  minFreeDiskMb: number;
  reconcileIntervalMs: number;
  brokerOrphanTimeoutMs: number;
  brokerDownGraceMs: number;
  brokerNodeOptions: string;
  /** Server-wide defaults of every broker; an instance's own storage space, retention and TPS win over them. */
  broker: BrokerDefaults;
  /** HANGAR_TEST_CLOCK=1: one adjustable clock for the control plane and its brokers, moved by POST /hangar/v1/clock. */
  testClock: boolean;
}

export interface BrokerDefaults {
  store: { segmentBytes: number; retentionMs: number; quotaBytes?: number; flushPolicy: FlushPolicy; flushIntervalMs: number };
  tunables: EngineTunables;
}

interface Setting {
  env: string;
  default: string;
  doc: string;
  secret?: boolean;
}

export const SETTINGS: Setting[] = [
  { env: 'HANGAR_HOST', default: '127.0.0.1', doc: 'Address the API and the brokers bind to.' },
  { env: 'HANGAR_PORT', default: '8080', doc: 'Port of the management API (both cloud dialects).' },
  {
    env: 'HANGAR_ADVERTISED_HOST',
    default: '',
    doc: 'Host written into instance endpoints; defaults to HANGAR_HOST, or 127.0.0.1 when that is 0.0.0.0.',
  },
  { env: 'HANGAR_PUBLIC_HOST', default: '', doc: 'Host of public (internet) endpoints; defaults to the advertised host.' },
  { env: 'HANGAR_DATA_DIR', default: './.hangar', doc: 'Database, keys, credentials and every broker\'s data.' },
  { env: 'HANGAR_BROKER_PORTS', default: '20000-29999', doc: 'Port range brokers are given ports from.' },
  { env: 'HANGAR_MASTER_KEY', default: '', doc: 'Key that encrypts stored secrets; otherwise a key file (mode 0600) in the data dir.', secret: true },
  { env: 'HANGAR_ACCESS_KEY', default: '', doc: 'Bootstrap credential: access key, created or updated at every start.' },
  { env: 'HANGAR_SECRET_KEY', default: '', doc: 'Bootstrap credential: secret key (never printed).', secret: true },
  { env: 'HANGAR_PROJECT_ID', default: '', doc: 'Bootstrap credential: its project (tenant).' },
  { env: 'HANGAR_REGION', default: 'local', doc: 'Region id reported by both dialects.' },
  {
    env: 'HANGAR_LEGACY_ROA_SIGNATURE',
    default: 'on',
    doc: '`off` refuses Alibaba\'s legacy ROA signature (`acs AK:sig`, HMAC-SHA1; ACS3 only then). That signature does not cover the body: without a `Content-MD5` (which Hangar verifies when present) a captured request can be replayed with another body.',
  },
  { env: 'HANGAR_DATABASE_URL', default: '', doc: 'Database; SQLite file in the data dir when empty.' },
  { env: 'HANGAR_LOG_LEVEL', default: 'info', doc: 'Log level: fatal, error, warn, info, debug, trace or silent.' },
  { env: 'HANGAR_INSTANCE_QUOTA', default: '50', doc: 'Live instances a project may have.' },
  { env: 'HANGAR_MIN_FREE_DISK_MB', default: '256', doc: 'A create is refused when the data dir\'s disk has less free space.' },
  { env: 'HANGAR_RECONCILE_INTERVAL_MS', default: '1000', doc: 'Period of the reconcile loop.' },
  { env: 'HANGAR_BROKER_ORPHAN_TIMEOUT_MS', default: '300000', doc: 'A broker whose control plane is gone this long exits.' },
  { env: 'HANGAR_BROKER_DOWN_GRACE_MS', default: '30000', doc: 'A RUNNING instance whose broker is down longer turns ERROR.' },
  { env: 'HANGAR_BROKER_NODE_OPTIONS', default: '', doc: 'Extra Node.js options for broker processes (e.g. --max-old-space-size=256).' },
  // Brokers: written into each broker's config file by the driver (brokers do not read the server's environment).
  { env: 'HANGAR_STORE_SEGMENT_BYTES', default: String(DEFAULT_BROKER_STORE.segmentBytes), doc: 'Size of one commit-log segment file (64 MiB). With a quota, capped to a quarter of it so that old segments can be dropped.' },
  { env: 'HANGAR_STORE_RETENTION_MS', default: String(DEFAULT_BROKER_STORE.retentionMs), doc: 'Message retention of an instance that sets none of its own (72 h); an instance\'s retention (Alibaba `messageRetentionTime`) wins. Segments whose newest message is older are deleted whole.' },
  { env: 'HANGAR_STORE_QUOTA_BYTES', default: '', doc: 'Disk quota of a broker\'s commit log when its instance has no storage space of its own (the instance\'s `storage_space` wins); unlimited when empty. At the quota the oldest segments are deleted; an append that still does not fit fails.' },
  { env: 'HANGAR_FLUSH_POLICY', default: DEFAULT_BROKER_STORE.flushPolicy, doc: '`ASYNC_FLUSH`: a send is acknowledged once written to the OS, fsync every interval. `SYNC_FLUSH`: only after the fsync that covers it (concurrent appends share one).' },
  { env: 'HANGAR_FLUSH_INTERVAL_MS', default: String(DEFAULT_BROKER_STORE.flushIntervalMs), doc: 'Background flush interval: fsync of the log (ASYNC_FLUSH), consume queues, checkpoint and consumer offsets.' },
  { env: 'HANGAR_TXN_CHECK_DELAY_MS', default: String(DEFAULT_TUNABLES.txnCheckDelayMs), doc: 'First check-back of an unresolved transaction this long after its half message was stored.' },
  { env: 'HANGAR_TXN_CHECK_INTERVAL_MS', default: String(DEFAULT_TUNABLES.txnCheckIntervalMs), doc: 'Later check-backs this far apart.' },
  { env: 'HANGAR_TXN_CHECK_MAX', default: String(DEFAULT_TUNABLES.txnCheckMax), doc: 'Unanswered check-backs before the half message is rolled back.' },
  { env: 'HANGAR_LONG_POLL_MS', default: String(DEFAULT_TUNABLES.longPollMs), doc: 'Longest long-polling receive (also capped by the client\'s deadline); push consumers are told min(this, 20 s).' },
  { env: 'HANGAR_RETRY_BACKOFF_MS', default: DEFAULT_TUNABLES.retryBackoffMs.join(','), doc: 'Comma-separated redelivery delay per attempt (RocketMQ\'s 18 levels); the last value repeats. A push consumer\'s nack waits at least this.' },
  { env: 'HANGAR_AUTO_RENEW_INVISIBLE_MS', default: String(DEFAULT_TUNABLES.autoRenewInvisibleMs), doc: 'Invisible time of messages received by push consumers (auto-renew), renewed while the client is alive.' },
  { env: 'HANGAR_AUTO_RENEW_MAX_MS', default: String(DEFAULT_TUNABLES.autoRenewMaxMs), doc: 'A push consumer may hold one message this long in total before it is redelivered anyway.' },
  { env: 'HANGAR_CLIENT_EXPIRY_MS', default: String(DEFAULT_TUNABLES.clientExpiryMs), doc: 'A client silent for this long counts as gone (client lists, renewals, check-back targets).' },
  { env: 'HANGAR_MAX_DELAY_MS', default: String(DEFAULT_TUNABLES.maxDelayMs), doc: 'Longest accepted delay of a DELAY message (`ILLEGAL_DELIVERY_TIME` beyond).' },
  { env: 'HANGAR_MAX_BODY_BYTES', default: String(DEFAULT_TUNABLES.maxBodyBytes), doc: 'Largest message body (4 MiB − 16 KiB, so Node consumers with grpc\'s 4 MiB limit can read it back).' },
  { env: 'HANGAR_SETTINGS_REPUSH_MS', default: String(DEFAULT_TUNABLES.settingsRepushMs), doc: 'The first Settings reply is pushed again 1×, 3× and 7× this long after it (Node clients with several topics miss it); 0 disables.' },
  { env: 'HANGAR_TEST_CLOCK', default: '0', doc: '`1`: the control plane and every broker read one adjustable clock, moved forward by `POST /hangar/v1/clock` (for tests; off in production).' },
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
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${v}`);
  return n;
}

function port(name: string, v: string): number {
  const n = positiveInt(name, v);
  if (n > 65535) throw new Error(`${name} must be a port from 0 to 65535, got ${v}`);
  return n;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function logLevel(name: string, v: string): string {
  const level = v.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`${name} must be one of ${LOG_LEVELS.join(', ')}, got ${v}`);
  return level;
}

function atLeast(name: string, v: string, min: number): number {
  const n = positiveInt(name, v);
  if (n < min) throw new Error(`${name} must be at least ${min}, got ${v}`);
  return n;
}

function intList(name: string, v: string): number[] {
  return v.split(',').map((x) => positiveInt(name, x));
}

function oneOf<T extends string>(name: string, v: string, allowed: readonly T[]): T {
  const u = v.trim().toUpperCase() as T;
  if (!allowed.includes(u)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${v}`);
  return u;
}

function bool(name: string, v: string): boolean {
  if (/^(1|true|yes|on)$/i.test(v.trim())) return true;
  if (/^(0|false|no|off|)$/i.test(v.trim())) return false;
  throw new Error(`${name} must be 1 or 0, got ${v}`);
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
    port: port('HANGAR_PORT', get('HANGAR_PORT')),
    advertisedHost,
    publicHost: get('HANGAR_PUBLIC_HOST') || advertisedHost,
    dataDir: path.resolve(get('HANGAR_DATA_DIR')),
    brokerPorts: parsePortRange(get('HANGAR_BROKER_PORTS')),
    masterKey: opt('HANGAR_MASTER_KEY'),
    accessKey: opt('HANGAR_ACCESS_KEY'),
    secretKey: opt('HANGAR_SECRET_KEY'),
    projectId: opt('HANGAR_PROJECT_ID'),
    region: get('HANGAR_REGION'),
    legacyRoaSignature: bool('HANGAR_LEGACY_ROA_SIGNATURE', get('HANGAR_LEGACY_ROA_SIGNATURE')),
    databaseUrl: opt('HANGAR_DATABASE_URL'),
    logLevel: logLevel('HANGAR_LOG_LEVEL', get('HANGAR_LOG_LEVEL')),
    instanceQuota: positiveInt('HANGAR_INSTANCE_QUOTA', get('HANGAR_INSTANCE_QUOTA')),
    minFreeDiskMb: positiveInt('HANGAR_MIN_FREE_DISK_MB', get('HANGAR_MIN_FREE_DISK_MB')),
    reconcileIntervalMs: positiveInt('HANGAR_RECONCILE_INTERVAL_MS', get('HANGAR_RECONCILE_INTERVAL_MS')),
    brokerOrphanTimeoutMs: positiveInt('HANGAR_BROKER_ORPHAN_TIMEOUT_MS', get('HANGAR_BROKER_ORPHAN_TIMEOUT_MS')),
    brokerDownGraceMs: positiveInt('HANGAR_BROKER_DOWN_GRACE_MS', get('HANGAR_BROKER_DOWN_GRACE_MS')),
    brokerNodeOptions: get('HANGAR_BROKER_NODE_OPTIONS'),
    broker: brokerDefaults(get),
    testClock: bool('HANGAR_TEST_CLOCK', get('HANGAR_TEST_CLOCK')),
  };
}

function brokerDefaults(get: (env: string) => string): BrokerDefaults {
  const quota = get('HANGAR_STORE_QUOTA_BYTES');
  const tunables: EngineTunables = { ...DEFAULT_TUNABLES, retryBackoffMs: [...DEFAULT_TUNABLES.retryBackoffMs] };
  for (const [env, key] of Object.entries(TUNABLE_ENV)) {
    if (key === 'retryBackoffMs') tunables.retryBackoffMs = intList(env, get(env));
    else tunables[key] = positiveInt(env, get(env));
  }
  return {
    store: {
      segmentBytes: atLeast('HANGAR_STORE_SEGMENT_BYTES', get('HANGAR_STORE_SEGMENT_BYTES'), 4096),
      retentionMs: atLeast('HANGAR_STORE_RETENTION_MS', get('HANGAR_STORE_RETENTION_MS'), 1),
      ...(quota ? { quotaBytes: atLeast('HANGAR_STORE_QUOTA_BYTES', quota, 8192) } : {}),
      flushPolicy: oneOf('HANGAR_FLUSH_POLICY', get('HANGAR_FLUSH_POLICY'), ['ASYNC_FLUSH', 'SYNC_FLUSH'] as const),
      flushIntervalMs: atLeast('HANGAR_FLUSH_INTERVAL_MS', get('HANGAR_FLUSH_INTERVAL_MS'), 1),
    },
    tunables,
  };
}

/** The settings as a markdown table, for the README. */
export function settingsMarkdown(): string {
  const rows = SETTINGS.map((s) => `| \`${s.env}\` | \`${flagName(s.env)}\` | ${s.default ? `\`${s.default}\`` : '—'} | ${s.doc} |`);
  return ['| variable | flag | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
