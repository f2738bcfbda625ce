// One engine, two protocols: ali-ons (4.x remoting) produces and the official 5.x client consumes, and the reverse.
import { SYSTEM } from '../../../../src/broker/engine/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { quietLogger } from '../../../helpers/rocketmq-client.js';
import { MESSAGING_SERVER_OPTIONS, addMessagingService } from '../../../../src/broker/protocol/grpc/index.js';
import { group, ons, onsOptions, startHarness, topic, until } from './harness.js';

const quiet = quietLogger;

test('ali-ons → 5.x consumer and 5.x producer → ali-ons consumer over one engine; ids resolve both ways', async () => {
  const h = await startHarness({ topics: [topic('T_BOTH', 'NORMAL', 2)], groups: [group('G5'), group('G4')] });
  const server = new grpc.Server(MESSAGING_SERVER_OPTIONS);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  const svc = addMessagingService(server, h.engine, { advertisedHost: '127.0.0.1', port });
  const endpoints = `127.0.0.1:${port}`;
  const onsProducer = new ons.Producer(onsOptions(h, { producerGroup: 'PG_BOTH' }));
  const p5 = new Producer({ endpoints, namespace: '', topics: ['T_BOTH'], logger: quiet });
  const c5 = new SimpleConsumer({ endpoints, namespace: '', consumerGroup: 'G5', subscriptions: new Map([['T_BOTH', '*']]), awaitDuration: 1000, logger: quiet });
  const c4 = new ons.Consumer(onsOptions(h, { consumerGroup: 'G4', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }));
  c4.on('error', () => {});
  try {
    await onsProducer.ready();
    // 4.x → 5.x
    const sent4: { msgId: string; body: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const m = new ons.Message('T_BOTH', 'from4', `four-${i}`);
      m.keys = [`k4-${i}`];
      m.properties.color = 'red';
      const r = await onsProducer.send(m);
      sent4.push({ msgId: r.msgId, body: `four-${i}` });
    }
    await c5.startup();
    const got5 = new Map<string, { body: string; tag?: string; keys: string[]; color?: string; id: string }>();
    for (let rounds = 0; got5.size < 5 && rounds < 20; rounds++) {
      for (const m of await c5.receive(16, 10_000)) {
        got5.set(m.body.toString(), { body: m.body.toString(), tag: m.tag, keys: m.keys, color: m.properties.get('color'), id: m.messageId });
        await c5.ack(m);
      }
    }
    assert.equal(got5.size, 5);
    for (const s of sent4) {
      const g = got5.get(s.body)!;
      assert.equal(g.tag, 'from4');
      assert.deepEqual(g.keys, [`k4-${s.body.slice(5)}`]);
      assert.equal(g.color, 'red');
      // The 5.x client sees the unique id the broker assigned; the 4.x offset id names the same stored message.
      const byOffset = await h.engine.messageByCommitLogOffset(parseInt(s.msgId.slice(16), 16), SYSTEM);
      assert.equal(byOffset?.messageId, g.id);
      assert.equal((await h.engine.messageById(g.id, SYSTEM))?.body.toString(), s.body);
    }

    // 5.x → 4.x
    await p5.startup();
    const ids5 = new Map<string, string>();
    for (let i = 0; i < 5; i++) {
      const r = await p5.send({ topic: 'T_BOTH', body: Buffer.from(`five-${i}`), tag: 'from5', keys: [`k5-${i}`], properties: new Map([['size', 'L']]) });
      ids5.set(`five-${i}`, r.messageId);
    }
    const got4 = new Map<string, { tags: string; keys: string[]; size?: string; uniq?: string; msgId: string }>();
    c4.subscribe('T_BOTH', 'from5', async (msg: { body: Buffer; tags: string; keys: string[]; properties: Record<string, string>; msgId: string }) => {
      got4.set(msg.body.toString(), { tags: msg.tags, keys: msg.keys, size: msg.properties.size, uniq: msg.properties.UNIQ_KEY, msgId: msg.msgId });
    });
    await c4.ready();
    await until(() => got4.size >= 5, 20_000, 'ali-ons to receive the 5.x messages');
    for (const [body, id] of ids5) {
      const g = got4.get(body)!;
      assert.equal(g.tags, 'from5');
      assert.equal(String(g.keys), `k5-${body.slice(5)}`);
      assert.equal(g.size, 'L');
      assert.equal(g.uniq, id);
      assert.match(g.msgId, /^7F000001[0-9A-F]{24}$/);
      assert.equal((await h.engine.messageByCommitLogOffset(parseInt(g.msgId.slice(16), 16), SYSTEM))?.messageId, id);
    }
  } finally {
    await c4.close();
    await onsProducer.close();
    await c5.shutdown().catch(() => undefined);
    await p5.shutdown().catch(() => undefined);
    svc.close();
    server.forceShutdown();
    await h.close();
  }
});
