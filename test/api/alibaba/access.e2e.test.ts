// End-to-end: instance accounts, ACLs and IP whitelists through the official Alibaba SDK, stored and returned faithfully.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alibabaClient, createInstanceRequest, rmq, sdkError, seedBody } from './alibaba-sdk.js';
import { startAlibabaHangar, type AlibabaHangar } from './harness.js';

describe('Alibaba accounts, ACLs and IP whitelists through the official SDK', () => {
  let h: AlibabaHangar;
  let client: any;
  let id: string;

  before(async () => {
    h = await startAlibabaHangar({ reconcile: false });
    client = alibabaClient(h.endpoint);
    id = (await client.createInstance(createInstanceRequest({ ...seedBody(), instanceName: 'access-e2e' }))).body.data;
  });
  after(async () => {
    await h?.close();
  });

  it('accounts: create, get (password masked), list with filters, update via query, delete', async () => {
    assert.equal((await client.createInstanceAccount(id, new rmq.CreateInstanceAccountRequest({ username: 'alice', password: 'Secret#1', remark: 'first' }))).body.data, true);
    await client.createInstanceAccount(id, new rmq.CreateInstanceAccountRequest({ username: 'bob', password: 'Secret#2' }));
    const dup = await sdkError(client.createInstanceAccount(id, new rmq.CreateInstanceAccountRequest({ username: 'alice', password: 'x' })));
    assert.equal(dup.statusCode, 400);
    assert.equal(dup.code, 'InstanceAccount.Existed');
    const missing = await sdkError(client.createInstanceAccount(id, new rmq.CreateInstanceAccountRequest({ username: 'carol' })));
    assert.equal(missing.code, 'MissingPassword');

    const a = (await client.getInstanceAccount(id, new rmq.GetInstanceAccountRequest({ username: 'alice' }))).body.data;
    assert.deepEqual({ ...a }, { username: 'alice', password: '********', accountStatus: 'ENABLE', remark: 'first' });

    // The instance's default account comes first; GetInstanceAccount without a username shows its password.
    const def = (await client.getInstanceAccount(id, new rmq.GetInstanceAccountRequest({}))).body.data;
    assert.match(def.username, /^[0-9a-f]{16}$/);
    assert.match(def.password, /^[0-9a-f]{24}$/);
    assert.equal((await client.getInstance(id)).body.data.accountInfo.username, def.username);
    const listed = (await client.listInstanceAccount(id, new rmq.ListInstanceAccountRequest({ pageNumber: 1, pageSize: 10 }))).body.data;
    assert.equal(listed.totalCount, 3);
    assert.deepEqual(listed.list.map((u: any) => [u.username, u.accountType, u.instanceId, u.regionId]), [
      [def.username, 'DEFAULT', id, 'local'],
      ['alice', 'CUSTOMER', id, 'local'],
      ['bob', 'CUSTOMER', id, 'local'],
    ]);
    const customers = (await client.listInstanceAccount(id, new rmq.ListInstanceAccountRequest({ accountType: 'CUSTOMER' }))).body.data;
    assert.deepEqual(customers.list.map((u: any) => u.username), ['alice', 'bob']);

    await client.updateInstanceAccount(id, 'bob', new rmq.UpdateInstanceAccountRequest({ accountStatus: 'DISABLE', remark: 'off', password: 'New#pass' }));
    const bob = (await client.getInstanceAccount(id, new rmq.GetInstanceAccountRequest({ username: 'bob' }))).body.data;
    assert.equal(bob.accountStatus, 'DISABLE');
    assert.equal(bob.remark, 'off');
    const disabled = (await client.listInstanceAccount(id, new rmq.ListInstanceAccountRequest({ accountStatus: 'DISABLE' }))).body.data;
    assert.deepEqual(disabled.list.map((u: any) => u.username), ['bob']);

    assert.equal((await client.deleteInstanceAccount(id, 'bob')).body.data, true);
    const gone = await sdkError(client.getInstanceAccount(id, new rmq.GetInstanceAccountRequest({ username: 'bob' })));
    assert.equal(gone.code, 'InstanceAccount.NotExisted');
  });

  it('ACLs: create, get, list, update, delete; groups take Sub only; the user must exist', async () => {
    const req = (o: Record<string, unknown>) => new rmq.CreateInstanceAclRequest(o);
    await client.createInstanceAcl(id, 'alice', req({ resourceType: 'Topic', resourceName: 'orders', actions: ['Pub', 'Sub'], decision: 'Allow', ipWhitelists: ['10.0.0.0/8'] }));
    await client.createInstanceAcl(id, 'alice', req({ resourceType: 'Group', resourceName: 'GID_orders', actions: ['Sub'], decision: 'Deny' }));
    const bad = await sdkError(client.createInstanceAcl(id, 'alice', req({ resourceType: 'Group', resourceName: 'GID_x', actions: ['Pub'], decision: 'Allow' })));
    assert.equal(bad.statusCode, 400);
    const nouser = await sdkError(client.createInstanceAcl(id, 'nobody', req({ resourceType: 'Topic', resourceName: 't', actions: ['Pub'], decision: 'Allow' })));
    assert.equal(nouser.code, 'InstanceAccount.NotExisted');
    const badType = await sdkError(client.createInstanceAcl(id, 'alice', req({ resourceType: 'Queue', resourceName: 't', actions: ['Pub'], decision: 'Allow' })));
    assert.equal(badType.code, 'InvalidParameter.ResourceType');

    const got = (await client.getInstanceAcl(id, 'alice', new rmq.GetInstanceAclRequest({ resourceType: 'Topic', resourceName: 'orders' }))).body.data;
    assert.equal(got.username, 'alice');
    assert.equal(got.instanceId, id);
    assert.deepEqual(got.actions, ['Pub', 'Sub']);
    assert.equal(got.decision, 'Allow');
    assert.deepEqual(got.ipWhitelists, ['10.0.0.0/8']);
    assert.equal(got.resourceType, 'Topic');

    const list = (await client.listInstanceAcl(id, new rmq.ListInstanceAclRequest({ pageNumber: 1, pageSize: 10 }))).body.data;
    assert.equal(list.totalCount, 2);
    assert.deepEqual(list.list.map((a: any) => [a.resourceType, a.resourceName, a.decision]), [
      ['Topic', 'orders', 'Allow'],
      ['Group', 'GID_orders', 'Deny'],
    ]);
    const filtered = (await client.listInstanceAcl(id, new rmq.ListInstanceAclRequest({ filter: 'GID' }))).body.data;
    assert.equal(filtered.totalCount, 1);

    await client.updateInstanceAcl(id, 'alice', new rmq.UpdateInstanceAclRequest({ resourceType: 'Topic', resourceName: 'orders', actions: ['Pub|Sub'], decision: 'Deny', ipWhitelists: [] }));
    const upd = (await client.getInstanceAcl(id, 'alice', new rmq.GetInstanceAclRequest({ resourceType: 'Topic', resourceName: 'orders' }))).body.data;
    assert.deepEqual(upd.actions, ['Pub|Sub']);
    assert.equal(upd.decision, 'Deny');
    assert.deepEqual(upd.ipWhitelists, []);

    await client.deleteInstanceAcl(id, 'alice', new rmq.DeleteInstanceAclRequest({ resourceType: 'Group', resourceName: 'GID_orders' }));
    const gone = await sdkError(client.getInstanceAcl(id, 'alice', new rmq.GetInstanceAclRequest({ resourceType: 'Group', resourceName: 'GID_orders' })));
    assert.equal(gone.code, 'InstanceAcl.NotExisted');
  });

  it('IP whitelists: create, get, list, delete', async () => {
    await client.createInstanceIpWhitelist(id, new rmq.CreateInstanceIpWhitelistRequest({ ipWhitelists: ['192.168.1.0/24', '10.1.2.3'] }));
    await client.createInstanceIpWhitelist(id, new rmq.CreateInstanceIpWhitelistRequest({ ipWhitelists: ['172.16.0.0/12'] }));
    const bad = await sdkError(client.createInstanceIpWhitelist(id, new rmq.CreateInstanceIpWhitelistRequest({ ipWhitelists: ['300.1.1.1'] })));
    assert.equal(bad.statusCode, 400);
    const got = (await client.getInstanceIpWhitelist(id, new rmq.GetInstanceIpWhitelistRequest({}))).body.data;
    assert.deepEqual(got.ipWhitelists, ['10.1.2.3', '192.168.1.0/24', '172.16.0.0/12']);
    const some = (await client.getInstanceIpWhitelist(id, new rmq.GetInstanceIpWhitelistRequest({ ipWhitelists: ['10.1.2.3'] }))).body.data;
    assert.deepEqual(some.ipWhitelists, ['10.1.2.3']);
    const page = (await client.listInstanceIpWhitelist(id, new rmq.ListInstanceIpWhitelistRequest({ pageNumber: 1, pageSize: 2 }))).body.data;
    assert.equal(page.totalCount, 3);
    assert.equal(page.list.length, 2);
    await client.deleteInstanceIpWhitelist(id, new rmq.DeleteInstanceIpWhitelistRequest({ ipWhitelists: ['10.1.2.3', '172.16.0.0/12'] }));
    assert.deepEqual((await client.getInstanceIpWhitelist(id, new rmq.GetInstanceIpWhitelistRequest({}))).body.data.ipWhitelists, ['192.168.1.0/24']);
    const gone = await sdkError(client.deleteInstanceIpWhitelist(id, new rmq.DeleteInstanceIpWhitelistRequest({ ipWhitelist: '8.8.8.8' })));
    assert.equal(gone.code, 'InstanceIpOrCidr.NotExisted');
  });
});
