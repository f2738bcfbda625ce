// The broker's own configuration file, written by the provisioning driver and validated here when the broker reads it.
// The broker never reads the control-plane DB or the server's environment: everything it is told is in this file.
import fs from 'node:fs';
import path from 'node:path';
import { TLS_MODES, type TlsMode } from '../domain/tls.js';
import { DEFAULT_TUNABLES } from './engine/tunables.js';
import type { EngineTunables } from './engine/types.js';
import { DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_RETENTION_MS, DEFAULT_SEGMENT_BYTES, FLUSH_POLICIES, MIN_SEGMENT_BYTES } from './storage/options.js';
import type { FlushPolicy } from './storage/types.js';

export interface BrokerPortsConfig {
  grpc: number;
  namesrv: number;
  remoting: number;
  admin: number;
}

/** The message store of one broker: the server-wide settings with the instance's own values (quota, retention) applied. */
export interface BrokerStoreConfig {
  segmentBytes: number;
  retentionMs: number;
  /** Disk quota of the commit log (the instance's storage space); unlimited when absent. */
  quotaBytes?: number;
  flushPolicy: FlushPolicy;
  flushIntervalMs: number;
}

export interface BrokerAccessConfig {
  secretsKey: string;
  enabled: boolean;
  anonymousOnPrivate: boolean;
}

/** Transport security of the gRPC and remoting ports; the files are the broker's certificate chain and private key. */
export interface BrokerTlsConfig {
  mode: TlsMode;
  /** Present whenever the control plane issued a certificate (it does at every start, so a switch needs no restart). */
  certFile?: string;
  keyFile?: string;
}

export interface BrokerConfig {
  instanceId: string;
  engineVersion: string;
  brokerNames: string[];
  bindHost: string;
  advertisedHost: string;
  ports: BrokerPortsConfig;
  /** Bearer token of the loopback admin API; only the control plane (which wrote this file) knows it. */
  adminToken: string;
  /** The directory holding this file, the store and the pid file. */
  dataDir: string;
  store: BrokerStoreConfig;
  /** Engine timing (every field; older files may carry none, which means the defaults). */
  tunables: EngineTunables;
  limits: { tps: number; maxTopics: number; maxGroups: number };
  /** Files written before TLS existed carry none: PLAINTEXT. */
  tls: BrokerTlsConfig;
  /** Exit when no admin call arrived for this long (the control plane is gone). */
  orphanTimeoutMs: number;
  logLevel: string;
  /** Access control: the key that opens the users' secrets the control plane sends, and the switches the broker starts
   * with until it is sent a policy (files written before access control carry none: open). */
  access?: BrokerAccessConfig;
  /** Present when the server runs with HANGAR_TEST_CLOCK=1: the broker's clock is adjustable, starting this far ahead. */
  testClock?: { offsetMs: number };
}

export const BROKER_CONFIG_FILE = 'broker.json';
export const BROKER_PID_FILE = 'broker.pid';
export const BROKER_LOG_FILE = 'broker.log';

