// The embedded driver: one supervised broker process per instance on this host, with its own data directory, log file
// and ports. A broker that dies is restarted with backoff; one left by a crashed control plane is adopted. The driver
// reserves each instance's ports and endpoints (and checks the disk), and writes every setting a broker needs into the
// broker's config file: brokers never inherit the server's environment.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { BROKER_CONFIG_FILE, BROKER_PID_FILE, readBrokerConfig, writeBrokerConfig, type BrokerConfig } from '../../broker/config.js';
import type { PortRange } from '../../config.js';
import type { AdjustableClock } from '../../domain/clock.js';
import { DomainError } from '../../domain/errors.js';
import { PlacementTakenError, type BrokerAdmin, type BrokerSpec, type Observation, type Placement, type ProvisionDriver, type Reservation } from '../driver.js';
import { endpointsOf } from '../endpoints.js';
import { PortAllocator, portsFree, portsOf, PortsTakenError, type BrokerPorts } from '../ports.js';
import { CertificateAuthority } from '../tls/ca.js';
import { HttpBrokerAdmin } from './admin-client.js';
import { GrpcHealthProbe } from './health.js';
import { isAlive, isBrokerOf, signal, spawnBroker, waitForExit } from './process.js';

export interface EmbeddedDriverOptions {
  dataDir: string;
  /** Host brokers bind (HANGAR_HOST) and the host written into routes and endpoints. */
  bindHost: string;
  advertisedHost: string;
  /** Range new brokers get ports from (HANGAR_BROKER_PORTS). */
  portRange: PortRange;
  /** Placements every instance holds (from the store), so that a reservation never reuses their ports. */
  inUse?: () => Promise<readonly Placement[]>;
  /** A reservation is refused when the data dir's disk has less free space (HANGAR_MIN_FREE_DISK_MB). */
  minFreeDiskMb?: number;
  /** The test clock (HANGAR_TEST_CLOCK=1): brokers start from its offset and follow every advance. */
  clock?: AdjustableClock;
  orphanTimeoutMs: number;
  logLevel: string;
  log: Logger;
  /** Extra Node.js options for broker processes. */
  nodeOptions?: string[];
  /** Start attempts without ever answering before the driver gives up (create fails). */
  maxFailedStarts?: number;
}

interface Handle {
  spec: BrokerSpec;
  ports: BrokerPorts;
  pid: number;
  admin: HttpBrokerAdmin;
  /** When the current process was started or adopted. */
  startedAt: number;
  everUp: boolean;
  downSince?: number;
  failedStarts: number;
  restartTimer?: NodeJS.Timeout;
  stopping: boolean;
  lastExit?: string;
  generation: number;
  usedStorageBytes?: number;
}

let generations = 0;

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];

export class EmbeddedDriver implements ProvisionDriver {
  private readonly handles = new Map<string, Handle>();
  private readonly probe = new GrpcHealthProbe();
  /** Instances whose broker has answered at least once since this driver started. */
  private readonly served = new Set<string>();
  private readonly allocator: PortAllocator;
  private ca?: Promise<CertificateAuthority>;

  constructor(private readonly o: EmbeddedDriverOptions) {
    this.allocator = new PortAllocator(o.portRange, o.bindHost);
  }

  async reserve(): Promise<Reservation> {
    this.checkDisk();
    const ports = await this.allocator.allocate((await this.o.inUse?.()) ?? []);
    return { placement: { ...ports }, endpoints: endpointsOf(this.o.advertisedHost, ports) };
  }

  async syncClock(): Promise<void> {
    const clock = this.o.clock;
    if (!clock) return;
    await Promise.all(
      [...this.handles.values()]
        .filter((h) => !h.stopping && isAlive(h.pid))
        .map((h) =>
          h.admin.setClockOffset(clock.offsetMs).catch((e: unknown) => {
            // One that is still starting reads the offset from its config file; observe() catches up the others.
            this.o.log.warn({ ...who(h.spec), err: e }, 'broker clock not moved');
          }),
        ),
    );
  }

  dirOf(instanceId: string): string {
    return path.join(this.o.dataDir, 'brokers', instanceId);
  }

