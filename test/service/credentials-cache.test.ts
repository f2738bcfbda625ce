// Resolved credentials are cached per access key, yet every change through the database is seen by the next request:
// deletions, new secrets and policies, whether made by this process or by `hangar credentials` in another one (here a
// second connection to the same database), on SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CredentialService } from '../../src/service/credentials.js';
import { SecretBox } from '../../src/service/secret-box.js';
import { CredentialRepository } from '../../src/store/credentials.js';
import { DATABASES, type TestDatabase } from '../helpers/test-database.js';

for (const kind of DATABASES) describe(`credential cache on ${kind.name}`, () => {
  let database: TestDatabase;
  let server: CredentialService;
  let cli: CredentialService;

  before(async () => {
    database = await kind.create();
    const serverStore = await database.open();
    const cliStore = await database.open();
    // Two boxes from one master key, as two processes have: what one seals, the other opens.
    server = new CredentialService(new CredentialRepository(serverStore.db), new SecretBox('test-master-key'), serverStore.changes);
    cli = new CredentialService(new CredentialRepository(cliStore.db), new SecretBox('test-master-key'), cliStore.changes);
  });
  after(() => database.close());

  it('resolves the same credential object while nothing changes', async () => {
    await cli.create('team-a', { accessKey: 'AK-SAME', secretKey: 'secret-1' });
    const first = await server.resolve('AK-SAME');
    assert.equal(first?.secretKey, 'secret-1');
    assert.equal(first?.tenantId, 'team-a');
    assert.equal(await server.resolve('AK-SAME'), first);
    assert.ok(Object.isFrozen(first));
  });

  it('a credential deleted by another process is refused at once', async () => {
    await cli.create('team-b', { accessKey: 'AK-DEL', secretKey: 'secret-b' });
    assert.equal((await server.resolve('AK-DEL'))?.secretKey, 'secret-b');
    await cli.remove('AK-DEL');
    assert.equal(await server.resolve('AK-DEL'), undefined);
  });

  it('a credential created by another process after a miss is found at once', async () => {
    assert.equal(await server.resolve('AK-LATE'), undefined);
    await cli.create('team-c', { accessKey: 'AK-LATE', secretKey: 'secret-c' });
    assert.equal((await server.resolve('AK-LATE'))?.secretKey, 'secret-c');
  });

  it('a new secret and a new policy from another process apply at once', async () => {
    await cli.create('team-d', { accessKey: 'AK-CHG', secretKey: 'old-secret' });
    const before = await server.resolve('AK-CHG');
    assert.equal(before?.policy, undefined);
    await cli.create('team-d', { accessKey: 'AK-CHG', secretKey: 'new-secret' });
    assert.equal((await server.resolve('AK-CHG'))?.secretKey, 'new-secret');
    const policy = { Version: '1', Statement: [{ Effect: 'Deny', Action: 'rocketmq:*', Resource: '*' }] };
    await cli.setPolicy('AK-CHG', JSON.stringify(policy));
    assert.deepEqual((await server.resolve('AK-CHG'))?.policy, policy);
    await cli.setPolicy('AK-CHG', null);
    assert.equal((await server.resolve('AK-CHG'))?.policy, undefined);
  });

  it("this process's own changes apply at once too", async () => {
    await server.create('team-e', { accessKey: 'AK-OWN', secretKey: 'own-secret' });
    assert.equal((await server.resolve('AK-OWN'))?.secretKey, 'own-secret');
    await server.remove('AK-OWN');
    assert.equal(await server.resolve('AK-OWN'), undefined);
  });
});
