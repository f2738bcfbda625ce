// `hangar serve` on PostgreSQL, always (whatever HANGAR_TEST_DATABASE says): it refuses to start without the master key
// or a reachable server, in one line; servers starting together on a new database migrate it once; what one process
// writes (a credential, an instance, a topic) is seen by the very next request to another; a restart keeps it all.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { MIGRATIONS } from '../../../src/store/migrations/index.js';
import { eventually, freePort, Hangar, TEST_AK, TEST_PROJECT, TEST_SK } from '../../helpers/hangar.js';
import { huaweiClient, sdkError, seedBody } from '../../helpers/huawei-sdk.js';
import { createDatabase, databaseName, dropDatabase, queryRows as rows, TEST_MASTER_KEY } from '../../helpers/postgres.js';

const tmpDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-pg-e2e-'));

describe('hangar on PostgreSQL', () => {
  const name = databaseName();
  let url: string;
  const dirs: string[] = [];
  const servers: Hangar[] = [];
  let inProcess: App | undefined;

  before(async () => {
    url = await createDatabase(name);
  });
  after(async () => {
    await inProcess?.close();
    for (const h of servers) await h.destroy();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    await dropDatabase(name);
  });

  const start = (): Promise<Hangar> =>
    Hangar.start({ env: { HANGAR_DATABASE_URL: url, HANGAR_MASTER_KEY: TEST_MASTER_KEY } }).then((h) => {
      servers.push(h);
      return h;
    });

  it('refuses to start without HANGAR_MASTER_KEY, in one line, and touches nothing', async () => {
    const dataDir = tmpDir();
    dirs.push(dataDir);
    const env = { HANGAR_DATABASE_URL: url, HANGAR_MASTER_KEY: '', HANGAR_DATA_DIR: dataDir, HANGAR_PORT: String(await freePort()) };
    for (const args of [['serve'], ['credentials', 'list']]) {
      const r = await Hangar.cli(args, env);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, /^hangar: HANGAR_MASTER_KEY must be set when HANGAR_DATABASE_URL is PostgreSQL[^\n]*\n$/);
    }
    assert.deepEqual(await rows(url, "select tablename from pg_tables where schemaname = 'public'"), [], 'no table was created');
    assert.ok(!fs.existsSync(path.join(dataDir, 'master.key')), 'no key file was made');
  });

  it('refuses to start when no PostgreSQL server answers, naming HANGAR_DATABASE_URL but not its password', async () => {
    const dataDir = tmpDir();
    dirs.push(dataDir);
    const r = await Hangar.cli(['serve'], {
      HANGAR_DATABASE_URL: `postgres://postgres:sekret-pw@127.0.0.1:${await freePort()}/nowhere`,
      HANGAR_MASTER_KEY: TEST_MASTER_KEY,
      HANGAR_DATA_DIR: dataDir,
      HANGAR_PORT: String(await freePort()),
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^hangar: PostgreSQL \(HANGAR_DATABASE_URL 127\.0\.0\.1:\d+\/nowhere\): [^\n]*ECONNREFUSED[^\n]*\n$/);
    assert.ok(!r.stderr.includes('sekret-pw'));
  });

  let a: Hangar;
  let b: Hangar;

  it('two servers starting together on a new database migrate it once; a credential made by the CLI signs on both', async () => {
    [a, b] = await Promise.all([start(), start()]);
    const applied = await rows<{ name: string }>(url, 'select name from kysely_migration order by name');
    assert.deepEqual(
      applied.map((r) => r.name),
      Object.keys(MIGRATIONS).sort(),
    );

    // Sealed by the CLI process with the shared master key, opened by both servers.
    const cli = await Hangar.cli(['credentials', 'create', '--project', 'team-pg', '--json'], { ...a.env });
    assert.equal(cli.code, 0, cli.stderr);
    const cred = JSON.parse(cli.stdout) as { accessKey: string; secretKey: string; projectId: string };
    const viaA = huaweiClient(a.url, { ak: cred.accessKey, sk: cred.secretKey, projectId: cred.projectId });
    const viaB = huaweiClient(b.url, { ak: cred.accessKey, sk: cred.secretKey, projectId: cred.projectId });
    assert.equal((await viaA.listInstances({ engine: 'rocketmq' })).instance_num, 0);
    assert.equal((await viaB.listInstances({ engine: 'rocketmq' })).instance_num, 0);
    // Deleted by the CLI: refused by the very next request to either server (both had it cached).
    assert.equal((await Hangar.cli(['credentials', 'delete', cred.accessKey], { ...a.env })).code, 0);
    assert.equal((await sdkError(viaA.listInstances({ engine: 'rocketmq' }))).httpStatusCode, 401);
    assert.equal((await sdkError(viaB.listInstances({ engine: 'rocketmq' }))).httpStatusCode, 401);
    // Only one server reconciles the instances of the next tests.
    await b.destroy();
  });

  let instanceId: string;

  it('an instance, topic and group written through one process are seen by the next request to another', async () => {
    const config = loadConfig({
      HANGAR_HOST: '127.0.0.1',
      HANGAR_PORT: '0',
      HANGAR_DATA_DIR: tmpDir(),
      HANGAR_LOG_LEVEL: 'error',
      HANGAR_DATABASE_URL: url,
      HANGAR_MASTER_KEY: TEST_MASTER_KEY,
      HANGAR_ACCESS_KEY: TEST_AK,
      HANGAR_SECRET_KEY: TEST_SK,
      HANGAR_PROJECT_ID: TEST_PROJECT,
    });
    dirs.push(config.dataDir);
    // The management API alone (no reconciler): server A runs the brokers.
    inProcess = await startApp(config, { provision: false });
    const viaA = huaweiClient(a.url);
    const other = huaweiClient(inProcess.url);

    instanceId = (await other.createPostPaidInstance({ body: seedBody('pg-shared') })).instance_id;
    const running = await eventually(async () => {
      const s = await viaA.showInstance({ instance_id: instanceId });
      return s.status === 'RUNNING' ? s : undefined;
    }, 30_000);
    assert.equal(running.name, 'pg-shared');
    assert.equal((await other.showInstance({ instance_id: instanceId })).status, 'RUNNING');

    await other.updateInstance({ instance_id: instanceId, body: { name: 'pg-renamed' } });
    assert.equal((await viaA.showInstance({ instance_id: instanceId })).name, 'pg-renamed');

    await viaA.createTopicOrBatchDeleteTopic({ instance_id: instanceId, body: { name: 'pg-orders', queue_num: 4, message_type: 'NORMAL' } });
    await viaA.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id: instanceId, body: { name: 'pg-billing' } });
    assert.equal((await other.showOneTopic({ instance_id: instanceId, topic: 'pg-orders' })).name, 'pg-orders');
    const groups = await other.listInstanceConsumerGroups({ instance_id: instanceId });
    assert.deepEqual(
      groups.groups.map((g: { name: string }) => g.name),
      ['pg-billing'],
    );
  });

  it('a restart keeps every instance, topic, group and credential', async () => {
    const cli = await Hangar.cli(['credentials', 'create', '--project', TEST_PROJECT, '--json'], { ...a.env });
    assert.equal(cli.code, 0, cli.stderr);
    const cred = JSON.parse(cli.stdout) as { accessKey: string; secretKey: string };
    await a.restart();
    const client = huaweiClient(a.url, { ak: cred.accessKey, sk: cred.secretKey });
    const shown = await eventually(async () => {
      const s = await client.showInstance({ instance_id: instanceId });
      return s.status === 'RUNNING' ? s : undefined;
    }, 30_000);
    assert.equal(shown.name, 'pg-renamed');
    const topics = await client.listRocketInstanceTopics({ instance_id: instanceId });
    assert.deepEqual(
      topics.topics.map((t: { name: string }) => t.name),
      ['pg-orders'],
    );
    const groups = await client.listInstanceConsumerGroups({ instance_id: instanceId });
    assert.deepEqual(
      groups.groups.map((g: { name: string }) => g.name),
      ['pg-billing'],
    );
    const list = await client.listInstances({ engine: 'reliability' });
    assert.equal(list.instance_num, 1);

    await client.deleteInstance({ instance_id: instanceId });
    await eventually(async () => (await sdkError(client.showInstance({ instance_id: instanceId }))).httpStatusCode === 404, 30_000);
    const left = await rows<{ n: number }>(url, `select (select count(*) from topics) + (select count(*) from groups) + (select count(*) from tasks) as n`);
    assert.equal(Number(left[0]?.n), 0, 'its topics, groups and tasks went with it');
  });
});
