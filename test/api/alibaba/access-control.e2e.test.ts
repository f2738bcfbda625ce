// End-to-end: an Alibaba instance switched to apache_acl through the official SDK, enforced by its broker for the official
// 5.x client: the default account may do everything, an account's ACL entries decide (default deny, Deny beats Allow,
// ipWhitelists that exclude the client refuse), changes apply to a connected client, defaultVpcAuthFree lets clients
// without credentials in, and the same setting reads the same through the Huawei API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Producer } from 'rocketmq-client-nodejs';
import { eventually, Hangar } from '../../helpers/hangar.js';
import { huaweiClient } from '../../helpers/huawei-sdk.js';
import { newProducer, receiveAll, sessionCredentials, shutdownQuietly, statusCodeOf } from '../../helpers/rocketmq-client.js';
import { alibabaClient, createInstanceRequest, rmq, seedBody } from './alibaba-sdk.js';


describe('access control on an Alibaba instance (aclTypes apache_acl)', () => {
  let h: Hangar;
  let client: any;
  let id: string;
  let endpoint: string;
  let def: { username: string; password: string };
  const producers: Producer[] = [];

  const producer = async (extra: Record<string, unknown>): Promise<Producer> => {
    const p = newProducer(endpoint, ['T_ALI'], extra);
    producers.push(p);
    await p.startup();
    return p;
  };
  const drain = (group: string, topic: string, extra: Record<string, unknown>): Promise<string[]> => receiveAll(endpoint, group, topic, extra);
  const acl = (username: string, body: Record<string, unknown>) => client.createInstanceAcl(id, username, new rmq.CreateInstanceAclRequest(body));

  before(async () => {
    h = await Hangar.start();
    client = alibabaClient(new URL(h.url).host);
    id = (await client.createInstance(createInstanceRequest({ ...seedBody(), instanceName: 'ali-acl' }))).body.data;
    const running = await eventually(async () => {
      const d = (await client.getInstance(id)).body.data;
      return d.status === 'RUNNING' ? d : undefined;
    }, 30_000);
    endpoint = running.networkInfo.endpoints.find((e: { endpointType: string }) => e.endpointType === 'TCP_VPC').endpointUrl;
    await client.createTopic(id, 'T_ALI', new rmq.CreateTopicRequest({ messageType: 'NORMAL' }));
    await client.createTopic(id, 'T_NEAR', new rmq.CreateTopicRequest({ messageType: 'NORMAL' }));
    for (const g of ['CG_ALI', 'CG_AUDIT']) await client.createConsumerGroup(id, g, new rmq.CreateConsumerGroupRequest({ deliveryOrderType: 'Concurrently', consumeRetryPolicy: new rmq.CreateConsumerGroupRequestConsumeRetryPolicy({ retryPolicy: 'DefaultRetryPolicy', maxRetryTimes: 3 }) }));
    def = (await client.getInstanceAccount(id, new rmq.GetInstanceAccountRequest({}))).body.data;
  });
  after(async () => {
    for (const p of producers) await shutdownQuietly(p);
    await h?.destroy();
  });

  it('the default setting (intelligent identity) needs no credentials on the private endpoint', async () => {
    const p = await producer({});
    await p.send({ topic: 'T_ALI', body: Buffer.from('open-1'), tag: 'a' });
    assert.deepEqual(await drain('CG_AUDIT', 'T_ALI', {}), ['open-1']);
  });

  it('apache_acl turned on: reads the same through both APIs; anonymous clients are refused, the default account may do everything', async () => {
    await client.updateInstance(id, new rmq.UpdateInstanceRequest({ aclInfo: new rmq.UpdateInstanceRequestAclInfo({ aclTypes: ['default', 'apache_acl'], defaultVpcAuthFree: false }) }));
    const shown = (await client.getInstance(id)).body.data;
    assert.deepEqual([...shown.aclInfo.aclTypes].sort(), ['apache_acl', 'default']);
    assert.equal(shown.accountInfo.username, def.username);
    const huawei = await huaweiClient(h.url).listInstances({ engine: 'reliability' });
    assert.equal(huawei.instances.find((i: { name: string }) => i.name === 'ali-acl').enable_acl, true);

    await assert.rejects(producer({}), (e) => statusCodeOf(e) === 40100);
    const p = await producer(sessionCredentials(def.username, def.password));
    await p.send({ topic: 'T_ALI', body: Buffer.from('default-1'), tag: 'a' });
    assert.deepEqual(await drain('CG_AUDIT', 'T_ALI', sessionCredentials(def.username, def.password)), ['default-1']);
  });

  it('an account: default deny, Allow entries let it in, Deny beats Allow, ipWhitelists that exclude it refuse', async () => {
    await client.createInstanceAccount(id, new rmq.CreateInstanceAccountRequest({ username: 'probeuser', password: 'Probe#secret1' }));
    const probe = sessionCredentials('probeuser', 'Probe#secret1');
    const p = await producer(probe);
    await assert.rejects(p.send({ topic: 'T_ALI', body: Buffer.from('no-entry'), tag: 'a' }), (e) => statusCodeOf(e) === 40300);

    await acl('probeuser', { resourceType: 'Topic', resourceName: 'T_ALI', actions: ['Pub'], decision: 'Allow' });
    await p.send({ topic: 'T_ALI', body: Buffer.from('allowed'), tag: 'a' });

    await acl('probeuser', { resourceType: 'Topic', resourceName: 'T_NEAR', actions: ['Pub'], decision: 'Allow', ipWhitelists: ['192.168.0.0/16'] });
    await assert.rejects(p.send({ topic: 'T_NEAR', body: Buffer.from('wrong-address'), tag: 'a' }), (e) => statusCodeOf(e) === 40300);

    await acl('probeuser', { resourceType: 'Group', resourceName: 'CG_ALI', actions: ['Sub'], decision: 'Allow' });
    await assert.rejects(drain('CG_ALI', 'T_ALI', probe), (e) => statusCodeOf(e) === 40300, 'no Sub on the topic yet');
    await client.updateInstanceAcl(id, 'probeuser', new rmq.UpdateInstanceAclRequest({ resourceType: 'Topic', resourceName: 'T_ALI', actions: ['Pub|Sub'], decision: 'Allow' }));
    assert.deepEqual(await drain('CG_ALI', 'T_ALI', probe), ['allowed', 'default-1', 'open-1']);

    await client.updateInstanceAcl(id, 'probeuser', new rmq.UpdateInstanceAclRequest({ resourceType: 'Topic', resourceName: 'T_ALI', actions: ['Pub'], decision: 'Deny' }));
    await assert.rejects(p.send({ topic: 'T_ALI', body: Buffer.from('denied'), tag: 'a' }), (e) => statusCodeOf(e) === 40300);

    await client.createInstanceAccount(id, new rmq.CreateInstanceAccountRequest({ username: 'wrongpass', password: 'Right#secret1' }));
    await assert.rejects(producer(sessionCredentials('wrongpass', 'Not#the#secret')), (e) => statusCodeOf(e) === 40100);
    assert.deepEqual(await drain('CG_AUDIT', 'T_NEAR', sessionCredentials(def.username, def.password)), [], 'refused sends left nothing');
  });

  it('defaultVpcAuthFree lets clients without credentials in on the private endpoint', async () => {
    await client.updateInstance(id, new rmq.UpdateInstanceRequest({ aclInfo: new rmq.UpdateInstanceRequestAclInfo({ defaultVpcAuthFree: true }) }));
    const p = await producer({});
    await p.send({ topic: 'T_NEAR', body: Buffer.from('vpc-free'), tag: 'a' });
    await client.updateInstance(id, new rmq.UpdateInstanceRequest({ aclInfo: new rmq.UpdateInstanceRequestAclInfo({ defaultVpcAuthFree: false }) }));
    await assert.rejects(p.send({ topic: 'T_NEAR', body: Buffer.from('closed-again'), tag: 'a' }), (e) => statusCodeOf(e) === 40100);
  });

  it('accounts and settings survive a restart of the control plane and of the broker', async () => {
    // Clients of the old broker process are closed first: reconnecting across the restart is not what this is about.
    for (const p of producers.splice(0)) await shutdownQuietly(p);
    await h.restart();
    await eventually(async () => ((await client.getInstance(id)).body.data.status === 'RUNNING' ? true : undefined), 30_000);
    await assert.rejects(producer({}), (e) => statusCodeOf(e) === 40100);
    assert.deepEqual(await drain('CG_AUDIT', 'T_NEAR', sessionCredentials(def.username, def.password)), ['vpc-free']);
  });
});
