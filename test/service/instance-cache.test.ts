// Instance lookups are cached per tenant and id, yet a write made anywhere (the service, the reconciler writing
// through the repository, another process) is seen by the very next lookup, on SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Instance } from '../../src/domain/instance.js';
import pino from 'pino';
import { EmbeddedDriver } from '../../src/provision/embedded/driver.js';
import type { Caller } from '../../src/service/caller.js';
import { BrokerChannel } from '../../src/service/broker-channel.js';
import { InstanceService } from '../../src/service/instances.js';
import type { Store } from '../../src/store/db.js';
import { InstanceRepository } from '../../src/store/instances.js';
import { TaskRepository } from '../../src/store/tasks.js';
import { testInstance } from '../helpers/instance.js';
import { DATABASES, type TestDatabase } from '../helpers/test-database.js';

const caller: Caller = { tenantId: 'team-a', accessKey: 'AK', dialect: 'huawei', requestId: 'r' };
const ports = { grpc: 1, namesrv: 2, remoting: 3, admin: 4 };

const instance = (id: string): Instance =>
  testInstance({
    id,
    tenantId: caller.tenantId,
    huaweiId: `hw-${id}`,
    alibabaId: `rmq-cn-${id}`,
    name: `name-${id}`,
    flavorId: 'rocketmq.b2.large.4',
    messageRetentionHours: 72,
  });

for (const kind of DATABASES) describe(`instance lookup cache on ${kind.name}`, () => {
  let database: TestDatabase;
  let store: Store;
  let other: Store;
  let repo: InstanceRepository;
  let service: InstanceService;

  before(async () => {
    database = await kind.create();
    store = await database.open();
    other = await database.open();
    repo = new InstanceRepository(store.db);
    service = new InstanceService({
      db: store.db,
      changes: store.changes,
      instances: repo,
      tasks: new TaskRepository(store.db),
      driver: new EmbeddedDriver({
        dataDir: database.dataDir,
        bindHost: '127.0.0.1',
        advertisedHost: '127.0.0.1',
        portRange: { from: 45000, to: 45099 },
        orphanTimeoutMs: 60_000,
        logLevel: 'error',
        log: pino({ level: 'silent' }),
      }),
      instanceQuota: 10,
      wake: () => undefined,
      // No broker runs here: lookups never reach one.
      broker: new BrokerChannel({ admin: () => undefined }),
    });
  });
  after(() => database.close());

  it('serves one frozen object per instance while nothing changes, by any of its ids', async () => {
    await repo.insert(instance('i1'), ports, null);
    const a = await service.get(caller, 'hw-i1');
    assert.equal(await service.get(caller, 'hw-i1'), a);
    assert.ok(Object.isFrozen(a) && Object.isFrozen(a.network.zones));
    assert.equal((await service.get(caller, 'rmq-cn-i1')).id, 'i1');
  });

  it('sees a status written through the repository (as the reconciler does) at once', async () => {
    await repo.insert(instance('i2'), ports, null);
    assert.equal((await service.get(caller, 'hw-i2')).status, 'creating');
    await repo.setStatus('i2', 'running', '', 2);
    assert.equal((await service.get(caller, 'hw-i2')).status, 'running');
  });

  it('sees an update by another process at once', async () => {
    await repo.insert(instance('i3'), ports, null);
    assert.equal((await service.get(caller, 'hw-i3')).name, 'name-i3');
    await other.db.updateTable('instances').set({ name: 'renamed' }).where('id', '=', 'i3').execute();
    assert.equal((await service.get(caller, 'hw-i3')).name, 'renamed');
  });

  it('an unknown id is NotFound until the instance exists, and again once it is removed', async () => {
    await assert.rejects(service.get(caller, 'hw-i4'), { code: 'NotFound' });
    await repo.insert(instance('i4'), ports, null);
    assert.equal((await service.get(caller, 'hw-i4')).id, 'i4');
    await repo.remove('i4');
    await assert.rejects(service.get(caller, 'hw-i4'), { code: 'NotFound' });
  });

  it('never serves one tenant the instance of another', async () => {
    await repo.insert(instance('i5'), ports, null);
    await service.get(caller, 'hw-i5');
    await assert.rejects(service.get({ ...caller, tenantId: 'team-b' }, 'hw-i5'), { code: 'NotFound' });
  });
});
