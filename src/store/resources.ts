// Topics and groups of instances: one JSON document per (instance, name), in the `topics` and `groups` tables.
import type { Group, Topic } from '../domain/topic.js';
import type { Db } from './db.js';

type Table = 'topics' | 'groups';

class NamedResourceRepository<T extends { name: string; createdAt: number; updatedAt: number }> {
  constructor(
    private readonly db: Db,
    private readonly table: Table,
  ) {}

  async insert(instanceId: string, r: T): Promise<void> {
    await this.db
      .insertInto(this.table)
      .values({ instance_id: instanceId, name: r.name, spec_json: JSON.stringify(r), created_at: r.createdAt, updated_at: r.updatedAt })
      .execute();
  }

  async update(instanceId: string, r: T): Promise<void> {
    await this.db
      .updateTable(this.table)
      .set({ spec_json: JSON.stringify(r), updated_at: r.updatedAt })
      .where('instance_id', '=', instanceId)
      .where('name', '=', r.name)
      .execute();
  }

  async get(instanceId: string, name: string): Promise<T | undefined> {
    const row = await this.db
      .selectFrom(this.table)
      .select('spec_json')
      .where('instance_id', '=', instanceId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row && (JSON.parse(row.spec_json) as T);
  }

  async list(instanceId: string): Promise<T[]> {
    const rows = await this.db.selectFrom(this.table).select('spec_json').where('instance_id', '=', instanceId).orderBy('created_at').orderBy('name').execute();
    return rows.map((r) => JSON.parse(r.spec_json) as T);
  }

  async count(instanceId: string): Promise<number> {
    const r = await this.db.selectFrom(this.table).select((eb) => eb.fn.countAll<number>().as('n')).where('instance_id', '=', instanceId).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async remove(instanceId: string, name: string): Promise<boolean> {
    const r = await this.db.deleteFrom(this.table).where('instance_id', '=', instanceId).where('name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

export class TopicRepository extends NamedResourceRepository<Topic> {
  constructor(db: Db) {
    super(db, 'topics');
  }
}

export class GroupRepository extends NamedResourceRepository<Group> {
  constructor(db: Db) {
    super(db, 'groups');
  }
}
