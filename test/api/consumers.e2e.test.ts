// End-to-end: who consumes a group and what it has not acked, through both SDKs, with the official 5.x client and the
// 4.x client ali-ons connected to one 4.8.0 instance (its gRPC and remoting ports).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SimpleConsumer } from 'rocketmq-client-nodejs';
import { eventually, Hangar } from '../helpers/hangar.js';
import { huaweiClient, sdkError as huaweiError, seedBody, signedFetch } from '../helpers/huawei-sdk.js';
import { newProducer, newSimpleConsumer, quietLogger } from '../helpers/rocketmq-client.js';
import { closeOnsDefaultProducer, ons } from '../broker/protocol/remoting/harness.js';
import { alibabaClient, rmq, sdkError as alibabaError } from './alibaba/alibaba-sdk.js';

describe('consumer connections, online groups and lag in both dialects', () => {
  let h: Hangar;
  let hw: any;
  let ali: any;
  let id: string;
  let aliId: string;
  let shown: { namesrv_address: string; grpc_address: string };
  let five: SimpleConsumer | undefined;
  let four: any;
  // The ali-ons consumer's handler waits on this gate, so what it received stays unconsumed until the test opens it.
  let openGate: () => void = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));

  before(async () => {
    h = await Hangar.start({ env: { HANGAR_TEST_CLOCK: '1' } });
    hw = huaweiClient(h.url);
    id = (await hw.createPostPaidInstance({ body: seedBody('consumers-four') })).instance_id;
    shown = await eventually(async () => {
      const s = await hw.showInstance({ instance_id: id });
      return s.status === 'RUNNING' ? s : undefined;
    });
    await hw.createTopicOrBatchDeleteTopic({ instance_id: id, body: { name: 'T_C', queue_num: 2 } });
    for (const name of ['CG_FIVE', 'CG_FOUR']) await hw.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id: id, body: { name } });
    ali = alibabaClient(new URL(h.url).host);
    const listed = (await ali.listInstances(new rmq.ListInstancesRequest({ pageNumber: 1, pageSize: 100 }))).body.data.list;
    aliId = listed.find((x: { instanceName: string }) => x.instanceName === 'consumers-four').instanceId;
  });
  after(async () => {
    openGate();
    await five?.shutdown();
    await four?.close();
    await closeOnsDefaultProducer();
    await h.destroy();
  });

  const connections = (group: string): Promise<any> => hw.showConsumerConnections({ instance_id: id, group });
  const online = async (group: string): Promise<boolean> => (await hw.showGroup({ instance_id: id, group })).group_online;

  it('groups are offline with nobody connected', async () => {
    assert.equal(await online('CG_FIVE'), false);
    const c = await connections('CG_FIVE');
    assert.deepEqual([c.online, c.total, c.clients], [false, 0, []]);
  });

  it('a connected 5.x SimpleConsumer is listed in both dialects and its group is online', async () => {
    five = newSimpleConsumer(shown.grpc_address, 'CG_FIVE', { T_C: '*' });
    await five.startup();
    const c = await eventually(async () => {
      const r = await connections('CG_FIVE');
      return r.total === 1 ? r : undefined;
    });
    assert.equal(c.group_name, 'CG_FIVE');
    assert.equal(c.online, true);
    assert.equal(c.subscription_consistency, true);
    const [client] = c.clients;
    assert.equal(client.consume_type, 'CONSUME_POP');
    assert.equal(client.language, 'NODE_JS');
    assert.match(client.client_addr, /^127\.0\.0\.1:\d+$/);
    assert.deepEqual(client.subscriptions, [{ topic: 'T_C', type: 'TAG', expression: '*' }]);
    const twin = await hw.showConsumerConnectionsForRocketMq({ instance_id: id, group: 'CG_FIVE' });
    assert.deepEqual(twin.clients.map((x: any) => x.client_id), [client.client_id]);

    assert.equal(await online('CG_FIVE'), true);
    const listed = await hw.listInstanceConsumerGroups({ instance_id: id });
    const row = listed.groups.find((g: any) => g.name === 'CG_FIVE');
    assert.deepEqual([row.group_online, row.topic_subscription_count], [true, 1]);
    assert.equal(listed.groups.find((g: any) => g.name === 'CG_FOUR').group_online, false);

    const aliConns = (await ali.listConsumerConnections(aliId, 'CG_FIVE', new rmq.ListConsumerConnectionsRequest({}))).body.data;
    assert.equal(aliConns.consumerGroupId, 'CG_FIVE');
    assert.deepEqual(
      aliConns.connections.map((x: any) => [x.clientId, x.language, x.egressIp, x.messageModel]),
      [[client.client_id, 'NODE_JS', '127.0.0.1', 'CLUSTERING']],
    );
  });

  it('a connected ali-ons push consumer is listed with its tag filter', async () => {
    four = new ons.Consumer({
      httpclient: {},
      accessKeyId: 'AK',
      accessKeySecret: 'SK',
      nameSrv: shown.namesrv_address,
      logger: quietLogger,
      instanceName: `consumers-${process.pid}`,
      consumerGroup: 'CG_FOUR',
      heartbeatBrokerInterval: 1000,
      rebalanceInterval: 1000,
    });
    four.subscribe('T_C', 'TagX', async () => {
      await gate;
    });
    await four.ready();
    const c = await eventually(async () => {
      const r = await connections('CG_FOUR');
      return r.total === 1 ? r : undefined;
    });
    const [client] = c.clients;
    assert.equal(client.consume_type, 'CONSUME_PASSIVELY');
    assert.equal(client.language, 'JAVA');
    assert.deepEqual(client.subscriptions, [{ topic: 'T_C', type: 'TAG', expression: 'TagX' }]);
    assert.equal(await online('CG_FOUR'), true);
    const aliConns = (await ali.listConsumerConnections(aliId, 'CG_FOUR', new rmq.ListConsumerConnectionsRequest({ topicName: 'T_C' }))).body.data;
    assert.deepEqual(aliConns.connections.map((x: any) => x.clientId), [client.client_id]);
  });

  it('lag is what was sent and not acked: ready and inflight per topic, the same in both dialects', async () => {
    const p = newProducer(shown.grpc_address, ['T_C']);
    await p.startup();
    for (let i = 0; i < 6; i++) await p.send({ topic: 'T_C', body: Buffer.from(`m-${i}`) });
    await p.shutdown();

    const got = await five!.receive(4, 120_000);
    assert.ok(got.length >= 2, `received ${got.length}`);
    await five!.ack(got[0]!);
    const inflight = got.length - 1;
    // The oldest message not yet consumed has waited at least the 90 s the clock moves on.
    assert.equal((await signedFetch(h.url, 'POST', '/hangar/v1/clock', JSON.stringify({ advanceMs: 90_000 }))).status, 200);

    const lag = (await ali.getConsumerGroupLag(aliId, 'CG_FIVE', new rmq.GetConsumerGroupLagRequest({}))).body.data;
    assert.equal(lag.consumerGroupId, 'CG_FIVE');
    assert.deepEqual([lag.totalLag.readyCount, lag.totalLag.inflightCount], [6 - got.length, inflight]);
    assert.ok(lag.totalLag.deliveryDuration >= 90 && lag.totalLag.deliveryDuration < 300, `deliveryDuration ${lag.totalLag.deliveryDuration}`);
    assert.equal(lag.topicLagMap.T_C.deliveryDuration, lag.totalLag.deliveryDuration);
    assert.deepEqual(Object.keys(lag.topicLagMap), ['T_C']);
    assert.deepEqual([lag.topicLagMap.T_C.readyCount, lag.topicLagMap.T_C.inflightCount], [6 - got.length, inflight]);
    const byTopic = (await ali.getConsumerGroupLag(aliId, 'CG_FIVE', new rmq.GetConsumerGroupLagRequest({ topicName: 'T_C' }))).body.data;
    assert.equal(byTopic.totalLag.readyCount + byTopic.totalLag.inflightCount, 5);

    const hwLag = await hw.showConsumerListOrDetails({ instance_id: id, group: 'CG_FIVE', topic: 'T_C' });
    assert.equal(hwLag.lag, 5);

    for (const m of got.slice(1)) await five!.ack(m);
    const after = (await ali.getConsumerGroupLag(aliId, 'CG_FIVE', new rmq.GetConsumerGroupLagRequest({}))).body.data;
    assert.deepEqual([after.totalLag.readyCount, after.totalLag.inflightCount], [6 - got.length, 0]);
    assert.equal((await hw.showConsumerListOrDetails({ instance_id: id, group: 'CG_FIVE', topic: 'T_C' })).lag, 6 - got.length);
  });

  it('a 4.x consumer\'s lag is what it has not consumed, the same in both dialects', async () => {
    const p = newProducer(shown.grpc_address, ['T_C']);
    await p.startup();
    for (let i = 0; i < 3; i++) await p.send({ topic: 'T_C', body: Buffer.from(`x-${i}`), tag: 'TagX' });
    await p.shutdown();
    const aliLag = async (): Promise<number[]> => {
      const t = (await ali.getConsumerGroupLag(aliId, 'CG_FOUR', new rmq.GetConsumerGroupLagRequest({ topicName: 'T_C' }))).body.data.totalLag;
      return [t.readyCount, t.inflightCount, t.deliveryDuration];
    };
    const hwLag = async (): Promise<number> => (await hw.showConsumerListOrDetails({ instance_id: id, group: 'CG_FOUR', topic: 'T_C' })).lag;
    // Its handler holds the three TagX messages: the offset it commits stops before them (the untagged ones it skips).
    await eventually(async () => ((await hwLag()) === 3 ? true : undefined), 30_000);
    const [ready, inflight] = await aliLag();
    assert.equal(ready! + inflight!, 3);
    openGate();
    await eventually(async () => ((await hwLag()) === 0 ? true : undefined), 30_000);
    assert.deepEqual(await aliLag(), [0, 0, 0]);
  });

  it('refusals name what is wrong', async () => {
    const noGroup = await huaweiError(hw.showConsumerConnections({ instance_id: id, group: 'CG_NONE' }));
    assert.equal(noGroup.httpStatusCode, 404);
    const badLimit = await huaweiError(hw.showConsumerConnections({ instance_id: id, group: 'CG_FIVE', limit: 0 }));
    assert.equal(badLimit.httpStatusCode, 400);
    assert.match(badLimit.errorMsg ?? '', /limit/);
    const badDetail = await huaweiError(hw.showConsumerConnections({ instance_id: id, group: 'CG_FIVE', is_detail: 'yes' }));
    assert.equal(badDetail.httpStatusCode, 400);
    assert.match(badDetail.errorMsg ?? '', /is_detail/);
    const lite = await alibabaError(ali.getConsumerGroupLag(aliId, 'CG_FIVE', new rmq.GetConsumerGroupLagRequest({ liteTopicName: 'abc' })));
    assert.equal(lite.statusCode, 400);
    assert.match(lite.message, /liteTopicName/);
    assert.equal((await alibabaError(ali.listConsumerConnections(aliId, 'CG_NONE', new rmq.ListConsumerConnectionsRequest({})))).code, 'ConsumerGroup.NotFound');
    const noTopic = await alibabaError(ali.getConsumerGroupLag(aliId, 'CG_FIVE', new rmq.GetConsumerGroupLagRequest({ topicName: 'T_NONE' })));
    assert.equal(noTopic.code, 'Topic.NotFound');
  });

  it('a group whose consumer left is offline again', async () => {
    await five!.shutdown();
    five = undefined;
    await eventually(async () => ((await connections('CG_FIVE')).total === 0 ? true : undefined));
    assert.equal(await online('CG_FIVE'), false);
  });
});
