// Instance rows ↔ the neutral Instance model.
import { sql } from 'kysely';
import type { Instance, CreateInstanceCommand, Endpoints } from '../domain/instance.js';
import type { InstanceStatus } from '../domain/status.js';
import type { Db } from './db.js';
import type { InstancesTable } from './schema.js';

/** What the provisioning driver reserved for an instance (ports, …): JSON, read only by that driver. */
export type StoredPlacement = Readonly<Record<string, unknown>>;

export interface InstanceRow {
  instance: Instance;
  placement: StoredPlacement;
}

type Spec = Omit<CreateInstanceCommand, 'name'>;

function toRow(r: InstancesTable): InstanceRow {
  const spec = JSON.parse(r.spec_json) as Spec;
  return {
    instance: {
      ...spec,
      id: r.id,
      tenantId: r.tenant_id,
      huaweiId: r.huawei_id,
      alibabaId: r.alibaba_id,
      name: r.name,
      status: r.status as InstanceStatus,
      statusReason: r.status_reason,
      endpoints: JSON.parse(r.endpoints_json) as Endpoints,
      usedStorageBytes: Number(r.used_storage_bytes),
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
    },
    placement: JSON.parse(r.ports_json) as StoredPlacement,
  };
}

function specOf(i: Instance): string {
  const spec: Spec = {
    description: i.description,
    engineVersion: i.engineVersion,
    flavorId: i.flavorId,
    brokerNum: i.brokerNum,
    storageSpaceGb: i.storageSpaceGb,
    storageSpecCode: i.storageSpecCode,
    network: i.network,
    options: i.options,
    messageRetentionHours: i.messageRetentionHours,
    tags: i.tags,
    origin: i.origin,
    attributes: i.attributes,
  };
  return JSON.stringify(spec);
}

export class InstanceRepository {
  constructor(private readonly db: Db) {}

  async insert(i: Instance, placement: StoredPlacement, clientToken: string | null, db: Db = this.db): Promise<void> {
    await db
      .insertInto('instances')
      .values({
        id: i.id,
        tenant_id: i.tenantId,
        huawei_id: i.huaweiId,
        alibaba_id: i.alibabaId,
        name: i.name,
        status: i.status,
        status_reason: i.statusReason,
        status_since: i.updatedAt,
        spec_json: specOf(i),
        endpoints_json: JSON.stringify(i.endpoints),
        ports_json: JSON.stringify(placement),
        client_token: clientToken,
        used_storage_bytes: i.usedStorageBytes,
        created_at: i.createdAt,
        updated_at: i.updatedAt,
      })
      .execute();
  }

  /** Finds an instance of a tenant by any of its ids (internal, Huawei UUID, Alibaba id). */
  async findForTenant(tenantId: string, anyId: string, db: Db = this.db): Promise<InstanceRow | undefined> {
    const r = await db
      .selectFrom('instances')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('id', '=', anyId), eb('huawei_id', '=', anyId), eb('alibaba_id', '=', anyId)]))
      .executeTakeFirst();
    return r && toRow(r);
  }

  async findById(id: string, db: Db = this.db): Promise<InstanceRow | undefined> {
    const r = await db.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toRow(r);
  }

  async findByClientToken(tenantId: string, token: string, db: Db = this.db): Promise<InstanceRow | undefined> {
    const r = await db
      .selectFrom('instances')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('client_token', '=', token)
      .executeTakeFirst();
    return r && toRow(r);
  }

  async listForTenant(tenantId: string, db: Db = this.db): Promise<InstanceRow[]> {
    const rows = await db.selectFrom('instances').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').execute();
    return rows.map(toRow);
  }

  async listAll(db: Db = this.db): Promise<InstanceRow[]> {
    const rows = await db.selectFrom('instances').selectAll().orderBy('created_at').execute();
    return rows.map(toRow);
  }

  /** Placements held by every instance, so that the driver never reserves one twice. */
  async allPlacements(db: Db = this.db): Promise<StoredPlacement[]> {
    const rows = await db.selectFrom('instances').select('ports_json').execute();
    return rows.map((r) => JSON.parse(r.ports_json) as StoredPlacement);
  }

  async update(i: Instance, db: Db = this.db): Promise<void> {
    await db
      .updateTable('instances')
      .set({ name: i.name, spec_json: specOf(i), updated_at: i.updatedAt })
      .where('id', '=', i.id)
      .execute();
  }

  async setStatus(id: string, status: InstanceStatus, reason: string, now: number, db: Db = this.db): Promise<void> {
    await db
      .updateTable('instances')
      .set({ status, status_reason: reason, status_since: now, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async setPlacement(id: string, endpoints: Endpoints, placement: StoredPlacement, db: Db = this.db): Promise<void> {
    await db
      .updateTable('instances')
      .set({ endpoints_json: JSON.stringify(endpoints), ports_json: JSON.stringify(placement) })
      .where('id', '=', id)
      .execute();
  }

  async setUsedStorage(id: string, bytes: number, db: Db = this.db): Promise<void> {
    await db.updateTable('instances').set({ used_storage_bytes: bytes }).where('id', '=', id).execute();
  }

  /** Forgets a deleted instance and everything it owns (topics, groups, access, tasks), all or nothing. */
  async remove(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('topics').where('instance_id', '=', id).execute();
      await trx.deleteFrom('groups').where('instance_id', '=', id).execute();
      await sql`delete from instance_access where instance_id = ${id}`.execute(trx);
      await trx.deleteFrom('tasks').where('instance_id', '=', id).execute();
      await trx.deleteFrom('instances').where('id', '=', id).execute();
    });
  }
}
