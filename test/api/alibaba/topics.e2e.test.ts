// End-to-end: topics, consumer groups and subscriptions through the official Alibaba SDK on a RUNNING instance, then
// traffic from the official RocketMQ 5.x Node client on the TCP_VPC endpoint the instance reports.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { quietLogger } from '../../helpers/rocketmq-client.js';
import { eventually } from '../../helpers/hangar.js';
import { huaweiClient } from '../../helpers/huawei-sdk.js';
import { alibabaClient, createInstanceRequest, rmq, sdkError, seedBody } from './alibaba-sdk.js';
import { startAlibabaHangar, type AlibabaHangar } from './harness.js';

const quiet = quietLogger;

describe('Alibaba topics, groups and subscriptions through the official SDK', () => {
  let h: AlibabaHangar;
  let client: any;
  let id: string;
  let endpoint: string;

  before(async () => {
    h = await startAlibabaHangar();
    client = alibabaClient(h.endpoint);
    id = (await client.createInstance(createInstanceRequest({ ...seedBody(), instanceName: 'topics-e2e' }))).body.data;
    const d = await eventually(async () => {
      const g = (await client.getInstance(id)).body.data;
      return g.status === 'RUNNING' ? g : undefined;
    }, 30_000);
    endpoint = d.networkInfo.endpoints.find((e: any) => e.endpointType === 'TCP_VPC').endpointUrl;
    assert.match(endpoint, /^127\.0\.0\.1:\d+$/);
  });
  after(async () => {
    await h?.close();
  });

  it('topics: create each message type, get, list with filters, update, delete; Topic.Existed and Topic.NotFound', async () => {
    for (const [name, messageType] of [
      ['t_normal', 'NORMAL'],
      ['t_fifo', 'FIFO'],
      ['t_delay', 'DELAY'],
      ['t_tx', 'TRANSACTION'],
    ] as const) {
      const r = await client.createTopic(id, name, new rmq.CreateTopicRequest({ messageType, remark: `${messageType} topic`, maxSendTps: 500 }));
      assert.equal(r.body.data, true);
    }
    const dup = await sdkError(client.createTopic(id, 't_normal', new rmq.CreateTopicRequest({ messageType: 'NORMAL' })));
    assert.equal(dup.code, 'Topic.Existed');
    assert.equal(dup.statusCode, 400);
    for (const [name, code] of [
      ['bad name!', 'InvalidParameter.TopicName'],
      ['rmq_sys_x', 'InvalidParameter.TopicName'],
      ['x'.repeat(61), 'InvalidParameter.TopicName'],
    ]) {
      const e = await sdkError(client.createTopic(id, name, new rmq.CreateTopicRequest({ messageType: 'NORMAL' })));
      assert.equal(e.code, code, name);
    }
    const noType = await sdkError(client.createTopic(id, 't_x', new rmq.CreateTopicRequest({})));
    assert.equal(noType.code, 'MissingMessageType');
    const badType = await sdkError(client.createTopic(id, 't_x', new rmq.CreateTopicRequest({ messageType: 'LITE' })));
    assert.equal(badType.code, 'InvalidParameter.MessageType');

    const t = (await client.getTopic(id, 't_fifo')).body.data;
    assert.equal(t.topicName, 't_fifo');
    assert.equal(t.instanceId, id);
    assert.equal(t.messageType, 'FIFO');
    assert.equal(t.status, 'RUNNING');
    assert.equal(t.maxSendTps, 500);
    assert.equal(t.remark, 'FIFO topic');

    const all = (await client.listTopics(id, new rmq.ListTopicsRequest({ pageNumber: 1, pageSize: 10 }))).body.data;
    assert.equal(all.totalCount, 4);
    const some = (await client.listTopics(id, new rmq.ListTopicsRequest({ messageTypes: ['FIFO', 'DELAY'] }))).body.data;
    assert.deepEqual(some.list.map((x: any) => x.topicName).sort(), ['t_delay', 't_fifo']);
    assert.equal((await client.listTopics(id, new rmq.ListTopicsRequest({ filter: 'normal' }))).body.data.totalCount, 1);

    await client.updateTopic(id, 't_delay', new rmq.UpdateTopicRequest({ remark: 'changed', maxSendTps: 900 }));
    const u = (await client.getTopic(id, 't_delay')).body.data;
    assert.equal(u.remark, 'changed');
    assert.equal(u.maxSendTps, 900);

    assert.equal((await client.deleteTopic(id, 't_tx')).body.data, true);
    const gone = await sdkError(client.getTopic(id, 't_tx'));
    assert.equal(gone.code, 'Topic.NotFound');
    assert.equal((await client.getInstance(id)).body.data.topicCount, 3);
  });

  it('groups: create, get, list, update, delete; rules for ids, delivery order and retry policy', async () => {
    const req = (o: Record<string, unknown>) => new rmq.CreateConsumerGroupRequest(o);
    const ok = await client.createConsumerGroup(
      id,
      'GID_orders',
      req({
        consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy', maxRetryTimes: 3, deadLetterTargetTopic: 't_normal' },
        deliveryOrderType: 'Concurrently',
        maxReceiveTps: 300,
        messageModel: 'CLUSTERING',
        remark: 'orders',
      }),
    );
    assert.equal(ok.body.data, true);
    await client.createConsumerGroup(id, 'GID_fifo', req({ consumeRetryPolicy: { retryPolicy: 'FixedRetryPolicy', fixedIntervalRetryTime: 5 }, deliveryOrderType: 'Orderly' }));

    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['bad id!', { consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy' }, deliveryOrderType: 'Concurrently' }, 'InvalidConsumerGroupId'],
      ['GID_a', {}, 'MissingDeliveryOrderType'],
      ['GID_a', { deliveryOrderType: 'Sometimes', consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy' } }, 'InvalidParameter.DeliveryOrderType'],
      ['GID_a', { deliveryOrderType: 'Concurrently' }, 'MissingConsumeRetryPolicy'],
      ['GID_a', { deliveryOrderType: 'Orderly', consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy' } }, 'InvalidParameter.RetryPolicy'],
      ['GID_a', { deliveryOrderType: 'Concurrently', consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy', fixedIntervalRetryTime: 5 } }, 'InvalidParameter.FixedIntervalRetryTime'],
      ['GID_orders', { deliveryOrderType: 'Concurrently', consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy' } }, 'ConsumerGroup.Existed'],
    ];
    for (const [gid, body, code] of cases) {
      const e = await sdkError(client.createConsumerGroup(id, gid, req(body)));
      assert.equal(e.code, code, `${gid} ${JSON.stringify(body)}`);
      assert.equal(e.statusCode, 400);
    }

    const g = (await client.getConsumerGroup(id, 'GID_orders')).body.data;
    assert.equal(g.consumerGroupId, 'GID_orders');
    assert.equal(g.deliveryOrderType, 'Concurrently');
    assert.equal(g.consumeRetryPolicy.retryPolicy, 'DefaultRetryPolicy');
    assert.equal(g.consumeRetryPolicy.maxRetryTimes, 3);
    assert.equal(g.consumeRetryPolicy.deadLetterTargetTopic, 't_normal');
    assert.equal(g.maxReceiveTps, 300);
    assert.equal(g.messageModel, 'CLUSTERING');
    assert.equal(g.status, 'RUNNING');
    const f = (await client.getConsumerGroup(id, 'GID_fifo')).body.data;
    assert.equal(f.deliveryOrderType, 'Orderly');
    assert.equal(f.consumeRetryPolicy.fixedIntervalRetryTime, 5);

    const list = (await client.listConsumerGroups(id, new rmq.ListConsumerGroupsRequest({ pageNumber: 1, pageSize: 10 }))).body.data;
    assert.equal(list.totalCount, 2);
    assert.equal((await client.listConsumerGroups(id, new rmq.ListConsumerGroupsRequest({ filter: 'fifo' }))).body.data.totalCount, 1);

    await client.updateConsumerGroup(id, 'GID_orders', new rmq.UpdateConsumerGroupRequest({ consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy', maxRetryTimes: 5 }, remark: 'upd' }));
    const u = (await client.getConsumerGroup(id, 'GID_orders')).body.data;
    assert.equal(u.consumeRetryPolicy.maxRetryTimes, 5);
    assert.equal(u.remark, 'upd');

    await client.deleteConsumerGroup(id, 'GID_fifo');
    assert.equal((await sdkError(client.getConsumerGroup(id, 'GID_fifo'))).code, 'ConsumerGroup.NotFound');
    assert.equal((await client.getInstance(id)).body.data.groupCount, 1);
  });

  it('the Huawei dialect sees the same topics and groups', async () => {
    const hc = huaweiClient(h.url);
    const hl = await hc.listInstances({ engine: 'reliability', name: 'topics-e2e', limit: 10 });
    const huaweiId = hl.instances[0].instance_id;
    const topics = await hc.listRocketInstanceTopics({ instance_id: huaweiId });
    const names = (topics.topics ?? []).map((t: any) => t.name);
    assert.ok(names.includes('t_normal') && names.includes('t_fifo'), JSON.stringify(names));
  });

  it('a topic and group created here carry traffic from the official 5.x client; subscriptions are listed', async () => {
    await client.createTopic(id, 'traffic', new rmq.CreateTopicRequest({ messageType: 'NORMAL' }));
    await client.createConsumerGroup(
      id,
      'GID_traffic',
      new rmq.CreateConsumerGroupRequest({ deliveryOrderType: 'Concurrently', consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy' } }),
    );
    const producer = new Producer({ endpoints: endpoint, namespace: '', topics: ['traffic'], logger: quiet });
    const consumer = new SimpleConsumer({
      endpoints: endpoint,
      namespace: '',
      consumerGroup: 'GID_traffic',
      subscriptions: new Map([['traffic', '*']]),
      awaitDuration: 1000,
      logger: quiet,
    });
    try {
      await producer.startup();
      await consumer.startup();
      const receipt = await producer.send({ topic: 'traffic', tag: 'a', keys: ['k1'], body: Buffer.from('hello from the alibaba dialect') });
      assert.ok(receipt.messageId);
      const got = await eventually(async () => {
        const msgs = await consumer.receive(16, 10_000);
        for (const m of msgs) await consumer.ack(m);
        return msgs.find((m) => m.body.toString() === 'hello from the alibaba dialect');
      }, 30_000);
      assert.equal(got.topic, 'traffic');

      const subs = await eventually(async () => {
        const s = (await client.listTopicSubscriptions(id, 'traffic')).body.data;
        return s.length > 0 ? s : undefined;
      }, 15_000);
      assert.equal(subs[0].consumerGroupId, 'GID_traffic');
      assert.equal(subs[0].messageModel, 'CLUSTERING');
      const gs = (await client.listConsumerGroupSubscriptions(id, 'GID_traffic', new rmq.ListConsumerGroupSubscriptionsRequest({}))).body.data;
      assert.equal(gs[0].topicName, 'traffic');
      assert.equal(gs[0].topicCreated, true);
      const one = (await client.getConsumerGroupSubscription(id, 'GID_traffic', 'traffic')).body.data;
      assert.equal(one[0].subscriptionDTO.topicName, 'traffic');
    } finally {
      await consumer.shutdown().catch(() => undefined);
      await producer.shutdown().catch(() => undefined);
    }
    // With its client gone, deleting the subscription removes it from the listings.
    const deleted = await client.deleteConsumerGroupSubscription(
      id,
      'GID_traffic',
      new rmq.DeleteConsumerGroupSubscriptionRequest({ topicName: 'traffic', filterType: 'TAG', filterExpression: '*' }),
    );
    assert.equal(deleted.body.success, true);
    const after = (await client.listConsumerGroupSubscriptions(id, 'GID_traffic', new rmq.ListConsumerGroupSubscriptionsRequest({}))).body.data;
    assert.deepEqual(after.filter((x: { topicName: string }) => x.topicName === 'traffic'), []);
  });

  it('messages a group gives up on also go to its deadLetterTargetTopic', async () => {
    await client.createTopic(id, 'work', new rmq.CreateTopicRequest({ messageType: 'NORMAL' }));
    await client.createTopic(id, 'work_dead', new rmq.CreateTopicRequest({ messageType: 'NORMAL' }));
    await client.createConsumerGroup(
      id,
      'GID_work',
      new rmq.CreateConsumerGroupRequest({
        deliveryOrderType: 'Concurrently',
        consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy', maxRetryTimes: 1, deadLetterTargetTopic: 'work_dead' },
      }),
    );
    await client.createConsumerGroup(
      id,
      'GID_dead_reader',
      new rmq.CreateConsumerGroupRequest({ deliveryOrderType: 'Concurrently', consumeRetryPolicy: { retryPolicy: 'DefaultRetryPolicy' } }),
    );
    const producer = new Producer({ endpoints: endpoint, namespace: '', topics: ['work'], logger: quiet });
    const worker = new SimpleConsumer({ endpoints: endpoint, namespace: '', consumerGroup: 'GID_work', subscriptions: new Map([['work', '*']]), awaitDuration: 1000, logger: quiet });
    const reader = new SimpleConsumer({ endpoints: endpoint, namespace: '', consumerGroup: 'GID_dead_reader', subscriptions: new Map([['work_dead', '*']]), awaitDuration: 1000, logger: quiet });
    try {
      await producer.startup();
      await worker.startup();
      await reader.startup();
      const sent = await producer.send({ topic: 'work', body: Buffer.from('cannot be processed') });
      // Never acknowledged: redelivered after each invisible period until the retries are used up.
      const dead = await eventually(async () => {
        await worker.receive(1, 1000);
        const msgs = await reader.receive(1, 10_000);
        for (const m of msgs) await reader.ack(m);
        return msgs.find((m) => m.body.toString() === 'cannot be processed');
      }, 45_000, 200);
      assert.equal(dead.messageId, sent.messageId);
    } finally {
      await reader.shutdown().catch(() => undefined);
      await worker.shutdown().catch(() => undefined);
      await producer.shutdown().catch(() => undefined);
    }
  });
});