  async provision(spec: BrokerSpec): Promise<void> {
    const h = this.handles.get(spec.instanceId);
    if (h && !h.stopping && (isAlive(h.pid) || h.restartTimer)) return;
    const ports = placedPorts(spec);
    if (await this.adopt(spec, ports)) return;
    if (!(await portsFree(ports, this.o.bindHost))) throw new PortsTakenError(ports);
    await this.start(spec, ports, h?.failedStarts ?? 0);
  }

  /** The data directory's certificate authority (made on first use). */
  certificateAuthority(): Promise<CertificateAuthority> {
    this.ca ??= CertificateAuthority.open(this.o.dataDir).catch((e: unknown) => {
      this.ca = undefined; // try again next time (a full disk, say, may have been freed)
      throw e;
    });
    return this.ca;
  }

  async observe(instanceId: string): Promise<Observation> {
    const h = this.handles.get(instanceId);
    if (!h) return { state: 'absent' };
    if (h.failedStarts >= (this.o.maxFailedStarts ?? 4)) {
      return { state: 'down', failed: true, downSince: h.downSince, detail: h.lastExit ?? 'broker never answered' };
    }
    const alive = isAlive(h.pid);
    const healthy = alive && (await this.healthy(h));
    if (healthy) {
      h.everUp = true;
      this.served.add(instanceId);
      h.downSince = undefined;
      h.failedStarts = 0;
      return { state: 'up', generation: h.generation, usedStorageBytes: h.usedStorageBytes };
    }
    if (alive && Date.now() - h.startedAt < 15_000) return { state: 'starting' };
    if (alive && !h.restartTimer) {
      // Alive but not answering for long: treat as hung, replace it.
      signal(h.pid, 'SIGKILL');
      this.onExit(h, 'broker stopped answering');
    } else if (!alive && !h.restartTimer && !h.stopping) {
      this.onExit(h, h.lastExit ?? 'broker process is gone');
    }
    h.downSince ??= Date.now();
    return { state: 'down', downSince: h.downSince, detail: h.lastExit };
  }

  async restart(spec: BrokerSpec): Promise<void> {
    await this.stop(spec.instanceId);
    await this.start(spec, placedPorts(spec), 0);
  }

