// End-to-end: the official Alibaba SDK drives a real Hangar (real SQLite, reconciler, broker processes) through the
// instance operations, every CreateInstance validation rule, clientToken replay, the three signature schemes,
// authentication failures, policies in both dialects, cross-dialect visibility, tags and resource groups.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { TEST_PROJECT } from '../../helpers/hangar.js';
import { huaweiClient, seedBody as huaweiSeed } from '../../helpers/huawei-sdk.js';
import { alibabaClient, createInstanceRequest, rmq, sdkError, seedBody } from './alibaba-sdk.js';
import { startAlibabaHangar, type AlibabaHangar } from './harness.js';

describe('Alibaba instances through the official SDK', () => {
  let h: AlibabaHangar;
  let client: any;
  const created: string[] = [];

  let n = 0;
  // Instance names are unique per tenant in Hangar (the Huawei rule), so each create gets its own.
  const create = async (mutate: (b: Record<string, any>) => void = () => undefined, clientToken?: string): Promise<string> => {
    const b = seedBody();
    b.instanceName = `e2e-${++n}-${process.pid}`;
    mutate(b);
    const res = await client.createInstance(createInstanceRequest(b, clientToken));
    created.push(res.body.data);
    return res.body.data as string;
  };

  before(async () => {
    h = await startAlibabaHangar({ reconcile: false });
    client = alibabaClient(h.endpoint);
  });
  after(async () => {
    await h?.close();
  });

  it('creates the seed body and answers CREATING with the full data object and a TCP_VPC gRPC endpoint', async () => {
    const res = await client.createInstance(createInstanceRequest(seedBody()));
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.success, true);
    assert.equal(typeof res.body.requestId, 'string');
    const id = res.body.data as string;
    assert.match(id, /^rmq-cn-[a-z0-9]{11}$/);
    const d = (await client.getInstance(id)).body.data;
    assert.equal(d.status, 'CREATING');
    assert.equal(d.instanceId, id);
    assert.equal(d.instanceName, 'demo-instance');
    assert.equal(d.serviceCode, 'rmq');
    assert.equal(d.seriesCode, 'standard');
    assert.equal(d.subSeriesCode, 'cluster_ha');
    assert.equal(d.paymentType, 'Subscription');
    assert.equal(d.regionId, 'local');
    assert.equal(d.userId, TEST_PROJECT);
    assert.equal(d.remark, 'This is the remark for test.');
    assert.equal(d.resourceGroupId, 'rg-aekzy6pist7uuna');
    assert.match(d.createTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.match(d.expireTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(d.productInfo.msgProcessSpec, 'rmq.s2.2xlarge');
    assert.equal(d.productInfo.sendReceiveRatio, 0.5);
    assert.equal(d.productInfo.messageRetentionTime, 72);
    assert.equal(d.networkInfo.vpcInfo.vpcId, 'vpc-wz9qt50xhtj9krb******');
    assert.equal(d.networkInfo.internetInfo.internetSpec, 'disable');
    assert.equal(d.networkInfo.endpoints.length, 1);
    assert.equal(d.networkInfo.endpoints[0].endpointType, 'TCP_VPC');
    assert.match(d.networkInfo.endpoints[0].endpointUrl, /^127\.0\.0\.1:\d+$/);
    assert.deepEqual(
      d.instanceQuotas.map((q: any) => [q.quotaName, q.totalCount, q.usedCount]),
      [['TOPIC_COUNT', 300, 0]],
    );
    assert.equal(typeof d.software.softwareVersion, 'string');
    assert.deepEqual(d.tags.map((t: any) => [t.key, t.value]), [['aaa', 'bbb']]);
    assert.equal(d.topicCount, 0);
    assert.equal(d.groupCount, 0);
    created.push(id);
  });

  it('without instanceName the instance is named after its id', async () => {
    const id = await create((b) => delete b.instanceName);
    assert.equal((await client.getInstance(id)).body.data.instanceName, id);
  });

  it('enabling internet gives a TCP_INTERNET endpoint on the public host', async () => {
    const id = await create((b) => {
      b.networkInfo.internetInfo = { internetSpec: 'enable', flowOutType: 'payByBandwidth', flowOutBandwidth: 5, ipWhitelist: ['10.0.0.0/8'] };
    });
    const eps = (await client.getInstance(id)).body.data.networkInfo.endpoints;
    assert.deepEqual(eps.map((e: any) => e.endpointType), ['TCP_VPC', 'TCP_INTERNET']);
    const port = eps[0].endpointUrl.split(':').pop();
    assert.equal(eps[1].endpointUrl, `${h.config.publicHost}:${port}`);
    assert.deepEqual(eps[1].ipWhitelist, ['10.0.0.0/8']);
  });

  it('clientToken makes a repeated create return the first result', async () => {
    const token = `tok-${Date.now()}`;
    const a = await create((x) => (x.instanceName = 'first-of-token'), token);
    const b = await create((x) => (x.instanceName = 'second-of-token'), token);
    assert.equal(b, a);
    assert.equal((await client.getInstance(a)).body.data.instanceName, 'first-of-token');
    const named = await client.listInstances(new rmq.ListInstancesRequest({ filter: 'second-of-token' }));
    assert.equal(named.body.data.totalCount, 0);
  });

  // Each rule of the seed page, as the SDK caller sees it: ClientError, HTTP 400, a code naming the field.
  const rules: Array<[string, (b: Record<string, any>) => void, string]> = [
    ['serviceCode missing', (b) => delete b.serviceCode, 'MissingServiceCode'],
    ['serviceCode not rmq', (b) => (b.serviceCode = 'ons'), 'InvalidParameter.ServiceCode'],
    ['seriesCode unknown', (b) => (b.seriesCode = 'gold'), 'InvalidParameter.SeriesCode'],
    ['subSeriesCode unknown', (b) => (b.subSeriesCode = 'cluster'), 'InvalidParameter.SubSeriesCode'],
    ['ultimate needs cluster_ha', (b) => ((b.seriesCode = 'ultimate'), (b.subSeriesCode = 'single_node'), delete b.productInfo), 'InvalidParameter.SubSeriesCode'],
    ['paymentType unknown', (b) => (b.paymentType = 'Prepaid'), 'InvalidParameter.PaymentType'],
    ['Subscription without period', (b) => delete b.period, 'MissingPeriod'],
    ['period 7 months', (b) => (b.period = 7), 'InvalidParameter.Period'],
    ['period 4 years', (b) => ((b.period = 4), (b.periodUnit = 'Year')), 'InvalidParameter.Period'],
    ['autoRenewPeriod 5', (b) => (b.autoRenewPeriod = 5), 'InvalidParameter.AutoRenewPeriod'],
    ['msgProcessSpec unknown', (b) => (b.productInfo.msgProcessSpec = 'rmq.s2.3xlarge'), 'InvalidParameter.MsgProcessSpec'],
    ['msgProcessSpec of another series', (b) => (b.productInfo.msgProcessSpec = 'rmq.p2.4xlarge'), 'InvalidParameter.MsgProcessSpec'],
    ['sendReceiveRatio 0.99', (b) => (b.productInfo.sendReceiveRatio = 0.99), 'InvalidParameter.SendReceiveRatio'],
    ['sendReceiveRatio 0.01', (b) => (b.productInfo.sendReceiveRatio = 0.01), 'InvalidParameter.SendReceiveRatio'],
    ['messageRetentionTime 0', (b) => (b.productInfo.messageRetentionTime = 0), 'InvalidParameter.MessageRetentionTime'],
    ['storageEncryption true', (b) => (b.productInfo.storageEncryption = true), 'InvalidParameter.StorageEncryption'],
    ['networkInfo missing', (b) => delete b.networkInfo, 'MissingNetworkInfo'],
    ['vpcId missing', (b) => delete b.networkInfo.vpcInfo.vpcId, 'MissingVpcId'],
    ['no vSwitch', (b) => delete b.networkInfo.vpcInfo.vSwitches, 'InvalidParameter.VSwitches'],
    ['internetSpec unknown', (b) => (b.networkInfo.internetInfo.internetSpec = 'on'), 'InvalidParameter.InternetSpec'],
    ['disable with payByTraffic', (b) => (b.networkInfo.internetInfo.flowOutType = 'payByTraffic'), 'InvalidParameter.FlowOutType'],
    ['enable with uninvolved', (b) => (b.networkInfo.internetInfo.internetSpec = 'enable'), 'InvalidParameter.FlowOutType'],
    [
      'payByBandwidth 1001',
      (b) => (b.networkInfo.internetInfo = { internetSpec: 'enable', flowOutType: 'payByBandwidth', flowOutBandwidth: 1001 }),
      'InvalidParameter.FlowOutBandwidth',
    ],
    ['payByBandwidth without bandwidth', (b) => (b.networkInfo.internetInfo = { internetSpec: 'enable', flowOutType: 'payByBandwidth' }), 'MissingFlowOutBandwidth'],
    ['instanceName too long', (b) => (b.instanceName = 'n'.repeat(129)), 'InvalidParameter.InstanceName'],
    ['duplicate tag keys', (b) => (b.tags = [{ key: 'a', value: '1' }, { key: 'a', value: '2' }]), 'InvalidParameter.Tags'],
  ];
  for (const [name, mutate, code] of rules) {
    it(`refuses ${name} with ${code}`, async () => {
      const b = seedBody();
      mutate(b);
      const e = await sdkError(client.createInstance(createInstanceRequest(b)));
      assert.equal(e.name, 'ClientError');
      assert.equal(e.code, code);
      assert.equal(e.statusCode, 400);
      assert.equal(e.data.success, false);
      assert.equal(e.data.httpStatusCode, 400);
      assert.equal(typeof e.data.dynamicCode, 'string');
    });
  }

  it('a failed create changes nothing', async () => {
    const before = (await client.listInstances(new rmq.ListInstancesRequest({ pageSize: 100 }))).body.data.totalCount;
    await sdkError(client.createInstance(createInstanceRequest({ ...seedBody(), seriesCode: 'gold' })));
    assert.equal((await client.listInstances(new rmq.ListInstancesRequest({ pageSize: 100 }))).body.data.totalCount, before);
  });

  it('lists with filter, seriesCodes, resourceGroupId, tags and paging', async () => {
    const pro = await create((b) => {
      b.instanceName = 'list-pro';
      b.seriesCode = 'professional';
      b.productInfo.msgProcessSpec = 'rmq.p2.4xlarge';
      b.resourceGroupId = 'rg-listtest';
      b.tags = [{ key: 'team', value: 'blue' }];
    });
    const list = async (q: Record<string, unknown>) => (await client.listInstances(new rmq.ListInstancesRequest(q))).body.data;
    const all = await list({ pageNumber: 1, pageSize: 100 });
    assert.equal(all.pageNumber, 1);
    assert.equal(all.pageSize, 100);
    assert.equal(all.totalCount, all.list.length);
    assert.ok(all.list.some((i: any) => i.instanceId === pro));
    assert.deepEqual((await list({ filter: 'list-pro' })).list.map((i: any) => i.instanceId), [pro]);
    assert.deepEqual((await list({ filter: pro })).list.map((i: any) => i.instanceId), [pro]);
    assert.deepEqual((await list({ seriesCodes: ['professional'] })).list.map((i: any) => i.instanceId), [pro]);
    assert.deepEqual((await list({ resourceGroupId: 'rg-listtest' })).list.map((i: any) => i.instanceId), [pro]);
    assert.deepEqual((await list({ tags: JSON.stringify([{ key: 'team', value: 'blue' }]) })).list.map((i: any) => i.instanceId), [pro]);
    const item = (await list({ filter: 'list-pro' })).list[0];
    assert.equal(item.seriesCode, 'professional');
    assert.equal(item.commodityCode, 'ons_rmqsub_public_intl');
    assert.equal(typeof item.topicCount, 'number');
    const p1 = await list({ pageNumber: 1, pageSize: 10 });
    assert.equal(p1.pageSize, 10);
    assert.ok(p1.list.length <= 10);
  });

  it('UpdateInstance changes exactly its fields, with its ranges', async () => {
    const id = await create((b) => {
      b.seriesCode = 'professional';
      b.productInfo.msgProcessSpec = 'rmq.p2.2xlarge';
    });
    const upd = await client.updateInstance(
      id,
      new rmq.UpdateInstanceRequest({
        instanceName: 'renamed',
        remark: 'new remark',
        productInfo: { messageRetentionTime: 96, sendReceiveRatio: 0.8, autoScaling: true, traceOn: false },
        networkInfo: { internetInfo: { ipWhitelist: ['192.168.0.0/16'] } },
        aclInfo: { aclTypes: ['default', 'apache_acl'], defaultVpcAuthFree: true },
      }),
    );
    assert.equal(upd.body.data, true);
    const d = (await client.getInstance(id)).body.data;
    assert.equal(d.instanceName, 'renamed');
    assert.equal(d.remark, 'new remark');
    assert.equal(d.productInfo.messageRetentionTime, 96);
    assert.equal(d.productInfo.sendReceiveRatio, 0.8);
    assert.equal(d.productInfo.autoScaling, true);
    assert.equal(d.productInfo.traceOn, false);
    assert.deepEqual(d.networkInfo.internetInfo.ipWhitelist, ['192.168.0.0/16']);
    assert.deepEqual(d.aclInfo.aclTypes, ['default', 'apache_acl']);
    assert.equal(d.aclInfo.defaultVpcAuthFree, true);
    for (const [req, code] of [
      [{ productInfo: { sendReceiveRatio: 0.2 } }, 'InvalidParameter.SendReceiveRatio'],
      [{ productInfo: { messageRetentionTime: 0 } }, 'InvalidParameter.MessageRetentionTime'],
      [{ aclInfo: { aclTypes: ['other'] } }, 'InvalidParameter.AclTypes'],
    ] as const) {
      const e = await sdkError(client.updateInstance(id, new rmq.UpdateInstanceRequest(req)));
      assert.equal(e.statusCode, 400);
      assert.equal(e.code, code);
    }
  });

  it('DeleteInstance, then GetInstance answers Instance.NotFound', async () => {
    const id = await create();
    assert.equal((await client.deleteInstance(id)).body.data, true);
    const e = await sdkError(client.getInstance(id));
    assert.equal(e.code, 'Instance.NotFound');
    assert.equal(e.statusCode, 404);
    assert.equal(e.data.dynamicCode, 'InstanceId');
  });

  it('an unknown instance or a Huawei UUID is Instance.NotFound', async () => {
    for (const id of ['rmq-cn-doesnotexist', '3db8490c-4d6d-4d8f-8d3f-047b0de4c5cf']) {
      const e = await sdkError(client.getInstance(id));
      assert.equal(e.code, 'Instance.NotFound');
    }
  });

  it('ListRegions and ListAvailableZones report HANGAR_REGION', async () => {
    const regions = (await client.listRegions()).body.data;
    assert.equal(regions[0].regionId, 'local');
    assert.equal(regions[0].supportRocketmqV5, true);
    const zones = (await client.listAvailableZones()).body.data;
    assert.equal(zones[0].zoneId, 'local-a');
  });

  it('tags: TagResources, ListTagResources, UntagResources; ChangeResourceGroup', async () => {
    const id = await create((b) => (b.tags = []));
    await client.tagResources(
      new rmq.TagResourcesRequest({ regionId: 'local', resourceType: 'instance', resourceId: JSON.stringify([id]), tag: JSON.stringify([{ key: 'env', value: 'ci' }, { key: 'owner', value: 'me' }]) }),
    );
    const listed = (await client.listTagResources(new rmq.ListTagResourcesRequest({ regionId: 'local', resourceType: 'instance', resourceId: JSON.stringify([id]) }))).body.data;
    assert.deepEqual(
      listed.tagResources.map((t: any) => [t.resourceId, t.tagKey, t.tagValue]),
      [
        [id, 'env', 'ci'],
        [id, 'owner', 'me'],
      ],
    );
    await client.untagResources(new rmq.UntagResourcesRequest({ regionId: 'local', resourceType: 'instance', resourceId: JSON.stringify([id]), tagKey: JSON.stringify(['env']) }));
    assert.deepEqual((await client.getInstance(id)).body.data.tags.map((t: any) => t.key), ['owner']);
    await client.untagResources(new rmq.UntagResourcesRequest({ regionId: 'local', resourceType: 'instance', resourceId: JSON.stringify([id]), all: true }));
    assert.deepEqual((await client.getInstance(id)).body.data.tags, []);
    await client.changeResourceGroup(new rmq.ChangeResourceGroupRequest({ regionId: 'local', resourceType: 'instance', resourceId: id, resourceGroupId: 'rg-moved' }));
    assert.equal((await client.getInstance(id)).body.data.resourceGroupId, 'rg-moved');
    const e = await sdkError(client.tagResources(new rmq.TagResourcesRequest({ regionId: 'elsewhere', resourceType: 'instance', resourceId: JSON.stringify([id]), tag: '[]' })));
    assert.equal(e.statusCode, 400);
  });

  it('topic and group requests are validated before the instance is asked; a CREATING instance refuses changes', async () => {
    const id = await create();
    const topic = (name: string, body: Record<string, unknown>) => sdkError(client.createTopic(id, name, new rmq.CreateTopicRequest(body)));
    assert.equal((await topic('bad name!', { messageType: 'NORMAL' })).code, 'InvalidParameter.TopicName');
    assert.equal((await topic('%RETRY%x', { messageType: 'NORMAL' })).code, 'InvalidParameter.TopicName');
    assert.equal((await topic('t', {})).code, 'MissingMessageType');
    assert.equal((await topic('t', { messageType: 'MIXED' })).code, 'InvalidParameter.MessageType');
    assert.equal((await topic('t', { messageType: 'NORMAL', maxSendTps: 0 })).code, 'InvalidParameter.MaxSendTps');
    const busy = await topic('t', { messageType: 'NORMAL' });
    assert.equal(busy.statusCode, 409);
    assert.equal(busy.code, 'InstanceStatus.Error');
    const group = (gid: string, body: Record<string, unknown>) => sdkError(client.createConsumerGroup(id, gid, new rmq.CreateConsumerGroupRequest(body)));
    const retry = { retryPolicy: 'DefaultRetryPolicy' };
    assert.equal((await group('bad id!', { deliveryOrderType: 'Concurrently', consumeRetryPolicy: retry })).code, 'InvalidConsumerGroupId');
    assert.equal((await group('GID_a', {})).code, 'MissingDeliveryOrderType');
    assert.equal((await group('GID_a', { deliveryOrderType: 'Concurrently' })).code, 'MissingConsumeRetryPolicy');
    assert.equal((await group('GID_a', { deliveryOrderType: 'Orderly', consumeRetryPolicy: retry })).code, 'InvalidParameter.RetryPolicy');
    assert.equal(
      (await group('GID_a', { deliveryOrderType: 'Orderly', consumeRetryPolicy: { retryPolicy: 'FixedRetryPolicy', fixedIntervalRetryTime: 601 } })).code,
      'InvalidParameter.FixedIntervalRetryTime',
    );
    assert.equal((await group('GID_a', { deliveryOrderType: 'Concurrently', consumeRetryPolicy: retry, messageModel: 'LITE_SELECTIVE' })).code, 'InvalidParameter.MessageModel');
    assert.equal((await group('GID_a', { deliveryOrderType: 'Concurrently', consumeRetryPolicy: retry })).statusCode, 409);
    assert.equal((await sdkError(client.getTopic(id, 'nope'))).code, 'Topic.NotFound');
    assert.equal((await sdkError(client.getConsumerGroup(id, 'nope'))).code, 'ConsumerGroup.NotFound');
    assert.equal((await client.listTopics(id, new rmq.ListTopicsRequest({}))).body.data.totalCount, 0);
    assert.equal((await client.listConsumerGroups(id, new rmq.ListConsumerGroupsRequest({}))).body.data.totalCount, 0);
  });

  it('operations not built yet answer 501 NotImplemented in the envelope', async () => {
    const e = await sdkError(client.listTraces(created[0], 'topic_x', new rmq.ListTracesRequest({ queryType: 'MESSAGE_ID' })));
    assert.equal(e.statusCode, 501);
    assert.equal(e.code, 'NotImplemented');
    assert.equal(e.data.success, false);
    const dr = await sdkError(client.listDisasterRecoveryPlans(new rmq.ListDisasterRecoveryPlansRequest({})));
    assert.equal(dr.code, 'NotImplemented');
  });

  describe('signatures', () => {
    it('legacy ROA HMAC-SHA1 (v2) and ACS3-HMAC-SM3 clients work', async () => {
      for (const signatureAlgorithm of ['v2', 'ACS3-HMAC-SM3'] as const) {
        const c = alibabaClient(h.endpoint, { signatureAlgorithm });
        const d = (await c.getInstance(created[0])).body.data;
        assert.equal(d.instanceId, created[0]);
      }
    });

    it('a wrong secret answers 400 SignatureDoesNotMatch; an unknown key 404 InvalidAccessKeyId.NotFound', async () => {
      const wrong = await sdkError(alibabaClient(h.endpoint, { sk: 'not-the-secret' }).listInstances(new rmq.ListInstancesRequest({})));
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.code, 'SignatureDoesNotMatch');
      const unknown = await sdkError(alibabaClient(h.endpoint, { ak: 'LTAINOPE', sk: 'x' }).listInstances(new rmq.ListInstancesRequest({})));
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.code, 'InvalidAccessKeyId.NotFound');
    });

    it('a tampered request, a replayed nonce, a stale date and missing headers are refused', async () => {
      // Sign one request with the SDK's own signer through a recording fetch of its raw bytes.
      const sent: { url: string; headers: Record<string, string>; body: string } = await new Promise((resolve, reject) => {
        const http = require_('node:http') as typeof import('node:http');
        const srv = http.createServer((req, res) => {
          let body = '';
          req.on('data', (d: Buffer) => (body += d.toString()));
          req.on('end', () => {
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify({ requestId: 'x', success: true, data: true }));
            srv.close();
            resolve({ url: req.url!, headers: req.headers as Record<string, string>, body });
          });
        });
        srv.listen(0, '127.0.0.1', () => {
          const port = (srv.address() as { port: number }).port;
          alibabaClient(`127.0.0.1:${port}`)
            .createTopic(created[0], 'tampered_topic', new rmq.CreateTopicRequest({ messageType: 'NORMAL' }))
            .catch(reject);
        });
      });
      // node:http, not fetch: the Host header must stay the one the SDK signed.
      const send = (headers: Record<string, string>, body: string) =>
        new Promise<{ status: number; json: () => Promise<unknown> }>((resolve, reject) => {
          const http = require_('node:http') as typeof import('node:http');
          const req = http.request(
            { host: '127.0.0.1', port: Number(h.endpoint.split(':')[1]), path: sent.url, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
            (res) => {
              let text = '';
              res.on('data', (d: Buffer) => (text += d.toString()));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, json: async () => JSON.parse(text) as unknown }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      const headers = { ...sent.headers };
      delete headers['transfer-encoding'];
      delete headers['connection'];
      // Body changed (hash header kept, then recomputed): the signature no longer matches.
      const tamperedBody = sent.body.replace('NORMAL', 'FIFO');
      for (const hdrs of [headers, { ...headers, 'x-acs-content-sha256': createHash('sha256').update(tamperedBody).digest('hex') }]) {
        const r = await send(hdrs, tamperedBody);
        assert.equal(r.status, 400);
        assert.equal(((await r.json()) as any).code, 'SignatureDoesNotMatch');
      }
      const stale = await send({ ...headers, 'x-acs-date': '2020-01-01T00:00:00Z' }, sent.body);
      assert.equal(((await stale.json()) as any).code, 'InvalidTimeStamp.Expired');
      const noDate = { ...headers };
      delete noDate['x-acs-date'];
      const missing = await send(noDate, sent.body);
      assert.equal(missing.status, 400);
      assert.match(((await missing.json()) as any).code, /^Missing/);
      // The captured request itself is accepted once (the instance may not serve topics: any answer but an auth error)…
      const first = (await (await send(headers, sent.body)).json()) as any;
      assert.ok(!['SignatureDoesNotMatch', 'SignatureNonceUsed', 'InvalidTimeStamp.Expired'].includes(first.code), first.code);
      // …and refused when replayed.
      const replay = await send(headers, sent.body);
      assert.equal(replay.status, 400);
      assert.equal(((await replay.json()) as any).code, 'SignatureNonceUsed');
    });
  });

  describe('policies', () => {
    const denyAk = 'LTAIDENYDELETE000001';
    const denySk = 'deny-delete-secret-0123456789';
    const readAk = 'LTAIREADONLY00000001';
    const readSk = 'read-only-secret-0123456789';

    before(async () => {
      await h.credentials.create(TEST_PROJECT, {
        accessKey: denyAk,
        secretKey: denySk,
        policyJson: JSON.stringify({
          Version: '1',
          Statement: [
            { Effect: 'Allow', Action: 'rocketmq:*', Resource: '*' },
            { Effect: 'Deny', Action: 'rocketmq:DeleteInstance', Resource: 'acs:rocketmq:*:*:Instance/*' },
          ],
        }),
      });
      await h.credentials.create(TEST_PROJECT, {
        accessKey: readAk,
        secretKey: readSk,
        policyJson: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['rocketmq:Get*', 'rocketmq:List*'], Resource: '*' }] }),
      });
    });

    it('a denied Alibaba call answers 403 with accessDeniedDetail; allowed calls pass', async () => {
      const id = await create();
      const c = alibabaClient(h.endpoint, { ak: denyAk, sk: denySk });
      assert.equal((await c.getInstance(id)).body.data.instanceId, id);
      const e = await sdkError(c.deleteInstance(id));
      assert.equal(e.statusCode, 403);
      assert.equal(e.code, 'Forbidden.RAM');
      assert.equal(e.accessDeniedDetail.AuthAction, 'rocketmq:DeleteInstance');
      assert.equal(e.accessDeniedDetail.NoPermissionType, 'ExplicitDeny');
      assert.equal(e.accessDeniedDetail.AuthResource, `acs:rocketmq:local:${TEST_PROJECT}:Instance/${id}`);
      const ro = alibabaClient(h.endpoint, { ak: readAk, sk: readSk });
      assert.ok((await ro.listInstances(new rmq.ListInstancesRequest({}))).body.data.totalCount > 0);
      const c2 = await sdkError(ro.createInstance(createInstanceRequest(seedBody())));
      assert.equal(c2.statusCode, 403);
      assert.equal(c2.accessDeniedDetail.NoPermissionType, 'ImplicitDeny');
      assert.equal((await client.getInstance(id)).body.data.instanceId, id);
    });

    it('a caller allowed only CreateInstance and GetInstance creates an unnamed instance named after its id', async () => {
      await h.credentials.create(TEST_PROJECT, {
        accessKey: 'LTAICREATEONLY000001',
        secretKey: 'create-only-secret-0123456789',
        policyJson: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['rocketmq:CreateInstance', 'rocketmq:GetInstance'], Resource: '*' }] }),
      });
      const c = alibabaClient(h.endpoint, { ak: 'LTAICREATEONLY000001', sk: 'create-only-secret-0123456789' });
      const b = seedBody();
      delete b.instanceName;
      const newId = (await c.createInstance(createInstanceRequest(b))).body.data;
      created.push(newId);
      assert.equal((await c.getInstance(newId)).body.data.instanceName, newId);
      assert.equal((await sdkError(c.deleteInstance(newId))).statusCode, 403);
    });

    it('the Huawei dialect obeys the same policy (403)', async () => {
      const id = await create();
      const huaweiId = await huaweiIdOf(id);
      const hc = huaweiClient(h.url, { ak: denyAk, sk: denySk });
      const shown = await hc.showInstance({ instance_id: huaweiId });
      assert.equal(shown.instance_id, huaweiId);
      const e = await huaweiError(hc.deleteInstance({ instance_id: huaweiId }));
      assert.equal(e.httpStatusCode, 403);
    });
  });

  describe('cross-dialect visibility', () => {
    it('an instance created through Alibaba is listed by Huawei, and one created through Huawei by Alibaba', async () => {
      const id = await create((b) => (b.instanceName = 'made-by-alibaba'));
      const hc = huaweiClient(h.url);
      const hl = await hc.listInstances({ engine: 'reliability', limit: 50 });
      assert.ok(hl.instances.some((i: any) => i.name === 'made-by-alibaba'));

      const made = await hc.createPostPaidInstance({ body: huaweiSeed('made-by-huawei') });
      const al = (await client.listInstances(new rmq.ListInstancesRequest({ filter: 'made-by-huawei' }))).body.data;
      assert.equal(al.totalCount, 1);
      const item = al.list[0];
      assert.match(item.instanceId, /^rmq-cn-[a-z0-9]{11}$/);
      assert.ok(['standard', 'professional', 'ultimate'].includes(item.seriesCode));
      const d = (await client.getInstance(item.instanceId)).body.data;
      assert.equal(d.instanceName, 'made-by-huawei');
      assert.match(d.productInfo.msgProcessSpec, /^rmq\./);
      const shown = await hc.showInstance({ instance_id: made.instance_id });
      assert.equal(shown.name, 'made-by-huawei');
      assert.notEqual(id, item.instanceId);
    });
  });

  const huaweiIdOf = async (alibabaId: string): Promise<string> => {
    const hc = huaweiClient(h.url);
    const name = (await client.getInstance(alibabaId)).body.data.instanceName;
    const hl = await hc.listInstances({ engine: 'reliability', name, limit: 50 });
    return hl.instances.find((i: any) => i.name === name).instance_id;
  };
});

const huaweiError = async (p: Promise<unknown>): Promise<{ httpStatusCode: number; errorCode?: string }> => {
  try {
    await p;
  } catch (e) {
    return e as { httpStatusCode: number; errorCode?: string };
  }
  throw new Error('expected the Huawei SDK call to fail');
};

import { createRequire } from 'node:module';
const require_ = createRequire(import.meta.url);
