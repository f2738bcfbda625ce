// What /healthz and `hangar status` report: the server's state, its database, and every instance with its broker as the
// reconciler last saw it. ok: ready, the database answers and every RUNNING instance's broker is up; starting: the
// first reconcile pass has not finished; degraded: anything else.
import { sql } from 'kysely';
import type { BrokerState } from '../provision/driver.js';
import type { Db } from '../store/db.js';
import type { InstanceRepository } from '../store/instances.js';
import { statusWord } from '../domain/status.js';

export interface HealthReport {
  status: 'ok' | 'starting' | 'degraded';
  version: string;
  database: { kind: 'sqlite' | 'postgres'; ok: boolean };
  instances: { huaweiId: string; alibabaId: string; name: string; status: string; broker: 'up' | 'down' }[];
}

export interface HealthDeps {
  db: Db;
  databaseKind: 'sqlite' | 'postgres';
  instances: InstanceRepository;
  brokerState: (instanceId: string) => BrokerState | undefined;
  ready: () => boolean;
  version: string;
}

export class HealthService {
  constructor(private readonly d: HealthDeps) {}

  async report(): Promise<HealthReport> {
    let dbOk = true;
    let rows: Awaited<ReturnType<InstanceRepository['listAll']>> = [];
    try {
      await sql`select 1`.execute(this.d.db);
      rows = await this.d.instances.listAll();
    } catch {
      dbOk = false;
    }
    const instances = rows.map(({ instance: i }) => ({
      huaweiId: i.huaweiId,
      alibabaId: i.alibabaId,
      name: i.name,
      status: statusWord(i.status),
      broker: this.d.brokerState(i.id) === 'up' ? ('up' as const) : ('down' as const),
    }));
    const brokersOk = rows.every(({ instance: i }) => i.status !== 'error' && (i.status !== 'running' || this.d.brokerState(i.id) === 'up'));
    const status = !this.d.ready() ? 'starting' : dbOk && brokersOk ? 'ok' : 'degraded';
    return { status, version: this.d.version, database: { kind: this.d.databaseKind, ok: dbOk }, instances };
  }
}