  async deprovision(instanceId: string): Promise<void> {
    await this.stop(instanceId);
    this.served.delete(instanceId);
    const dir = this.dirOf(instanceId);
    // A broker adopted from an earlier run may still be there without a handle.
    const pid = readPid(dir);
    if (pid && isAlive(pid) && isBrokerOf(pid, path.join(dir, BROKER_CONFIG_FILE))) {
      signal(pid, 'SIGTERM');
      if (!(await waitForExit(pid, 5000))) signal(pid, 'SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }

  admin(instanceId: string): BrokerAdmin | undefined {
    return this.handles.get(instanceId)?.admin;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.handles.keys()].map((id) => this.stop(id)));
    this.probe.close();
  }

  private async healthy(h: Handle): Promise<boolean> {
    try {
      // The admin call also tells the broker its control plane is alive.
      const health = await h.admin.health();
      h.usedStorageBytes = health.usedStorageBytes;
      // A broker that missed an advance of the test clock (it was starting) catches up.
      const clock = this.o.clock;
      if (clock && (health.clockOffsetMs ?? 0) < clock.offsetMs) await h.admin.setClockOffset(clock.offsetMs);
      // Probe the way its clients connect now: over TLS unless it serves plaintext only.
      const caPem = health.tlsMode === 'PLAINTEXT' ? undefined : (await this.certificateAuthority()).certPem;
      return await this.probe.check(this.grpcAddress(h.ports), 1000, caPem);
    } catch {
      return false;
    }
  }

  private grpcAddress(ports: BrokerPorts): string {
    return `${this.o.bindHost === '0.0.0.0' ? '127.0.0.1' : this.o.bindHost}:${ports.grpc}`;
  }

  private checkDisk(): void {
    const min = this.o.minFreeDiskMb ?? 0;
    if (min <= 0) return;
    fs.mkdirSync(this.o.dataDir, { recursive: true, mode: 0o700 });
    const st = fs.statfsSync(this.o.dataDir);
    const freeMb = (Number(st.bavail) * Number(st.bsize)) / (1024 * 1024);
    if (freeMb < min) {
      throw new DomainError('ResourceExhausted', `Not enough free disk for a new instance (${Math.floor(freeMb)} MB free).`, { resource: 'instance' });
    }
  }

  /** Takes over a broker left running by an earlier control plane, if its config matches and it answers. */
  private async adopt(spec: BrokerSpec, ports: BrokerPorts): Promise<boolean> {
    const dir = this.dirOf(spec.instanceId);
    const pid = readPid(dir);
    // The pid may have been reused by an unrelated process since: only a broker started with this config is ours.
    if (!pid || !isAlive(pid) || !isBrokerOf(pid, path.join(dir, BROKER_CONFIG_FILE))) return false;
    let cfg: BrokerConfig;
    try {
      cfg = readBrokerConfig(path.join(dir, BROKER_CONFIG_FILE));
    } catch {
      return false;
    }
    const h: Handle = {
      spec,
      ports,
      pid,
      admin: new HttpBrokerAdmin(cfg.ports.admin, cfg.adminToken),
      startedAt: Date.now(),
      everUp: false,
      failedStarts: 0,
      stopping: false,
      generation: ++generations,
    };
    const samePorts = JSON.stringify(cfg.ports) === JSON.stringify(ports);
    if (samePorts) {
      // Serving, or still starting (the control plane died right after spawning it): ours either way.
      h.everUp = await this.healthy(h);
      this.handles.set(spec.instanceId, h);
      this.o.log.info({ ...who(spec), pid, serving: h.everUp }, 'adopted broker');
      return true;
    }
    // A stale or foreign-config broker: stop it before starting ours.
    signal(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 5000))) signal(pid, 'SIGKILL');
    return false;
  }

  private async start(spec: BrokerSpec, ports: BrokerPorts, failedStarts: number): Promise<void> {
    const dir = this.dirOf(spec.instanceId);
    ownDir(path.dirname(dir));
    ownDir(dir);
    // A certificate whatever the mode, so that a switch to SSL or PERMISSIVE needs no restart. It names every host a
    // client may be told (the advertised host) or reach it on (the bound host, loopback).
    const ca = await this.certificateAuthority();
    const certs = await ca.issueBrokerCert(path.join(dir, 'tls'), [this.o.advertisedHost, this.o.bindHost], `broker ${spec.instanceId}`);
    const cfg: BrokerConfig = {
      instanceId: spec.instanceId,
      engineVersion: spec.engineVersion,
      brokerNames: spec.brokerNames,
      bindHost: this.o.bindHost,
      advertisedHost: this.o.advertisedHost,
      ports,
      adminToken: crypto.randomBytes(24).toString('hex'),
      dataDir: dir,
      store: spec.store,
      tunables: spec.tunables,
      limits: spec.limits,
      access: spec.access,
      tls: { mode: spec.tlsMode, ...certs },
      orphanTimeoutMs: this.o.orphanTimeoutMs,
      logLevel: this.o.logLevel,
      ...(this.o.clock ? { testClock: { offsetMs: this.o.clock.offsetMs } } : {}),
    };
    const file = writeBrokerConfig(cfg);
    const child = spawnBroker(file, dir, this.o.nodeOptions);
    // Recorded at once (the broker rewrites it when serving): a control plane that crashes now finds it next start.
    if (child.pid) fs.writeFileSync(path.join(dir, BROKER_PID_FILE), String(child.pid), { mode: 0o600 });
    const h: Handle = {
      spec,
      ports,
      pid: child.pid ?? -1,
      admin: new HttpBrokerAdmin(cfg.ports.admin, cfg.adminToken),
      startedAt: Date.now(),
      everUp: false,
      failedStarts,
      stopping: false,
      generation: ++generations,
    };
    this.handles.set(spec.instanceId, h);
    child.once('error', (e) => this.onExit(h, `spawn failed: ${e.message}`));
    child.once('exit', (code, sig) => this.onExit(h, `broker exited (${sig ?? `code ${code}`})`));
    this.o.log.info({ ...who(spec), pid: child.pid }, 'broker started');
  }

  /** Schedules a restart with backoff unless the broker was stopped on purpose. */
  private onExit(h: Handle, why: string): void {
    if (h.stopping || this.handles.get(h.spec.instanceId) !== h || h.restartTimer) return;
    h.lastExit = why + tailOfLog(this.dirOf(h.spec.instanceId));
    h.downSince ??= Date.now();
    if (!h.everUp) h.failedStarts++;
    h.everUp = false;
    const delay = BACKOFF_MS[Math.min(h.failedStarts, BACKOFF_MS.length - 1)]!;
    this.o.log.warn({ ...who(h.spec), why, restartInMs: delay }, 'broker down');
    if (h.failedStarts >= (this.o.maxFailedStarts ?? 4)) return;
    h.restartTimer = setTimeout(() => {
      this.restartAfterBackoff(h).catch((err: unknown) => this.o.log.error({ ...who(h.spec), err }, 'broker restart failed'));
    }, delay);
  }

  private async restartAfterBackoff(h: Handle): Promise<void> {
    if (this.handles.get(h.spec.instanceId) !== h || h.stopping) return;
    // A broker that never served may have lost a port to another process between the check and its bind (an
    // outgoing connection's ephemeral port, say): forget it so that the reconciler provisions it on new ports. No
    // client knows its address yet; one that served keeps its address and waits for the port.
    if (!this.served.has(h.spec.instanceId) && !(await portsFree(h.ports, this.o.bindHost))) {
      this.o.log.warn({ ...who(h.spec), ports: h.ports }, 'broker ports taken while it was down');
      this.handles.delete(h.spec.instanceId);
      return;
    }
    h.restartTimer = undefined;
    if (this.handles.get(h.spec.instanceId) !== h || h.stopping) return;
    const downSince = h.downSince;
    await this.start(h.spec, h.ports, h.failedStarts);
    const next = this.handles.get(h.spec.instanceId);
    if (next) next.downSince = downSince;
  }

  private async stop(instanceId: string): Promise<void> {
    const h = this.handles.get(instanceId);
    if (!h) return;
    h.stopping = true;
    clearTimeout(h.restartTimer);
    this.handles.delete(instanceId);
    this.probe.forget(this.grpcAddress(h.ports));
    if (!isAlive(h.pid)) return;
    try {
      await h.admin.shutdown(2000);
    } catch {
      signal(h.pid, 'SIGTERM');
    }
    if (!(await waitForExit(h.pid, 8000))) {
      signal(h.pid, 'SIGKILL');
      await waitForExit(h.pid, 2000);
    }
  }
}

