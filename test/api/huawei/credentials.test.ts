// Credentials: generated bootstrap file, CLI management without restart, tenant isolation; a broker that cannot start.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually, Hangar } from '../../helpers/hangar.js';
import { huaweiClient, sdkError, seedBody } from '../../helpers/huawei-sdk.js';

describe('credentials and tenancy', () => {
  const started: Hangar[] = [];
  after(async () => {
    for (const h of started) await h.destroy();
  });

  it('generates a credential file (0600) on first start, prints only its path, and reuses it', async () => {
    const h = await Hangar.start({ noCredentials: true });
    started.push(h);
    const file = path.join(h.dataDir, 'credentials.json');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const cred = JSON.parse(fs.readFileSync(file, 'utf8')) as { accessKey: string; secretKey: string; projectId: string };
    assert.ok(h.output.includes(file));
    assert.ok(!h.output.includes(cred.secretKey), 'the secret is never printed');
    const client = huaweiClient(h.url, { ak: cred.accessKey, sk: cred.secretKey, projectId: cred.projectId });
    assert.equal((await client.listInstances({ engine: 'rocketmq' })).instance_num, 0);
    await h.restart();
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).accessKey, cred.accessKey);
    assert.equal((await client.listInstances({ engine: 'rocketmq' })).instance_num, 0);
  });

  it('hangar credentials create/list/delete take effect without a restart; tenants never see each other', async () => {
    const h = await Hangar.start();
    started.push(h);
    const env = { HANGAR_DATA_DIR: h.dataDir };
    const created = await Hangar.cli(['credentials', 'create', '--project', 'team-b', '--json'], env);
    assert.equal(created.code, 0, created.stderr);
    const b = JSON.parse(created.stdout) as { accessKey: string; secretKey: string; projectId: string };
    assert.equal(b.projectId, 'team-b');

    const clientA = huaweiClient(h.url);
    const clientB = huaweiClient(h.url, { ak: b.accessKey, sk: b.secretKey, projectId: 'team-b' });
    const { instance_id } = await clientA.createPostPaidInstance({ body: seedBody('tenant-a-only') });
    assert.equal((await clientB.listInstances({ engine: 'rocketmq' })).instance_num, 0);
    assert.equal((await sdkError(clientB.showInstance({ instance_id }))).httpStatusCode, 404);
    // B may use the same name in its own project.
    await clientB.createPostPaidInstance({ body: seedBody('tenant-a-only') });

    const listed = await Hangar.cli(['credentials', 'list', '--json'], env);
    const all = JSON.parse(listed.stdout) as { accessKey: string; tenantId: string }[];
    assert.ok(all.some((c) => c.accessKey === b.accessKey && c.tenantId === 'team-b'));
    assert.ok(!listed.stdout.includes(b.secretKey));

    assert.equal((await Hangar.cli(['credentials', 'delete', b.accessKey], env)).code, 0);
    assert.equal((await sdkError(clientB.listInstances({ engine: 'rocketmq' }))).httpStatusCode, 401);
  });

  it('a broker that cannot start ends in CREATEFAILED, listed only with include_failure, reason in the task', async () => {
    const h = await Hangar.start({ env: { HANGAR_BROKER_NODE_OPTIONS: '--require=/nonexistent/hangar-preload.js' } });
    started.push(h);
    const client = huaweiClient(h.url);
    const { instance_id } = await client.createPostPaidInstance({ body: seedBody('doomed') });
    const failed = await eventually(async () => {
      const s = await client.showInstance({ instance_id });
      return s.status === 'CREATEFAILED' ? s : undefined;
    }, 30_000);
    assert.equal(failed.status, 'CREATEFAILED');
    assert.equal((await client.listInstances({ engine: 'rocketmq' })).instance_num, 0);
    assert.equal((await client.listInstances({ engine: 'rocketmq', include_failure: 'true' })).instance_num, 1);
    const tasks = await client.listBackgroundTasks({ instance_id });
    const create = tasks.tasks.find((t: { name: string }) => /create/i.test(t.name)) ?? tasks.tasks[0];
    assert.match(JSON.stringify(create), /fail/i);
    assert.deepEqual(h.brokerPids(), []);
  });
});
