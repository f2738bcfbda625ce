// Instance use cases. Lifecycle calls record intent (status + task) and return; the reconciler does the work.
import { DomainError, notFound } from '../domain/errors.js';
import type { CreateInstanceCommand, Instance, UpdateInstanceCommand } from '../domain/instance.js';
import { isLive, type InstanceStatus, type TaskKind } from '../domain/status.js';
import { sslEnabledOf, type TlsMode } from '../domain/tls.js';
import type { ProvisionDriver } from '../provision/driver.js';
import type { ChangeVersion } from '../store/change-version.js';
import type { Db } from '../store/db.js';
import { instanceLogFields, type Logger } from '../log.js';
import type { InstanceRepository, InstanceRow } from '../store/instances.js';
import type { Task, TaskRepository } from '../store/tasks.js';
import { authorize } from './authorize.js';
import type { BrokerChannel } from './broker-channel.js';
import type { Caller } from './caller.js';
import { newAlibabaInstanceId, newUuid } from './ids.js';
import { Serial } from './serial.js';
import { deepFreeze, VersionedCache } from './versioned-cache.js';

export interface InstanceFilter {
  name?: string;
  exactName?: boolean;
  ids?: string[];
  statuses?: InstanceStatus[];
  /** create-failed instances are hidden unless asked for. */
  includeFailed?: boolean;
  /** Extra dialect-side predicate (series, tags, resource group, …). */
  where?: (i: Instance) => boolean;
  limit?: number;
  offset?: number;
}

export interface InstanceServiceDeps {
  db: Db;
  /** Invalidates the cache of instance lookups on any write. */
  changes: ChangeVersion;
  instances: InstanceRepository;
  tasks: TaskRepository;
  /** Reserves each new instance's placement and endpoints (ports, disk): the use case does not know which driver. */
  driver: Pick<ProvisionDriver, 'reserve'>;
  instanceQuota: number;
  /** Nudges the reconciler to act now instead of at its next tick. */
  wake: () => void;
  /** Access control of a running instance was switched: its broker must enforce it before the update returns. */
  accessSwitched?: (i: Instance) => Promise<void>;
  /** Reaches a RUNNING instance's broker (live changes such as its TLS mode). */
  broker: Pick<BrokerChannel, 'call'>;
  now?: () => number;
  /** Gets a line for each create, restart and delete (who asked, for which instance). */
  log?: Logger;
}

export class InstanceService {
  private readonly serial = new Serial();
  private readonly now: () => number;
  // Instance rows by tenant and requested id (found or not), until the database changes. Rows are frozen: shared.
  private readonly rows: VersionedCache<Readonly<InstanceRow> | undefined>;

  constructor(private readonly d: InstanceServiceDeps) {
    this.now = d.now ?? Date.now;
    this.rows = new VersionedCache(d.changes);
  }

  /**
   * Records a new instance (status creating) and returns at once. `uniqueName` applies Huawei's rule that a live instance
   * name is unique within the project (Alibaba allows duplicates).
   */
  async create(caller: Caller, cmd: CreateInstanceCommand, opts: { idempotencyKey?: string; uniqueName?: boolean } = {}): Promise<Instance> {
    authorize(caller, 'rocketmq:CreateInstance');
    const created = await this.serial.run(async () => {
      if (opts.idempotencyKey) {
        const first = await this.d.instances.findByClientToken(caller.tenantId, opts.idempotencyKey);
        if (first) return first.instance;
      }
      const live = (await this.d.instances.listForTenant(caller.tenantId)).filter((r) => isLive(r.instance.status));
      if (opts.uniqueName && live.some((r) => r.instance.name === cmd.name)) {
        throw new DomainError('AlreadyExists', `The instance name ${cmd.name} is already used.`, { resource: 'instance', field: 'name' });
      }
      if (live.length >= this.d.instanceQuota) {
        throw new DomainError('QuotaExceeded', `The project already has ${live.length} instances, its quota.`, { resource: 'instance' });
      }
      const { placement, endpoints } = await this.d.driver.reserve();
      const now = this.now();
      const instance: Instance = {
        ...cmd,
        id: newUuid(),
        tenantId: caller.tenantId,
        huaweiId: newUuid(),
        alibabaId: newAlibabaInstanceId(),
        status: 'creating',
        statusReason: '',
        endpoints,
        usedStorageBytes: 0,
        createdAt: now,
        updatedAt: now,
      };
      await this.d.db.transaction().execute(async (trx) => {
        await this.d.instances.insert(instance, placement, opts.idempotencyKey ?? null, trx);
        await this.d.tasks.insert(newTask(caller.tenantId, instance.id, 'create', now), trx);
      });
      return instance;
    });
    this.d.log?.info({ ...instanceLogFields(created), ...whoAsked(caller) }, 'instance create requested');
    this.d.wake();
    return created;
  }