/** How a log line names the instance of a spec. */
const who = (spec: BrokerSpec): Record<string, string> => spec.labels ?? { instance: spec.instanceId };

/** The ports of an instance's placement; a placement that is not ours must be replaced. */
function placedPorts(spec: BrokerSpec): BrokerPorts {
  const ports = portsOf(spec.placement);
  if (!ports) throw new PlacementTakenError(`instance ${spec.instanceId} has no embedded-broker ports`);
  return ports;
}

function readPid(dir: string): number | undefined {
  try {
    const n = Number(fs.readFileSync(path.join(dir, BROKER_PID_FILE), 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why the broker died, from the end of its log: the last error line of a crash report (Node ends one with a stack, an
 * object dump and its version line, none of which says why), else the last line.
 */
function tailOfLog(dir: string): string {
  try {
    const text = fs.readFileSync(path.join(dir, 'broker.log'), 'utf8').trimEnd();
    const lines = text.slice(-8192).split('\n');
    const error = lines.findLast((l) => /^\w*Error\b.*:/.test(l));
    const last = (error ?? lines[lines.length - 1] ?? '').slice(0, 300);
    return last ? `: ${last}` : '';
  } catch {
    return '';
  }
}

/**
 * A directory of broker data: 0700, also when an earlier version made it wider (it holds tenant messages and the
 * broker's admin token; the files inside are then out of others' reach whatever their own mode).
 */
function ownDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}
