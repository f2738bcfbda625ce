// Regression tests for the official Node client's sharp edges (rocketmq-protocols.md §8) that the server absorbs.
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { MESSAGING_SERVER_OPTIONS, addMessagingService } from '../../../../src/broker/protocol/grpc/index.js';
import { bind, producer, simpleConsumer, sleep, startBroker, waitFor, type BrokerFixture } from './harness.js';
import { rawClient, type RawClient } from './raw-client.js';

const msg = (topic: string, body: string, extra: Record<string, unknown> = {}) => ({
  topic: { name: topic },
  body: Buffer.from(body),
  system_properties: {
    message_id: `01${Math.random().toString(16).slice(2).padEnd(14, '0')}${Date.now().toString(16)}`.toUpperCase().slice(0, 34),
    message_type: 'NORMAL',
    body_encoding: 'IDENTITY',
    born_timestamp: { seconds: Math.floor(Date.now() / 1000), nanos: 0 },
    born_host: 'test',
    queue_id: 0,
    ...extra,
  },
});

const receiveReq = (group: string, topic: string, extra: Record<string, unknown> = {}) => ({
  group: { name: group },
  message_queue: { topic: { name: topic }, id: 0 },
  filter_expression: { type: 'TAG', expression: '*' },
  batch_size: 16,
  invisible_duration: { seconds: 30 },
  long_polling_timeout: { seconds: 0, nanos: 200_000_000 },
  ...extra,
});

const statusOf = (frames: Record<string, any>[]) => frames.find((f) => f.status)?.status?.code;
const messagesOf = (frames: Record<string, any>[]) => frames.filter((f) => f.message).map((f) => f.message);

