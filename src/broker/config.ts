// The broker's own configuration file, written by the provisioning driver. The broker never reads the control-plane DB.
import fs from 'node:fs';
import path from 'node:path';

export interface BrokerConfig {
  instanceId: string;
  engineVersion: string;
  brokerNames: string[];
  bindHost: string;
  advertisedHost: string;
  ports: { grpc: number; namesrv: number; remoting: number; admin: number };
  /** Bearer token of the loopback admin API; only the control plane (which wrote this file) knows it. */
  adminToken: string;
  /** The directory holding this file, the store and the pid file. */
  dataDir: string;
  storageQuotaBytes: number;
  retentionHours: number;
  limits: { tps: number; maxTopics: number; maxGroups: number };
  /** Exit when no admin call arrived for this long (the control plane is gone). */
  orphanTimeoutMs: number;
  logLevel: string;
}

export const BROKER_CONFIG_FILE = 'broker.json';
export const BROKER_PID_FILE = 'broker.pid';
export const BROKER_LOG_FILE = 'broker.log';

export function writeBrokerConfig(cfg: BrokerConfig): string {
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  const file = path.join(cfg.dataDir, BROKER_CONFIG_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cfg, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return file;
}

export function readBrokerConfig(file: string): BrokerConfig {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BrokerConfig;
}
