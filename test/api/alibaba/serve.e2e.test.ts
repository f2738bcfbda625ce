// End-to-end through `hangar serve` itself (a child process): the Alibaba dialect is served on the same port as the
// Huawei one, accounts are enabled, and a policy attached with `hangar credentials create --policy FILE` is obeyed by
// both dialects.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Hangar, TEST_PROJECT } from '../../helpers/hangar.js';
import { huaweiClient, sdkError as huaweiError } from '../../helpers/huawei-sdk.js';
import { alibabaClient, createInstanceRequest, rmq, sdkError, seedBody } from './alibaba-sdk.js';

describe('hangar serve speaks the Alibaba dialect', () => {
  let h: Hangar;
  before(async () => {
    h = await Hangar.start();
  });
  after(async () => {
    await h?.destroy();
  });

  it('creates, gets, lists and deletes an instance, and stores an account', async () => {
    const client = alibabaClient(`127.0.0.1:${h.port}`);
    const id = (await client.createInstance(createInstanceRequest({ ...seedBody(), instanceName: 'serve-e2e' }))).body.data;
    assert.match(id, /^rmq-cn-[a-z0-9]{11}$/);
    assert.equal((await client.getInstance(id)).body.data.instanceName, 'serve-e2e');
    assert.equal((await client.listInstances(new rmq.ListInstancesRequest({ filter: 'serve-e2e' }))).body.data.totalCount, 1);
    await client.createInstanceAccount(id, new rmq.CreateInstanceAccountRequest({ username: 'u1', password: 'p@ss' }));
    assert.equal((await client.getInstanceAccount(id, new rmq.GetInstanceAccountRequest({ username: 'u1' }))).body.data.username, 'u1');
    assert.equal((await client.deleteInstance(id)).body.data, true);
    assert.equal((await sdkError(client.getInstance(id))).code, 'Instance.NotFound');
  });

  it('a policy attached with the CLI denies in both dialects', async () => {
    const owner = alibabaClient(`127.0.0.1:${h.port}`);
    const id = (await owner.createInstance(createInstanceRequest({ ...seedBody(), instanceName: 'guarded' }))).body.data;
    const file = path.join(h.dataDir, 'deny-delete.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: 'rocketmq:*', Resource: '*' },
          { Effect: 'Deny', Action: 'rocketmq:DeleteInstance', Resource: `acs:rocketmq:local:${TEST_PROJECT}:Instance/*` },
        ],
      }),
    );
    const made = await Hangar.cli(['credentials', 'create', '--project', TEST_PROJECT, '--policy', file, '--json'], h.env);
    assert.equal(made.code, 0, made.stderr);
    const cred = JSON.parse(made.stdout) as { accessKey: string; secretKey: string };

    const limited = alibabaClient(`127.0.0.1:${h.port}`, { ak: cred.accessKey, sk: cred.secretKey });
    assert.equal((await limited.getInstance(id)).body.data.instanceId, id);
    const denied = await sdkError(limited.deleteInstance(id));
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.accessDeniedDetail.AuthAction, 'rocketmq:DeleteInstance');

    const hc = huaweiClient(h.url, { ak: cred.accessKey, sk: cred.secretKey });
    const listed = await hc.listInstances({ engine: 'reliability', name: 'guarded', limit: 10 });
    const huaweiId = listed.instances.find((i: { name: string }) => i.name === 'guarded').instance_id;
    assert.equal((await huaweiError(hc.deleteInstance({ instance_id: huaweiId }))).httpStatusCode, 403);
    assert.equal((await owner.deleteInstance(id)).body.data, true);
  });
});