  async get(caller: Caller, anyId: string): Promise<Instance> {
    const row = await this.find(caller, anyId);
    authorize(caller, 'rocketmq:GetInstance', { instanceId: row.instance.alibabaId });
    return row.instance;
  }

  async list(caller: Caller, f: InstanceFilter = {}): Promise<{ items: Instance[]; total: number }> {
    authorize(caller, 'rocketmq:ListInstances');
    const all = (await this.d.instances.listForTenant(caller.tenantId)).map((r) => r.instance);
    const matches = all.filter(
      (i) =>
        (f.includeFailed || i.status !== 'create-failed' || f.statuses?.includes('create-failed')) &&
        (!f.name || (f.exactName ? i.name === f.name : i.name.includes(f.name))) &&
        (!f.ids?.length || f.ids.some((id) => id === i.id || id === i.huaweiId || id === i.alibabaId)) &&
        (!f.statuses?.length || f.statuses.includes(i.status)) &&
        (!f.where || f.where(i)),
    );
    const offset = f.offset ?? 0;
    const items = f.limit === undefined ? matches.slice(offset) : matches.slice(offset, offset + f.limit);
    return { items, total: matches.length };
  }

  async update(caller: Caller, anyId: string, cmd: UpdateInstanceCommand, opts: { uniqueName?: boolean } = {}): Promise<Instance> {
    return this.serial.run(async () => {
      const row = await this.find(caller, anyId);
      authorize(caller, 'rocketmq:UpdateInstance', { instanceId: row.instance.alibabaId });
      const i = row.instance;
      if (i.status === 'deleting') throw stateConflict(i);
      if (opts.uniqueName && cmd.name !== undefined && cmd.name !== i.name) {
        const live = (await this.d.instances.listForTenant(caller.tenantId)).filter((r) => isLive(r.instance.status));
        if (live.some((r) => r.instance.name === cmd.name)) {
          throw new DomainError('AlreadyExists', `The instance name ${cmd.name} is already used.`, { resource: 'instance', field: 'name' });
        }
      }
      const next: Instance = {
        ...i,
        name: cmd.name ?? i.name,
        description: cmd.description ?? i.description,
        network: { ...i.network, securityGroupId: cmd.securityGroupId ?? i.network.securityGroupId },
        options: {
          ...i.options,
          enableAcl: cmd.enableAcl ?? i.options.enableAcl,
          vpcAuthFree: cmd.vpcAuthFree ?? i.options.vpcAuthFree,
          enablePublicIp: cmd.enablePublicIp ?? i.options.enablePublicIp,
          publicIpId: cmd.publicIpId ?? i.options.publicIpId,
          enterpriseProjectId: cmd.enterpriseProjectId ?? i.options.enterpriseProjectId,
        },
        messageRetentionHours: cmd.messageRetentionHours ?? i.messageRetentionHours,
        tags: cmd.tags ?? i.tags,
        attributes: cmd.attributes ? { ...i.attributes, ...cmd.attributes } : i.attributes,
        updatedAt: this.now(),
      };
      await this.d.instances.update(next);
      if (this.d.accessSwitched && (next.options.enableAcl !== i.options.enableAcl || next.options.vpcAuthFree !== i.options.vpcAuthFree)) {
        try {
          await this.d.accessSwitched(next);
        } catch (e) {
          await this.d.instances.update(i);
          throw e;
        }
      }
      return next;
    });
  }

  /**
   * Switches the TLS mode of a RUNNING instance's data-plane ports. The broker switches before anything is recorded
   * (a broker that refuses leaves no trace); it keeps running, so the instance stays RUNNING: connections the new mode
   * refuses are closed and their clients must reconnect as it says. The dialect checked that the mode is offered.
   */
  async switchTls(caller: Caller, anyId: string, mode: TlsMode): Promise<{ instance: Instance; task: Task }> {
    return this.serial.run(async () => {
      const row = await this.find(caller, anyId);
      authorize(caller, 'rocketmq:UpdateInstance', { instanceId: row.instance.alibabaId });
      const i = row.instance;
      await this.d.broker.call(i, (admin) => admin.setTlsMode(mode));
      const now = this.now();
      const next: Instance = { ...i, options: { ...i.options, tlsMode: mode, sslEnable: sslEnabledOf(mode) }, updatedAt: now };
      const task: Task = { ...newTask(caller.tenantId, i.id, 'tls', now), status: 'success' };
      await this.d.db.transaction().execute(async (trx) => {
        await this.d.instances.update(next, trx);
        await this.d.tasks.insert(task, trx);
      });
      return { instance: next, task };
    });
  }

