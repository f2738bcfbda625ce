// The provisioning driver interface: idempotent operations keyed by instance id. `embedded` runs brokers as local child
// processes; a `kubernetes` driver renders an Apache RocketMQ 5 cluster instead.
import type { BrokerPorts } from '../store/instances.js';

/** Everything a broker needs to run one instance; written by the driver into the broker's own config. */
export interface BrokerSpec {
  instanceId: string;
  engineVersion: string;
  brokerNames: string[];
  ports: BrokerPorts;
  /** Host the broker binds (HANGAR_HOST) and the host written into routes and endpoints. */
  bindHost: string;
  advertisedHost: string;
  storageQuotaBytes: number;
  retentionHours: number;
  limits: { tps: number; maxTopics: number; maxGroups: number };
}

export type BrokerState = 'up' | 'starting' | 'down' | 'absent';

export interface Observation {
  state: BrokerState;
  /** When the broker was last seen down (for the ERROR grace period). */
  downSince?: number;
  /** Why it is down or failed to start. */
  detail?: string;
  /** True when the driver gave up starting it (e.g. it exits at once every time). */
  failed?: boolean;
  /** Changes whenever a new broker process is started or adopted (its metadata must then be re-applied). */
  generation?: number;
  /** Disk the broker's store occupies, when up. */
  usedStorageBytes?: number;
}

/** A small client of the broker's loopback admin API. */
export interface BrokerAdmin {
  request<T = unknown>(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

export interface ProvisionDriver {
  /** Makes the broker run (adopting one that already does). */
  provision(spec: BrokerSpec): Promise<void>;
  observe(instanceId: string): Promise<Observation>;
  restart(spec: BrokerSpec): Promise<void>;
  /** Stops the broker and removes its data. */
  deprovision(instanceId: string): Promise<void>;
  admin(instanceId: string): BrokerAdmin | undefined;
  /** Clean stop of the control plane: stop every broker this driver runs. */
  stopAll(): Promise<void>;
}