export const DEFAULT_BROKER_STORE: Readonly<BrokerStoreConfig> = Object.freeze({
  segmentBytes: DEFAULT_SEGMENT_BYTES,
  retentionMs: DEFAULT_RETENTION_MS,
  flushPolicy: 'ASYNC_FLUSH',
  flushIntervalMs: DEFAULT_FLUSH_INTERVAL_MS,
});

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A config file the broker refuses: names the field and the value. */
export class BrokerConfigError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    rule: string,
  ) {
    super(`${field} must be ${rule}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
    this.name = 'BrokerConfigError';
  }
}

export function writeBrokerConfig(cfg: BrokerConfig): string {
  fs.mkdirSync(cfg.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(cfg.dataDir, BROKER_CONFIG_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cfg, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return file;
}

/** Reads and validates a config file; throws BrokerConfigError (or a JSON/IO error) when it cannot be used. */
export function readBrokerConfig(file: string): BrokerConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new BrokerConfigError('(file)', path.basename(file), 'a JSON object');
    throw e;
  }
  return parseBrokerConfig(raw);
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a parsed config file. Fields added after a file was written are optional and take their defaults. */
export function parseBrokerConfig(raw: unknown): BrokerConfig {
  if (!isObj(raw)) throw new BrokerConfigError('(file)', raw, 'a JSON object');
  const str = (o: Obj, at: string, field: string, opts: { empty?: boolean; oneOf?: string[] } = {}): string => {
    const v = o[field];
    const name = at + field;
    if (typeof v !== 'string' || (!opts.empty && v === '')) throw new BrokerConfigError(name, v, 'a non-empty string');
    if (opts.oneOf && !opts.oneOf.includes(v)) throw new BrokerConfigError(name, v, `one of ${opts.oneOf.join(', ')}`);
    return v;
  };
  const int = (o: Obj, at: string, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const v = o[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
      throw new BrokerConfigError(at + field, v, max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in ${min}..${max}`);
    }
    return v;
  };
  const obj = (o: Obj, field: string, optional = false): Obj | undefined => {
    const v = o[field];
    if (v === undefined && optional) return undefined;
    if (!isObj(v)) throw new BrokerConfigError(field, v, 'an object');
    return v;
  };

  const brokerNames = raw.brokerNames;
  if (!Array.isArray(brokerNames) || brokerNames.length === 0 || !brokerNames.every((b) => typeof b === 'string' && b !== '')) {
    throw new BrokerConfigError('brokerNames', brokerNames, 'a non-empty list of names');
  }
  const p = obj(raw, 'ports')!;
  const ports: BrokerPortsConfig = {
    grpc: int(p, 'ports.', 'grpc', 0, 65535),
    namesrv: int(p, 'ports.', 'namesrv', 0, 65535),
    remoting: int(p, 'ports.', 'remoting', 0, 65535),
    admin: int(p, 'ports.', 'admin', 0, 65535),
  };
  const l = obj(raw, 'limits')!;
  const limits = { tps: int(l, 'limits.', 'tps', 0), maxTopics: int(l, 'limits.', 'maxTopics', 0), maxGroups: int(l, 'limits.', 'maxGroups', 0) };

  // Files written before `store` existed carry the quota and the retention (in hours) at the top level.
  const s = obj(raw, 'store', true) ?? {};
  const legacy: Obj = {};
  if (raw.storageQuotaBytes !== undefined) legacy.quotaBytes = raw.storageQuotaBytes;
  if (typeof raw.retentionHours === 'number') legacy.retentionMs = raw.retentionHours * 3_600_000;
  const st: Obj = { ...DEFAULT_BROKER_STORE, ...legacy, ...s };
  const store: BrokerStoreConfig = {
    segmentBytes: int(st, 'store.', 'segmentBytes', MIN_SEGMENT_BYTES),
    retentionMs: int(st, 'store.', 'retentionMs', 1),
    ...(st.quotaBytes === undefined || st.quotaBytes === null ? {} : { quotaBytes: int(st, 'store.', 'quotaBytes', MIN_SEGMENT_BYTES * 2) }),
    flushPolicy: str(st, 'store.', 'flushPolicy', { oneOf: [...FLUSH_POLICIES] }) as FlushPolicy,
    flushIntervalMs: int(st, 'store.', 'flushIntervalMs', 1),
  };

  const t: Obj = { ...DEFAULT_TUNABLES, ...(obj(raw, 'tunables', true) ?? {}) };
  const tunables = {} as Record<keyof EngineTunables, unknown>;
  for (const key of Object.keys(DEFAULT_TUNABLES) as (keyof EngineTunables)[]) {
    if (key === 'retryBackoffMs') {
      const list = t[key];
      if (!Array.isArray(list) || !list.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) {
        throw new BrokerConfigError('tunables.retryBackoffMs', list, 'a list of integers >= 0');
      }
      tunables[key] = [...(list as number[])];
    } else {
      tunables[key] = int(t, 'tunables.', key, 0);
    }
  }

  const t2 = obj(raw, 'tls', true) ?? { mode: 'PLAINTEXT' };
  const tls: BrokerTlsConfig = { mode: str(t2, 'tls.', 'mode', { oneOf: [...TLS_MODES] }) as TlsMode };
  if (t2.certFile !== undefined || tls.mode !== 'PLAINTEXT') {
    tls.certFile = str(t2, 'tls.', 'certFile');
    tls.keyFile = str(t2, 'tls.', 'keyFile');
  }

  const clock = obj(raw, 'testClock', true);
  const access = obj(raw, 'access', true);
  const flag = (o: Obj, field: string): boolean => {
    if (typeof o[field] !== 'boolean') throw new BrokerConfigError(`access.${field}`, o[field], 'true or false');
    return o[field];
  };
  return {
    instanceId: str(raw, '', 'instanceId'),
    engineVersion: str(raw, '', 'engineVersion'),
    brokerNames: [...(brokerNames as string[])],
    bindHost: str(raw, '', 'bindHost'),
    advertisedHost: str(raw, '', 'advertisedHost'),
    ports,
    adminToken: str(raw, '', 'adminToken'),
    dataDir: str(raw, '', 'dataDir'),
    store,
    tunables: tunables as EngineTunables,
    limits,
    tls,
    orphanTimeoutMs: int(raw, '', 'orphanTimeoutMs', 1),
    logLevel: str(raw, '', 'logLevel', { oneOf: LOG_LEVELS }),
    ...(clock ? { testClock: { offsetMs: int(clock, 'testClock.', 'offsetMs', 0) } } : {}),
    ...(access
      ? { access: { secretsKey: str(access, 'access.', 'secretsKey'), enabled: flag(access, 'enabled'), anonymousOnPrivate: flag(access, 'anonymousOnPrivate') } }
      : {}),
  };
}