  async restart(caller: Caller, anyId: string): Promise<Task> {
    const task = await this.serial.run(async () => {
      const row = await this.find(caller, anyId);
      authorize(caller, 'rocketmq:RestartInstance', { instanceId: row.instance.alibabaId });
      const i = row.instance;
      if (i.status !== 'running' && i.status !== 'error') throw stateConflict(i);
      const now = this.now();
      const t = newTask(caller.tenantId, i.id, 'restart', now);
      await this.d.db.transaction().execute(async (trx) => {
        await this.d.instances.setStatus(i.id, 'restarting', '', now, trx);
        await this.d.tasks.insert(t, trx);
      });
      this.d.log?.info({ ...instanceLogFields(i), ...whoAsked(caller) }, 'instance restart requested');
      return t;
    });
    this.d.wake();
    return task;
  }

  async delete(caller: Caller, anyId: string): Promise<void> {
    await this.serial.run(async () => {
      const row = await this.find(caller, anyId);
      authorize(caller, 'rocketmq:DeleteInstance', { instanceId: row.instance.alibabaId });
      const i = row.instance;
      if (i.status === 'deleting') return;
      const now = this.now();
      await this.d.db.transaction().execute(async (trx) => {
        await this.d.instances.setStatus(i.id, 'deleting', '', now, trx);
        await this.d.tasks.insert(newTask(caller.tenantId, i.id, 'delete', now), trx);
      });
      this.d.log?.info({ ...instanceLogFields(i), ...whoAsked(caller) }, 'instance delete requested');
    });
    this.d.wake();
  }

  async listTasks(caller: Caller, anyId: string): Promise<Task[]> {
    const row = await this.find(caller, anyId);
    authorize(caller, 'rocketmq:GetInstance', { instanceId: row.instance.alibabaId });
    return this.d.tasks.listForInstance(row.instance.id);
  }

  async getTask(caller: Caller, anyId: string, taskId: string): Promise<Task> {
    const t = (await this.listTasks(caller, anyId)).find((x) => x.id === taskId);
    if (!t) throw notFound('task', taskId);
    return t;
  }

  /** Live instances of the tenant, for quota reports. */
  async usage(caller: Caller): Promise<{ used: number; quota: number }> {
    const live = (await this.d.instances.listForTenant(caller.tenantId)).filter((r) => isLive(r.instance.status));
    return { used: live.length, quota: this.d.instanceQuota };
  }

  /**
   * An instance named the way a person names it: either cloud's id, or its name when exactly one live instance of the
   * tenant has it (Alibaba allows duplicate names: then the id is needed).
   */
  async getByRef(caller: Caller, ref: string): Promise<Instance> {
    const byId = await this.d.instances.findForTenant(caller.tenantId, ref);
    if (byId) return this.get(caller, ref);
    const named = (await this.d.instances.listForTenant(caller.tenantId)).filter((r) => r.instance.name === ref && r.instance.status !== 'deleting');
    if (named.length > 1) {
      throw new DomainError('InvalidParameter', `${named.length} instances are named ${ref}; name one by its id (${named.map((r) => r.instance.huaweiId).join(', ')}).`, {
        resource: 'instance',
        field: 'instance',
      });
    }
    if (named.length === 0) throw notFound('instance', ref);
    return this.get(caller, named[0]!.instance.huaweiId);
  }

  /** The row of a tenant's instance by any of its ids, or NotFound. Other services use it to reach the broker. */
  async find(caller: Caller, anyId: string): Promise<InstanceRow> {
    // A tenant id never contains a newline, so the key is unambiguous.
    const row = await this.rows.get(`${caller.tenantId}\n${anyId}`, async () => {
      const found = await this.d.instances.findForTenant(caller.tenantId, anyId);
      return found && deepFreeze(found);
    });
    if (!row) throw notFound('instance', anyId);
    return row;
  }
}

export function stateConflict(i: Instance): DomainError {
  return new DomainError('StateConflict', `The instance ${i.name} is ${i.status}; the operation is not allowed now.`, { resource: 'instance' });
}

const whoAsked = (caller: Caller): Record<string, string> => ({ project: caller.tenantId, accessKey: caller.accessKey, via: caller.dialect });

function newTask(tenantId: string, instanceId: string, kind: TaskKind, now: number): Task {
  return { id: newUuid(), tenantId, instanceId, kind, status: 'running', reason: '', createdAt: now, updatedAt: now };
}
