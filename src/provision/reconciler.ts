// The reconciler: the only writer of observed state. Each pass moves every instance toward its recorded intent; it is
// safe to run again after any crash because every step is idempotent and keyed by instance id.
import type { Logger } from 'pino';
import type { BrokerDefaults } from '../config.js';
import type { AccessPolicy } from '../domain/access.js';
import type { Instance } from '../domain/instance.js';
import { INSTANCE_STATUSES, statusWord, type InstanceStatus } from '../domain/status.js';
import type { BrokerMetadata } from '../domain/topic.js';
import { instanceLogFields } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { InstanceRepository, InstanceRow } from '../store/instances.js';
import type { TaskRepository } from '../store/tasks.js';
import { BrokerAdminError } from './broker-admin.js';
import { brokerSpecOf } from './broker-spec.js';
import { PlacementTakenError, type BrokerSpec, type BrokerState, type Observation, type ProvisionDriver } from './driver.js';

const TRANSITIONAL = new Set<InstanceStatus>(['creating', 'restarting', 'deleting']);
const TRANSITION_POLL_MS = 50;

export interface ReconcilerDeps {
  instances: InstanceRepository;
  tasks: TaskRepository;
  driver: ProvisionDriver;
  /** Server-wide broker settings; each instance's own values win (see broker-spec.ts). */
  brokerDefaults: BrokerDefaults;
  intervalMs: number;
  /** A RUNNING instance whose broker is down longer than this turns ERROR. */
  downGraceMs: number;
  /** A create that is not up after this long fails. */
  createTimeoutMs?: number;
  log: Logger;
  metrics?: Metrics;
  /** The topics and groups an instance's broker must serve; applied whenever a new broker process is up. */
  desiredMetadata?: (instanceId: string) => Promise<BrokerMetadata>;
  /** Users, ACL entries and switches of the instance, as its broker must enforce them (secrets sealed for it). */
  desiredAccess?: (instanceId: string) => Promise<AccessPolicy>;
  /** The instance's broker key (opens the sealed secrets; derived, so every control-plane process knows it). */
  secretsKeyOf: (instanceId: string) => string;
}