describe('sharp edges of the official Node client (§8), absorbed by the server', () => {
  let b: BrokerFixture;
  let raw: RawClient;
  before(async () => {
    b = await startBroker({ brokerNames: ['broker-a', 'broker-b'], tunables: { retryBackoffMs: [600], settingsRepushMs: 300, longPollMs: 2_000 } });
    const e = b.engine;
    for (const name of ['t1', 't2', 't3']) {
      await e.upsertTopic({ name, messageType: 'NORMAL', queueNum: 4, brokers: ['broker-a', 'broker-b'], perm: 'all' });
    }
    await e.upsertGroup({ name: 'g1', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true });
    await e.upsertGroup({ name: 'g-big', maxRetries: 3, consumeOrderly: false, broadcast: false, enabled: true });
    raw = rawClient(b.endpoint);
  });
  after(async () => {
    raw.close();
    await b.cleanup();
  });

  it('§8.1 queue 0 only: every broker lists a read-write queue 0 and the server spreads sends over all queues', async () => {
    const route = await raw.unary('QueryRoute', { topic: { name: 't1' }, endpoints: {} });
    assert.equal(route.status.code, 'OK');
    for (const broker of ['broker-a', 'broker-b']) {
      const q0 = route.message_queues.find((q: any) => q.broker.name === broker && q.id === 0);
      assert.equal(q0?.permission, 'READ_WRITE');
      assert.equal(q0?.broker.id, 0);
    }
    const p = producer(b, ['t1']);
    await p.startup();
    for (let i = 0; i < 48; i++) await p.send({ topic: 't1', body: Buffer.from(`m${i}`) });
    await p.shutdown();
    const used = b.engine.topicStatus('t1').brokers.flatMap((br) => br.queues.filter((q) => q.maxOffset > 0));
    assert.equal(used.length, 8, 'all 4 queues of both brokers got messages');
  });

  it('§8.2 a client with several topics starts (the first Settings reply is pushed again)', async () => {
    const p = producer(b, ['t1', 't2', 't3']);
    const started = await Promise.race([p.startup().then(() => true), sleep(8_000).then(() => false)]);
    assert.ok(started, 'producer with three topics started');
    await p.shutdown();
    const t = raw.telemetry();
    const replies: Record<string, any>[] = [];
    t.on('data', (d) => replies.push(d));
    t.write({ settings: { client_type: 'PRODUCER', publishing: { topics: [{ name: 't1' }] } } });
    assert.ok(await waitFor(() => replies.length >= 2, 3_000), 'settings pushed twice');
    t.end();
  });

  it('§8.3 Settings always carry a backoff policy, a body size limit and a receive batch size', async () => {
    const t = raw.telemetry();
    const replies: Record<string, any>[] = [];
    t.on('data', (d) => replies.push(d));
    t.write({ settings: { client_type: 'PRODUCER', publishing: { topics: [{ name: 't1' }] } } });
    t.write({ settings: { client_type: 'PUSH_CONSUMER', subscription: { group: { name: 'g1' }, subscriptions: [{ topic: { name: 't1' } }] } } });
    assert.ok(await waitFor(() => replies.length >= 2, 3_000));
    t.end();
    const [prod, push] = replies.map((r) => r.settings);
    assert.equal(replies[0]!.status.code, 'OK');
    assert.ok(prod.backoff_policy.exponential_backoff, 'producer backoff policy');
    assert.ok(prod.publishing.max_body_size > 0 && prod.publishing.max_body_size < 4 * 1024 * 1024);
    assert.ok(push.backoff_policy.exponential_backoff, 'consumer backoff policy');
    assert.equal(push.backoff_policy.max_attempts, 4);
    assert.ok(push.subscription.receive_batch_size > 0);
    assert.ok(push.subscription.long_polling_timeout);
    assert.equal(push.subscription.fifo, false);
  });

  it('§8.3/§8.13 a body of the advertised maximum size goes through and a Node consumer can read it back', async () => {
    const max = b.engine.tunables.maxBodyBytes;
    const p = producer(b, ['t2']);
    await p.startup();
    const body = Buffer.alloc(max, 7);
    const r = await p.send({ topic: 't2', body });
    await p.shutdown();
    const c = simpleConsumer(b, 'g-big', { t2: '*' }, 1_000);
    await c.startup();
    let got;
    for (let i = 0; i < 5 && !got; i++) got = (await c.receive(1, 20_000)).find((m) => m.messageId === r.messageId);
    assert.ok(got);
    assert.equal(got.body.length, max);
    assert.ok(!got.corrupted, 'digest matches');
    await c.ack(got);
    await c.shutdown();
    // Above the limit (and above grpc's 4 MiB default receive limit) the server answers with a status, not a transport error.
    const res = await raw.unary('SendMessage', { messages: [msg('t2', 'x'.repeat(5 * 1024 * 1024))] });
    assert.equal(res.status.code, 'MESSAGE_BODY_TOO_LARGE');
  });

  it('§8.4 delivered messages carry a correct body digest', async () => {
    await raw.unary('SendMessage', { messages: [msg('t3', 'digest me')] });
    const frames = await raw.stream('ReceiveMessage', receiveReq('g1', 't3', { message_queue: { topic: { name: 't3' }, id: 0 } }));
    const [m] = messagesOf(frames);
    assert.ok(m, 'one message');
    assert.equal(m.system_properties.body_digest.type, 'CRC32');
    assert.equal(m.system_properties.body_digest.checksum, String(crc32(Buffer.from('digest me'))));
    assert.ok(m.system_properties.receipt_handle);
    const ack = await raw.unary('AckMessage', {
      group: { name: 'g1' },
      topic: { name: 't3' },
      entries: [{ message_id: m.system_properties.message_id, receipt_handle: m.system_properties.receipt_handle }],
    });
    assert.equal(ack.status.code, 'OK');
  });

  it('§8.5 Heartbeat and ReceiveMessage before any Settings work with defaults', async () => {
    const fresh = rawClient(b.endpoint);
    try {
      const hb = await fresh.unary('Heartbeat', { client_type: 'SIMPLE_CONSUMER', group: { name: 'g1' } });
      assert.equal(hb.status.code, 'OK');
      await fresh.unary('SendMessage', { messages: [msg('t3', 'early bird')] });
      const frames = await fresh.stream('ReceiveMessage', receiveReq('g1', 't3'));
      assert.equal(statusOf(frames), 'OK');
      assert.equal(messagesOf(frames)[0]?.body.toString(), 'early bird');
      const none = await fresh.stream('ReceiveMessage', receiveReq('g-missing', 't3'));
      assert.equal(statusOf(none), 'CONSUMER_GROUP_NOT_FOUND');
    } finally {
      fresh.close();
    }
  });

  it('§8.6 a push consumer nack with the delay in the wrong unit (1 ms) waits for the server backoff', async () => {
    await raw.unary('SendMessage', { messages: [msg('t3', 'nack me')] });
    const first = messagesOf(await raw.stream('ReceiveMessage', receiveReq('g1', 't3', { invisible_duration: undefined, auto_renew: true })));
    assert.equal(first.length, 1);
    const nackedAt = Date.now();
    const res = await raw.unary('ChangeInvisibleDuration', {
      group: { name: 'g1' },
      topic: { name: 't3' },
      receipt_handle: first[0].system_properties.receipt_handle,
      invisible_duration: { nanos: 1_000_000 },
      message_id: first[0].system_properties.message_id,
    });
    assert.equal(res.status.code, 'OK');
    let again: Record<string, any> | undefined;
    while (!again && Date.now() - nackedAt < 5_000) {
      again = messagesOf(await raw.stream('ReceiveMessage', receiveReq('g1', 't3', { long_polling_timeout: { seconds: 1 } })))[0];
    }
    assert.ok(again, 'redelivered');
    assert.ok(Date.now() - nackedAt >= 600, 'not before the server backoff');
    assert.equal(again.system_properties.delivery_attempt, 2);
    assert.equal(again.topic.name, 't3');
  });

  it('§8.7/§8.9 receives without an invisible duration (auto-renew) and finishes before the client deadline', async () => {
    const started = Date.now();
    const frames = await raw.stream('ReceiveMessage', receiveReq('g-big', 't2', { invisible_duration: undefined, auto_renew: true, long_polling_timeout: { seconds: 30 } }), 1_500);
    assert.equal(statusOf(frames), 'MESSAGE_NOT_FOUND');
    assert.ok(frames.some((f) => f.delivery_timestamp));
    assert.ok(Date.now() - started < 1_500);
  });

  it('§8.10 routes point at the advertised address, not the bind address', async () => {
    const server = new grpc.Server(MESSAGING_SERVER_OPTIONS);
    const port = await bind(server, '0.0.0.0');
    const svc = addMessagingService(server, b.engine, { advertisedHost: 'mq.example.test', port: 18081 });
    const c = rawClient(`127.0.0.1:${port}`);
    try {
      const route = await c.unary('QueryRoute', { topic: { name: 't1' } });
      const ep = route.message_queues[0].broker.endpoints;
      assert.equal(ep.scheme, 'DOMAIN_NAME');
      assert.deepEqual(ep.addresses, [{ host: 'mq.example.test', port: 18081 }]);
    } finally {
      c.close();
      svc.close();
      server.forceShutdown();
    }
  });
});
