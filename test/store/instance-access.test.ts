// Access records of an instance on both databases: a second insert of the same key reports the conflict (two processes
// that both looked before inserting get AlreadyExists, never a constraint error), and a snapshot restores exactly.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { InstanceAccessRepository } from '../../src/store/instance-access.js';
import { DATABASES, type TestDatabase } from '../helpers/test-database.js';

for (const kind of DATABASES) {
  describe(`instance access records on ${kind.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await kind.create();
    });
    after(() => database.close());

    test('inserting a key that exists answers false and keeps the first document', async () => {
      const repo = new InstanceAccessRepository((await database.open()).db);
      assert.equal(await repo.insert('i1', 'user', 'alice', { v: 1 }, 1), true);
      assert.equal(await repo.insert('i1', 'user', 'alice', { v: 2 }, 2), false);
      assert.deepEqual(await repo.get('i1', 'user', 'alice'), { v: 1 });
      assert.equal(await repo.insert('i2', 'user', 'alice', { v: 3 }, 3), true, 'another instance');
    });

    test('restore puts back exactly what a snapshot held', async () => {
      const repo = new InstanceAccessRepository((await database.open()).db);
      await repo.insert('i3', 'user', 'bob', { v: 1 }, 1);
      const snap = await repo.snapshot('i3');
      await repo.insert('i3', 'acl', 'bob\ntopic\nT', { a: 1 }, 2);
      await repo.remove('i3', 'user', 'bob');
      await repo.restore('i3', snap);
      assert.deepEqual(await repo.list('i3', 'user'), [{ v: 1 }]);
      assert.deepEqual(await repo.list('i3', 'acl'), []);
    });
  });
}
