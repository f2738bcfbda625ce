import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { producer, simpleConsumer, startBroker, type BrokerFixture } from './harness.js';

describe('MessagingService with the official client: send and simple receive', () => {
  let b: BrokerFixture;
  before(async () => {
    b = await startBroker({ brokerNames: ['broker-a', 'broker-b'] });
    await b.engine.upsertTopic({ name: 'orders', messageType: 'NORMAL', queueNum: 4, brokers: ['broker-a', 'broker-b'], perm: 'all' });
    await b.engine.upsertGroup({ name: 'g-orders', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true });
    await b.engine.upsertGroup({ name: 'g-other', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true });
  });
  after(() => b.cleanup());

  it('delivers thousands of messages with bodies, keys, tags and properties intact, once per group', async () => {
    const N = 2000;
    const p = producer(b, ['orders']);
    await p.startup();
    const sent = new Map<string, { body: string; tag: string; key: string; idx: string }>();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < N; i++) {
      const body = `order-${i}-${'x'.repeat(i % 50)}`;
      const tag = i % 3 === 0 ? 'red' : 'blue';
      inflight.push(
        p.send({ topic: 'orders', body: Buffer.from(body), tag, keys: [`k${i}`], properties: new Map([['idx', String(i)]]) }).then((r) => {
          sent.set(r.messageId, { body, tag, key: `k${i}`, idx: String(i) });
        }),
      );
      if (inflight.length >= 64) await Promise.all(inflight.splice(0));
    }
    await Promise.all(inflight);
    await p.shutdown();
    assert.equal(sent.size, N);

    for (const group of ['g-orders', 'g-other']) {
      const c = simpleConsumer(b, group, { orders: '*' }, 500);
      await c.startup();
      const seen = new Set<string>();
      let empty = 0;
      while (seen.size < N && empty < 4) {
        const msgs = await c.receive(32, 20_000);
        if (msgs.length === 0) empty++;
        for (const m of msgs) {
          assert.ok(!seen.has(m.messageId), `delivered twice in ${group}: ${m.messageId}`);
          seen.add(m.messageId);
          const s = sent.get(m.messageId);
          assert.ok(s, 'unknown message');
          assert.equal(m.body.toString(), s.body);
          assert.equal(m.tag, s.tag);
          assert.deepEqual(m.keys, [s.key]);
          assert.equal(m.properties.get('idx'), s.idx);
          assert.equal(m.topic, 'orders');
        }
        await Promise.all(msgs.map((m) => c.ack(m)));
      }
      assert.equal(seen.size, N, `group ${group} got all`);
      assert.deepEqual(await c.receive(32, 20_000), []);
      await c.shutdown();
    }
  });

  it('filters by tag expression', async () => {
    await b.engine.upsertTopic({ name: 'colors', messageType: 'NORMAL', queueNum: 2, brokers: ['broker-a', 'broker-b'], perm: 'all' });
    await b.engine.upsertGroup({ name: 'g-colors', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true });
    const p = producer(b, ['colors']);
    await p.startup();
    const tags = ['red', 'green', 'blue', 'red', 'green', 'blue', 'red'];
    for (const [i, tag] of tags.entries()) await p.send({ topic: 'colors', body: Buffer.from(`${tag}-${i}`), tag });
    await p.send({ topic: 'colors', body: Buffer.from('untagged') });
    await p.shutdown();
    const c = simpleConsumer(b, 'g-colors', { colors: 'red||blue' }, 300);
    await c.startup();
    const [client] = b.engine.clients('g-colors');
    assert.equal(client?.clientId, c.clientId);
    assert.equal(client?.language, 'NODE_JS');
    assert.match(client?.address ?? '', /^127\.0\.0\.1:\d+$/);
    assert.equal(client?.consumeType, 'CONSUME_POP');
    assert.deepEqual(client?.subscriptions, [{ topic: 'colors', type: 'TAG', expression: 'red||blue' }]);
    const got: string[] = [];
    for (let empty = 0; empty < 3; ) {
      const msgs = await c.receive(16, 20_000);
      if (msgs.length === 0) empty++;
      for (const m of msgs) {
        got.push(m.body.toString());
        await c.ack(m);
      }
    }
    await c.shutdown();
    assert.deepEqual(got.sort(), ['blue-2', 'blue-5', 'red-0', 'red-3', 'red-6']);
    assert.deepEqual(b.engine.clients('g-colors'), [], 'gone after NotifyClientTermination');
  });

  it('refuses a send to an unknown topic with TOPIC_NOT_FOUND and a consumer of an unknown group', async () => {
    const p = producer(b, []);
    await p.startup();
    await assert.rejects(p.send({ topic: 'no-such-topic', body: Buffer.from('x') }), (e: Error & { code?: number }) => {
      assert.equal(e.code, 40402);
      return true;
    });
    await p.shutdown();
    assert.equal(b.engine.metadata().topics.some((t) => t.name === 'no-such-topic'), false, 'no auto-creation');
    const c = simpleConsumer(b, 'no-such-group', { orders: '*' });
    await assert.rejects(c.startup(), /CONSUMER_GROUP_NOT_FOUND|40403|does not exist/);
    await c.shutdown().catch(() => undefined);
  });
});
