// Background task records: each create, restart, update and delete of an instance, with its outcome.
import type { TaskKind, TaskStatus } from '../domain/status.js';
import type { Db } from './db.js';

export interface Task {
  id: string;
  tenantId: string;
  instanceId: string;
  kind: TaskKind;
  status: TaskStatus;
  reason: string;
  createdAt: number;
  updatedAt: number;
}

export class TaskRepository {
  constructor(private readonly db: Db) {}

  async insert(t: Task, db: Db = this.db): Promise<void> {
    await db
      .insertInto('tasks')
      .values({
        id: t.id,
        tenant_id: t.tenantId,
        instance_id: t.instanceId,
        kind: t.kind,
        status: t.status,
        reason: t.reason,
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      })
      .execute();
  }

  /** Ends the newest running task of that kind for the instance. */
  async finish(instanceId: string, kind: TaskKind, status: TaskStatus, reason: string, now: number): Promise<void> {
    const t = await this.db
      .selectFrom('tasks')
      .select('id')
      .where('instance_id', '=', instanceId)
      .where('kind', '=', kind)
      .where('status', '=', 'running')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (!t) return;
    await this.db.updateTable('tasks').set({ status, reason, updated_at: now }).where('id', '=', t.id).execute();
  }

  async listForInstance(instanceId: string): Promise<Task[]> {
    const rows = await this.db.selectFrom('tasks').selectAll().where('instance_id', '=', instanceId).orderBy('created_at', 'desc').execute();
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      instanceId: r.instance_id,
      kind: r.kind as TaskKind,
      status: r.status as TaskStatus,
      reason: r.reason,
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
    }));
  }
}
