// The provisioning driver interface: idempotent operations keyed by instance id. `embedded` runs brokers as local child
// processes; a `kubernetes` driver renders an Apache RocketMQ 5 cluster instead. What a driver reserves for an instance
// (ports, a host, a namespace…) is a placement, opaque to the use cases and the store, which keeps it as JSON.
import type { BrokerAccessConfig, BrokerStoreConfig } from '../broker/config.js';
import type { EngineTunables } from '../broker/engine/types.js';
import type { Endpoints } from '../domain/instance.js';
import type { TlsMode } from '../domain/tls.js';
import type { BrokerAdmin } from './broker-admin.js';

export type { BrokerAdmin } from './broker-admin.js';

/** A driver's reservation for one instance, stored with it (JSON). Only the driver that made it reads inside. */
export type Placement = Readonly<Record<string, unknown>>;

export interface Reservation {
  placement: Placement;
  /** What the instance reports to clients. */
  endpoints: Endpoints;
}

/** Everything a broker needs to run one instance: the server's settings with the instance's own values applied. */
export interface BrokerSpec {
  instanceId: string;
  engineVersion: string;
  brokerNames: string[];
  placement: Placement;
  store: BrokerStoreConfig;
  tunables: EngineTunables;
  limits: { tps: number; maxTopics: number; maxGroups: number };
  /** The broker's key for users' secrets and the access switches it starts with. */
  access: BrokerAccessConfig;
  /** The TLS mode of the data-plane ports (switched live through BrokerAdmin.setTlsMode). */
  tlsMode: TlsMode;
  /** How log lines name the instance: the ids both APIs show and its name (the internal id means nothing to anyone). */
  labels?: { huaweiId: string; alibabaId: string; name: string };
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

/** The placement recorded for an instance can no longer be used (its ports were taken): reserve a new one. */
export class PlacementTakenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlacementTakenError';
  }
}

export interface ProvisionDriver {
  /**
   * Reserves room for a new instance (ports, endpoints) or refuses with a DomainError (ResourceExhausted: no ports, no
   * disk). The reconciler reserves again for an instance whose placement was taken.
   */
  reserve(): Promise<Reservation>;
  /** Makes the broker run (adopting one that already does). Throws PlacementTakenError when its placement is lost. */
  provision(spec: BrokerSpec): Promise<void>;
  observe(instanceId: string): Promise<Observation>;
  restart(spec: BrokerSpec): Promise<void>;
  /** Stops the broker and removes its data. */
  deprovision(instanceId: string): Promise<void>;
  /** The running broker's admin interface, when it runs. */
  admin(instanceId: string): BrokerAdmin | undefined;
  /** The test clock moved: every broker this driver runs follows it before this resolves (no-op without one). */
  syncClock(): Promise<void>;
  /** Clean stop of the control plane: stop every broker this driver runs. */
  stopAll(): Promise<void>;
}
