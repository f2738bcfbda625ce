// The database's change version: what read caches trust. It must move on every committed write, this connection's or
// another's (another process such as `hangar credentials`), and stay put while nothing is written — on SQLite and on
// PostgreSQL alike.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, type TestDatabase } from '../helpers/test-database.js';

const credential = (accessKey: string) => ({
  id: accessKey,
  access_key: accessKey,
  secret_enc: 'v1.x.y.z',
  tenant_id: 'p',
  policy_json: null,
  description: '',
  created_at: 1,
});

for (const kind of DATABASES) {
  describe(`change version on ${kind.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await kind.create();
    });
    after(() => database.close());

    test('reads leave the version alone', async () => {
      const s = await database.open();
      const before = await s.changes.current();
      await s.db.selectFrom('credentials').selectAll().execute();
      assert.equal(await s.changes.current(), before);
    });

    test("this connection's writes move it, including an update of one row", async () => {
      const s = await database.open();
      const v0 = await s.changes.current();
      await s.db.insertInto('credentials').values(credential('AK1')).execute();
      const v1 = await s.changes.current();
      assert.notEqual(v1, v0);
      await s.db.updateTable('credentials').set({ policy_json: '{}' }).where('access_key', '=', 'AK1').execute();
      assert.notEqual(await s.changes.current(), v1);
    });

    test("another connection's commit moves it (another process running `hangar credentials`)", async () => {
      const server = await database.open();
      const cli = await database.open();
      const v0 = await server.changes.current();
      await cli.db.insertInto('credentials').values(credential('AK2')).execute();
      const v1 = await server.changes.current();
      assert.notEqual(v1, v0);
      await cli.db.deleteFrom('credentials').where('access_key', '=', 'AK2').execute();
      assert.notEqual(await server.changes.current(), v1);
    });

    test('a write still uncommitted leaves it alone; its commit moves it, its rollback does not', async () => {
      const server = await database.open();
      const other = await database.open();
      const v0 = await server.changes.current();
      await other.db.transaction().execute(async (trx) => {
        await trx.insertInto('credentials').values(credential('AK3')).execute();
        assert.equal(await server.changes.current(), v0, 'not before the commit');
      });
      const v1 = await server.changes.current();
      assert.notEqual(v1, v0);
      await assert.rejects(
        other.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('credentials').where('access_key', '=', 'AK3').execute();
          throw new Error('rolled back');
        }),
        /rolled back/,
      );
      assert.equal(await server.changes.current(), v1, 'a rollback changed nothing');
    });
  });
}