export class Reconciler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  /** Restarts already issued in this process (a crash re-issues them, which is harmless). */
  private readonly restartsIssued = new Set<string>();
  /** Brokers of RUNNING instances started during the first pass (see start()). */
  private readonly startedAtBoot = new Set<string>();
  private booting = true;
  private transitional = false;
  /** Broker generation whose metadata was applied, per instance. */
  private readonly synced = new Map<string, number>();
  /** What the last pass saw of each instance's broker (for /healthz). */
  private readonly seen = new Map<string, BrokerState>();

  constructor(private readonly d: ReconcilerDeps) {}

  /** Resolves after the first full pass, so callers know observed state is fresh. */
  async start(startupWaitMs = 15_000): Promise<void> {
    await this.pass();
    // Brokers that were not running (a crash took them with the control plane) are starting now: keep reporting
    // not-ready until they answer, so that a RUNNING instance is one whose broker serves when we say we are ready.
    const until = Date.now() + startupWaitMs;
    while (this.startedAtBoot.size > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      for (const id of this.startedAtBoot) {
        const obs = await this.observe(id);
        if (obs.state === 'up' || obs.failed || obs.state === 'absent') this.startedAtBoot.delete(id);
      }
    }
    this.startedAtBoot.clear();
    this.booting = false;
    this.schedule();
  }

  /** The broker's state as the last pass observed it; undefined before any. */
  brokerState(instanceId: string): BrokerState | undefined {
    return this.seen.get(instanceId);
  }

  /** Run a pass now (coalesced with one in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    void this.pass().finally(() => this.schedule());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    // While an instance is on its way somewhere (a broker starting), look often: RUNNING should follow readiness closely.
    const delay = this.again ? 0 : this.transitional ? Math.min(TRANSITION_POLL_MS, this.d.intervalMs) : this.d.intervalMs;
    this.timer = setTimeout(() => void this.pass().finally(() => this.schedule()), delay);
    this.again = false;
  }

  async pass(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const end = this.d.metrics?.reconcileSeconds.startTimer();
    this.running = (async () => {
      const rows = await this.d.instances.listAll();
      this.transitional = rows.some((r) => TRANSITIONAL.has(r.instance.status));
      await Promise.all(
        rows.map((row) =>
          this.step(row).catch((e: unknown) => this.d.log.error({ ...instanceLogFields(row.instance), err: e }, 'reconcile step failed')),
        ),
      );
      if (this.d.metrics) {
        const counts = new Map<InstanceStatus, number>(INSTANCE_STATUSES.map((s) => [s, 0]));
        for (const r of await this.d.instances.listAll()) counts.set(r.instance.status, (counts.get(r.instance.status) ?? 0) + 1);
        for (const [s, n] of counts) this.d.metrics.instances.set({ status: s }, n);
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
      end?.();
    }
  }

  private async step(row: InstanceRow): Promise<void> {
    const { instance: i } = row;
    const now = Date.now();
    const { driver } = this.d;
    switch (i.status) {
      case 'creating': {
        const obs = await this.observe(i.id);
        if (obs.state === 'up') {
          await this.sync(i, obs.generation);
          await this.setStatus(i, 'running', '');
          await this.d.tasks.finish(i.id, 'create', 'success', '', now);
        } else if (obs.failed || now - i.createdAt > (this.d.createTimeoutMs ?? 60_000)) {
          const reason = obs.detail ?? 'the broker did not become ready in time';
          await driver.deprovision(i.id);
          await this.setStatus(i, 'create-failed', reason);
          await this.d.tasks.finish(i.id, 'create', 'failed', reason, now);
        } else if (obs.state === 'absent') {
          await this.provision(row);
        }
        return;
      }
      case 'running':
      case 'error': {
        const obs = await this.observe(i.id);
        if (obs.state === 'absent') {
          await this.provision(row);
          if (this.booting) this.startedAtBoot.add(i.id);
        } else if (obs.state === 'up' && i.status === 'running') {
          await this.sync(i, obs.generation);
          if (obs.usedStorageBytes !== undefined && obs.usedStorageBytes !== i.usedStorageBytes) {
            await this.d.instances.setUsedStorage(i.id, obs.usedStorageBytes);
          }
        } else if (obs.state === 'up' && i.status === 'error') {
          await this.sync(i, obs.generation);
          await this.setStatus(i, 'running', '');
        } else if (obs.state === 'down' && i.status === 'running' && now - (obs.downSince ?? now) > this.d.downGraceMs) {
          await this.setStatus(i, 'error', obs.detail ?? 'the broker is down');
        } else if (obs.failed && i.status === 'error') {
          // The driver gave up its backoff; start a fresh series of attempts.
          await driver.restart(this.spec(row));
        }
        return;
      }
      case 'restarting': {
        if (!this.restartsIssued.has(i.id)) {
          this.restartsIssued.add(i.id);
          await driver.restart(this.spec(row));
          return;
        }
        const obs = await this.observe(i.id);
        if (obs.state === 'up') {
          this.restartsIssued.delete(i.id);
          await this.sync(i, obs.generation);
          await this.setStatus(i, 'running', '');
          await this.d.tasks.finish(i.id, 'restart', 'success', '', now);
        } else if (obs.failed) {
          this.restartsIssued.delete(i.id);
          await this.setStatus(i, 'error', obs.detail ?? 'the broker did not come back');
          await this.d.tasks.finish(i.id, 'restart', 'failed', obs.detail ?? '', now);
        }
        return;
      }
      case 'deleting': {
        await driver.deprovision(i.id);
        // Its tasks go with it (the delete task too): nothing is left to look up.
        await this.d.instances.remove(i.id);
        this.synced.delete(i.id);
        this.seen.delete(i.id);
        return;
      }
      case 'create-failed': {
        if ((await this.observe(i.id)).state !== 'absent') await driver.deprovision(i.id);
        return;
      }
      case 'changing':
        return;
    }
  }

  private async observe(instanceId: string): Promise<Observation> {
    const obs = await this.d.driver.observe(instanceId);
    this.seen.set(instanceId, obs.state);
    return obs;
  }

  /**
   * Converges a fresh broker process to the recorded topics and groups and TLS mode (repairs any drift: a broker adopted
   * after a crash, or restarted from a config file older than the last mode switch).
   */
  private async sync(i: Instance, generation: number | undefined): Promise<void> {
    const instanceId = i.id;
    if (!this.d.desiredMetadata || generation === undefined || this.synced.get(instanceId) === generation) return;
    const admin = this.d.driver.admin(instanceId);
    if (!admin) return;
    try {
      await admin.applyMetadata(await this.d.desiredMetadata(instanceId));
      if (this.d.desiredAccess) await admin.applyAccess(await this.d.desiredAccess(instanceId));
      await admin.setTlsMode(i.options.tlsMode).catch((e: unknown) => {
        // A broker older than TLS has no such call and serves plaintext only: nothing to converge for PLAINTEXT.
        if (!(i.options.tlsMode === 'PLAINTEXT' && e instanceof BrokerAdminError && e.notFound)) throw e;
      });
      this.synced.set(instanceId, generation);
    } catch (e) {
      // Not fatal: the next pass tries again.
      this.d.log.warn({ ...instanceLogFields(i), err: e }, 'applying topics, groups and access to the broker failed');
    }
  }

  private async setStatus(i: Instance, status: InstanceStatus, reason: string): Promise<void> {
    await this.d.instances.setStatus(i.id, status, reason, Date.now());
    this.d.log.info({ ...instanceLogFields(i), from: statusWord(i.status), to: statusWord(status), reason: reason || undefined }, 'instance status');
  }

  /** Starts or adopts the broker; when its placement (ports) was taken while it was not running, reserves a new one. */
  private async provision(row: InstanceRow): Promise<void> {
    try {
      await this.d.driver.provision(this.spec(row));
    } catch (e) {
      if (!(e instanceof PlacementTakenError)) throw e;
      const { placement, endpoints } = await this.d.driver.reserve();
      await this.d.instances.setPlacement(row.instance.id, endpoints, placement);
      this.d.log.warn({ ...instanceLogFields(row.instance), placement }, 'placement was taken; reserved a new one');
      await this.d.driver.provision(this.spec({ ...row, placement, instance: { ...row.instance, endpoints } }));
    }
  }

  private spec(row: InstanceRow): BrokerSpec {
    return brokerSpecOf(row.instance, row.placement, this.d.brokerDefaults, this.d.secretsKeyOf(row.instance.id));
  }
}
