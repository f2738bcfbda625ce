// End-to-end: the ali-ons 4.x client (Producer, push Consumer) against a real Engine through the remoting servers.
import { SYSTEM } from '../../../../src/broker/engine/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { group, ons, onsOptions, startHarness, topic, until } from './harness.js';

test('ali-ons producer and push consumer: tags, keys, a compressed 6 KB body, and a failed message retried', async () => {
  const h = await startHarness({ topics: [topic('T_ONS')], groups: [group('CG_ONS')] });
  const producer = new ons.Producer(onsOptions(h, { producerGroup: 'PG_ONS' }));
  await producer.ready();
  const big = 'x'.repeat(6000);
  const sent: string[] = [];
  for (let i = 0; i < 10; i++) {
    const msg = new ons.Message('T_ONS', i % 2 ? 'TagB' : 'TagA', `hello-${i}`);
    msg.keys = [`key-${i}`];
    const r = await producer.send(msg);
    assert.equal(r.sendStatus, 'SEND_OK');
    assert.match(r.msgId, /^7F000001[0-9A-F]{24}$/);
    sent.push(r.msgId);
  }
  const bigSent = await producer.send(new ons.Message('T_ONS', 'TagA', big));
  // ali-ons deflated it (sysFlag bit 0); the engine keeps the plain body, so 5.x readers get it as sent.
  const bigStored = await h.engine.messageByCommitLogOffset(parseInt(bigSent.msgId.slice(16), 16), SYSTEM);
  assert.equal(bigStored?.body.toString(), big);
  assert.equal((bigStored?.sysFlag ?? 1) & 1, 0);

  const consumer = new ons.Consumer(onsOptions(h, { consumerGroup: 'CG_ONS', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }));
  const errors: Error[] = [];
  consumer.on('error', (e: Error) => errors.push(e));
  const bodies: string[] = [];
  let failedOnce = false;
  let retried: { body: string; reconsumeTimes: number } | undefined;
  consumer.subscribe('T_ONS', '*', async (msg: { body: Buffer; reconsumeTimes: number; tags: string; keys: string[] }) => {
    const body = msg.body.toString();
    if (body === 'hello-3' && !failedOnce) {
      failedOnce = true;
      throw new Error('fail once');
    }
    if (body === 'hello-3') retried = { body, reconsumeTimes: msg.reconsumeTimes };
    bodies.push(body);
  });
  await consumer.ready();
  try {
    await until(() => bodies.length >= 11 && retried !== undefined, 20_000, 'all messages and the retry');
    assert.deepEqual(new Set(bodies), new Set([...Array.from({ length: 10 }, (_, i) => `hello-${i}`), big]));
    assert.equal(retried!.reconsumeTimes, 1);
    // The 5.x view of the same message: tag and keys survived the 4.x send.
    const m = await h.engine.messageByCommitLogOffset(parseInt(sent[2]!.slice(16), 16), SYSTEM);
    assert.equal(m?.tag, 'TagA');
    assert.deepEqual(m?.keys, ['key-2']);
    // The 4.x consumer is in the engine's client list of its group (what the control plane shows).
    assert.equal(h.engine.clients('CG_ONS').length, 1);
    // Offsets are committed to the engine's store.
    await until(() => (h.engine.consumerOffset('CG_ONS', 'T_ONS', { brokerName: 'broker-a', queueId: 0 }, SYSTEM) ?? 0) > 0, 10_000, 'committed offsets');
  } finally {
    await consumer.close();
    await producer.close();
    await h.close();
  }
});

test('ali-ons: delay level, tag subscription and broadcast consumption', async () => {
  const h = await startHarness({
    topics: [topic('T_MIX'), topic('T_BC', 'NORMAL', 2)],
    groups: [group('CG_TAG'), group('CG_BC', { broadcast: true })],
  });
  const producer = new ons.Producer(onsOptions(h, { producerGroup: 'PG_MIX' }));
  await producer.ready();
  const tagged: string[] = [];
  let delayedAt = 0;
  const c1 = new ons.Consumer(onsOptions(h, { consumerGroup: 'CG_TAG' }));
  c1.on('error', () => {});
  c1.subscribe('T_MIX', 'TagA || TagC', async (msg: { body: Buffer; tags: string }) => {
    tagged.push(`${msg.tags}:${msg.body.toString()}`);
    if (msg.body.toString() === 'delayed') delayedAt = Date.now();
  });
  const bc: string[][] = [[], []];
  const bcConsumers = [0, 1].map((i) => {
    const c = new ons.Consumer(onsOptions(h, { consumerGroup: 'CG_BC', isBroadcast: true, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }));
    c.on('error', () => {});
    c.subscribe('T_BC', '*', async (msg: { body: Buffer }) => {
      bc[i]!.push(msg.body.toString());
    });
    return c;
  });
  await Promise.all([c1.ready(), ...bcConsumers.map((c) => c.ready())]);
  try {
    const delayed = new ons.Message('T_MIX', 'TagA', 'delayed');
    delayed.delayTimeLevel = 1; // 1 s
    const sentAt = Date.now();
    await producer.send(delayed);
    for (const tag of ['TagA', 'TagB', 'TagC']) await producer.send(new ons.Message('T_MIX', tag, `to-${tag}`));
    for (let i = 0; i < 6; i++) await producer.send(new ons.Message('T_BC', 'x', `bc-${i}`));

    await until(() => tagged.length >= 3, 20_000, 'tagged messages');
    assert.deepEqual(new Set(tagged), new Set(['TagA:to-TagA', 'TagC:to-TagC', 'TagA:delayed']));
    // The delayed message was not delivered before its level's delay (a lower bound, not a speed assertion).
    assert.ok(delayedAt - sentAt >= 950, `delivered ${delayedAt - sentAt} ms after the send`);

    // Broadcast: every consumer instance gets every message; offsets stay on the clients.
    await until(() => bc[0]!.length >= 6 && bc[1]!.length >= 6, 20_000, 'broadcast to both consumers');
    assert.deepEqual(new Set(bc[0]), new Set(Array.from({ length: 6 }, (_, i) => `bc-${i}`)));
    assert.deepEqual(new Set(bc[1]), new Set(bc[0]));
    assert.equal(h.engine.consumerOffset('CG_BC', 'T_BC', { brokerName: 'broker-a', queueId: 0 }, SYSTEM), undefined);
  } finally {
    await Promise.all([c1.close(), ...bcConsumers.map((c) => c.close())]);
    await producer.close();
    await h.close();
  }
});
