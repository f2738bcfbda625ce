// End-to-end: the seed's 4.8.0 instance, created through the Huawei SDK, used unchanged by the 4.x client ali-ons, and
// shared with the official 5.x client in both directions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { eventually, Hangar } from '../../helpers/hangar.js';
import { huaweiClient, seedBody } from '../../helpers/huawei-sdk.js';
import { quietLogger } from '../../helpers/rocketmq-client.js';
import { closeOnsDefaultProducer, ons, onsClientOptions } from '../../broker/protocol/remoting/harness.js';

describe('the seed 4.8.0 instance with ali-ons and the 5.x client', () => {
  let h: Hangar;
  let client: any;
  let shown: { namesrv_address: string; broker_address: string; grpc_address: string };
  const onsOptions = (extra: Record<string, unknown>): Record<string, unknown> => onsClientOptions(shown.namesrv_address, extra);


  before(async () => {
    h = await Hangar.start();
    client = huaweiClient(h.url);
    const { instance_id } = await client.createPostPaidInstance({ body: seedBody('seed-four') });
    shown = await eventually(async () => {
      const s = await client.showInstance({ instance_id });
      return s.status === 'RUNNING' ? s : undefined;
    });
    await client.createTopicOrBatchDeleteTopic({ instance_id, body: { name: 'T_SEED', queue_num: 4 } });
    await client.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id, body: { name: 'CG_FIVE' } });
    await client.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id, body: { name: 'CG_FOUR' } });
  });
  after(async () => {
    await closeOnsDefaultProducer();
    await h.destroy();
  });

  it('reports the 4.x name server and broker addresses', () => {
    assert.match(shown.namesrv_address, /^127\.0\.0\.1:\d+$/);
    assert.match(shown.broker_address, /^127\.0\.0\.1:\d+$/);
    assert.notEqual(shown.namesrv_address, shown.broker_address);
  });

  it('ali-ons produces, the 5.x SimpleConsumer receives', async () => {
    const producer = new ons.Producer(onsOptions({ producerGroup: 'PG_SEED' }));
    await producer.ready();
    const bodies = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const msg = new ons.Message('T_SEED', 'TagA', `four-${i}`);
      msg.keys = [`k-${i}`];
      assert.equal((await producer.send(msg)).sendStatus, 'SEND_OK');
      bodies.add(`four-${i}`);
    }
    await producer.close();

    const c = new SimpleConsumer({
      endpoints: shown.grpc_address,
      namespace: '',
      consumerGroup: 'CG_FIVE',
      subscriptions: new Map([['T_SEED', '*']]),
      awaitDuration: 500,
      logger: quietLogger,
    });
    await c.startup();
    const got = new Set<string>();
    for (let empty = 0; got.size < bodies.size && empty < 6; ) {
      const msgs = await c.receive(32, 15_000);
      if (!msgs.length) empty++;
      for (const m of msgs) {
        got.add(m.body.toString());
        assert.equal(m.tag, 'TagA');
        await c.ack(m);
      }
    }
    await c.shutdown();
    assert.deepEqual(got, bodies);
  });

  it('the 5.x Producer produces, the ali-ons push consumer receives', async () => {
    const p = new Producer({ endpoints: shown.grpc_address, namespace: '', topics: ['T_SEED'], logger: quietLogger });
    await p.startup();
    for (let i = 0; i < 10; i++) await p.send({ topic: 'T_SEED', body: Buffer.from(`five-${i}`), tag: 'TagB' });
    await p.shutdown();

    const consumer = new ons.Consumer(onsOptions({ consumerGroup: 'CG_FOUR', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }));
    const got = new Set<string>();
    consumer.subscribe('T_SEED', 'TagB', async (msg: { body: Buffer }) => {
      got.add(msg.body.toString());
    });
    await consumer.ready();
    try {
      await eventually(() => got.size >= 10, 30_000);
      assert.deepEqual(got, new Set(Array.from({ length: 10 }, (_, i) => `five-${i}`)));
    } finally {
      await consumer.close();
    }
  });
});
