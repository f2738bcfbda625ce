// End-to-end: topics and groups managed through the Huawei SDK carry traffic from the official RocketMQ 5.x client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { openStore } from '../../../src/store/db.js';
import { eventually, Hangar } from '../../helpers/hangar.js';
import { huaweiClient, sdkError, seedBody } from '../../helpers/huawei-sdk.js';
import { quietLogger } from '../../helpers/rocketmq-client.js';

const producerFor = (endpoints: string, topics: string[]): Producer =>
  new Producer({ endpoints, namespace: '', topics, logger: quietLogger });

const consumerFor = (endpoints: string, group: string, topic: string): SimpleConsumer =>
  new SimpleConsumer({ endpoints, namespace: '', consumerGroup: group, subscriptions: new Map([[topic, '*']]), awaitDuration: 500, logger: quietLogger });

async function drain(c: SimpleConsumer, expected: number): Promise<Map<string, { body: string; tag?: string; keys: string[] }>> {
  const got = new Map<string, { body: string; tag?: string; keys: string[] }>();
  for (let empty = 0; got.size < expected && empty < 6; ) {
    const msgs = await c.receive(32, 15_000);
    if (msgs.length === 0) empty++;
    for (const m of msgs) {
      got.set(m.messageId, { body: m.body.toString(), tag: m.tag, keys: m.keys });
      await c.ack(m);
    }
  }
  return got;
}

describe('Huawei-managed topics and groups carry 5.x traffic', () => {
  let h: Hangar;
  let client: any;
  let instanceId: string;
  let endpoint: string;

  before(async () => {
    h = await Hangar.start({ detached: true });
    client = huaweiClient(h.url);
    const body = { ...seedBody('data-plane'), engine: 'rocketmq', engine_version: '5.x', product_id: 'rocketmq.b2.large.4', storage_space: 200, broker_num: 2 };
    instanceId = (await client.createPostPaidInstance({ body })).instance_id;
    const shown = await eventually(async () => {
      const s = await client.showInstance({ instance_id: instanceId });
      return s.status === 'RUNNING' ? s : undefined;
    });
    endpoint = shown.grpc_address;
  });
  after(async () => h.destroy());

  it('a topic and group created through the API are usable the moment the call returns', async () => {
    const t = await client.createTopicOrBatchDeleteTopic({ instance_id: instanceId, body: { name: 'orders', queue_num: 4, message_type: 'NORMAL' } });
    assert.equal(t.id, 'orders');
    const g = await client.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id: instanceId, body: { name: 'billing', retry_max_time: 3 } });
    assert.equal(g.name, 'billing');

    const p = producerFor(endpoint, ['orders']);
    await p.startup();
    const sent = new Map<string, string>();
    for (let i = 0; i < 200; i++) {
      const r = await p.send({ topic: 'orders', body: Buffer.from(`order-${i}`), tag: i % 2 ? 'odd' : 'even', keys: [`k${i}`] });
      sent.set(r.messageId, `order-${i}`);
    }
    await p.shutdown();

    const c = consumerFor(endpoint, 'billing', 'orders');
    await c.startup();
    const got = await drain(c, sent.size);
    await c.shutdown();
    assert.equal(got.size, sent.size);
    for (const [id, m] of got) assert.equal(m.body, sent.get(id));

    const status = await client.showTopicStatus({ instance_id: instanceId, topic: 'orders' });
    assert.equal(status.max_offset, 200);
    assert.equal(status.brokers.length, 2);
    const progress = await client.showConsumerListOrDetails({ instance_id: instanceId, group: 'billing', topic: 'orders' });
    assert.equal(progress.lag, 0);
    // The broker's real disk use reaches the control plane (used_storage_space is whole GiB, so read the recorded bytes).
    const store = await openStore({ dataDir: h.dataDir, databaseUrl: h.env.HANGAR_DATABASE_URL });
    try {
      await eventually(async () => {
        const row = await store.db.selectFrom('instances').select('used_storage_bytes').where('huawei_id', '=', instanceId).executeTakeFirst();
        return Number(row?.used_storage_bytes) > 200 * 7;
      });
    } finally {
      await store.db.destroy();
    }
    const listed = await client.listRocketInstanceTopics({ instance_id: instanceId });
    assert.ok(listed.topics.some((x: { name: string }) => x.name === 'orders'));
  });

  it('a send to a topic that does not exist is refused; so is a duplicate topic', async () => {
    const p = producerFor(endpoint, []);
    await p.startup();
    await assert.rejects(p.send({ topic: 'no-such-topic', body: Buffer.from('x') }));
    await p.shutdown();
    const dup = await sdkError(client.createTopicOrBatchDeleteTopic({ instance_id: instanceId, body: { name: 'orders' } }));
    assert.equal(dup.httpStatusCode, 400);
  });

  it('names with % and | work through the raw path; batch delete removes them', async () => {
    await client.createTopicOrBatchDeleteTopic({ instance_id: instanceId, body: { name: 'a|b%c' } });
    assert.equal((await client.showOneTopic({ instance_id: instanceId, topic: 'a|b%c' })).name, 'a|b%c');
    await client.createTopicOrBatchDeleteTopic({ instance_id: instanceId, action: 'delete', body: { topics: ['a|b%c'] } });
    assert.equal((await sdkError(client.showOneTopic({ instance_id: instanceId, topic: 'a|b%c' }))).httpStatusCode, 404);
  });

  it('refuses topic changes while the instance is not RUNNING with DMS.00400026', async () => {
    await client.restartInstance({ instance_id: instanceId, engine: 'rocketmq' });
    const e = await sdkError(client.createTopicOrBatchDeleteTopic({ instance_id: instanceId, body: { name: 'late-topic' } }));
    assert.equal(e.httpStatusCode, 400);
    assert.equal(e.errorCode, 'DMS.00400026');
    await eventually(async () => (await client.showInstance({ instance_id: instanceId })).status === 'RUNNING');
    // After the restart the broker still has the topics and groups.
    assert.equal((await client.showTopicStatus({ instance_id: instanceId, topic: 'orders' })).max_offset, 200);
  });

  it('no acknowledged message is lost when the whole server is SIGKILLed', async () => {
    await client.createTopicOrBatchDeleteTopic({ instance_id: instanceId, body: { name: 'durable' } });
    await client.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id: instanceId, body: { name: 'durable-readers' } });
    const p = producerFor(endpoint, ['durable']);
    await p.startup();
    const sent = new Set<string>();
    for (let i = 0; i < 300; i++) sent.add((await p.send({ topic: 'durable', body: Buffer.from(`d-${i}`) })).messageId);
    await p.shutdown();

    const brokers = h.brokerPids();
    await h.killGroup();
    for (const pid of brokers) process.kill(pid, 'SIGKILL');
    await h.launch();
    const shown = await eventually(async () => {
      const s = await client.showInstance({ instance_id: instanceId });
      return s.status === 'RUNNING' ? s : undefined;
    });
    const c = consumerFor(shown.grpc_address, 'durable-readers', 'durable');
    await c.startup();
    const got = await drain(c, sent.size);
    await c.shutdown();
    assert.equal([...sent].filter((id) => !got.has(id)).length, 0, 'every acknowledged message is received');
  });
});
