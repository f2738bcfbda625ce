// Fields the official clients see as Apache RocketMQ sets them: transaction_id in every send receipt, the message
// group as __SHARDINGKEY on a delivered FIFO message, __transactionId__ on a committed transactional message, and a
// 4.x producer's message id unchanged at a 5.x consumer (also for ali-ons' own message group property).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { Producer, SimpleConsumer, type MessageView } from 'rocketmq-client-nodejs';
import { MESSAGING_SERVER_OPTIONS, addMessagingService } from '../../../src/broker/protocol/grpc/index.js';
import { RequestCode, ResponseCode } from '../../../src/broker/protocol/remoting/codes.js';
import { encodeProperties } from '../../../src/broker/protocol/remoting/properties.js';
import { quietLogger } from '../../helpers/rocketmq-client.js';
import { group, ons, onsOptions, startHarness, topic } from './remoting/harness.js';
import { RawClient } from './remoting/raw-client.js';

/** TransactionResolution.COMMIT of definition.proto (the client does not re-export the enum). */
const COMMIT = 1;

test('official clients see the fields Apache RocketMQ sets, whichever protocol sent the message', async () => {
  const h = await startHarness({
    topics: [topic('T_NORMAL', 'NORMAL', 2), topic('T_FIFO', 'FIFO', 2), topic('T_TX', 'TRANSACTION', 1)],
    groups: [group('G_NORMAL'), group('G_FIFO', { consumeOrderly: true }), group('G_TX')],
  });
  const server = new grpc.Server(MESSAGING_SERVER_OPTIONS);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  const svc = addMessagingService(server, h.engine, { advertisedHost: '127.0.0.1', port });
  const endpoints = `127.0.0.1:${port}`;
  const checker = { check: () => Promise.resolve(COMMIT) };
  const p5 = new Producer({ endpoints, namespace: '', topics: ['T_NORMAL', 'T_FIFO', 'T_TX'], checker, logger: quietLogger });
  const p4 = new ons.Producer(onsOptions(h, { producerGroup: 'PG_FID' }));
  const raw = await RawClient.connect(h.servers.brokerAddress);
  const consumer = (g: string, t: string): SimpleConsumer =>
    new SimpleConsumer({ endpoints, namespace: '', consumerGroup: g, subscriptions: new Map([[t, '*']]), awaitDuration: 1000, logger: quietLogger });
  const drain = async (c: SimpleConsumer, n: number): Promise<MessageView[]> => {
    const out: MessageView[] = [];
    for (let i = 0; i < 20 && out.length < n; i++) {
      for (const m of await c.receive(16, 30_000)) {
        out.push(m);
        await c.ack(m);
      }
    }
    return out;
  };
  const consumers: SimpleConsumer[] = [];
  try {
    await p5.startup();
    await p4.ready();

    // Every receipt carries transaction_id = message id (Apache's proxy does so for all sends).
    const normal = await p5.send({ topic: 'T_NORMAL', body: Buffer.from('five') });
    assert.equal(normal.transactionId, normal.messageId);

    // A FIFO message arrives with __SHARDINGKEY naming its group, from either protocol and either spelling.
    await p5.send({ topic: 'T_FIFO', body: Buffer.from('fifo-5'), messageGroup: 'order-1' });
    const sendFifo4 = (spelling: string, body: string) =>
      raw.request(RequestCode.SEND_MESSAGE_V2, {
        a: 'PG_RAW', b: 'T_FIFO', c: 'TBW102', d: '4', e: '0', f: '0', g: String(Date.now()), h: '0', i: encodeProperties({ [spelling]: 'order-4' }), j: '0', k: 'false',
      }, Buffer.from(body));
    assert.equal((await sendFifo4('__SHARDINGKEY', 'fifo-apache')).code, ResponseCode.SUCCESS);
    assert.equal((await sendFifo4('__SHARDING_KEY', 'fifo-ons')).code, ResponseCode.SUCCESS);
    const cf = consumer('G_FIFO', 'T_FIFO');
    consumers.push(cf);
    await cf.startup();
    const fifo = await drain(cf, 3);
    const groupOf = new Map(fifo.map((m) => [m.body.toString(), m]));
    assert.equal(groupOf.get('fifo-5')?.messageGroup, 'order-1');
    assert.equal(groupOf.get('fifo-5')?.properties.get('__SHARDINGKEY'), 'order-1');
    for (const b of ['fifo-apache', 'fifo-ons']) {
      assert.equal(groupOf.get(b)?.messageGroup, 'order-4', b);
      assert.equal(groupOf.get(b)?.properties.get('__SHARDINGKEY'), 'order-4', b);
      assert.equal(groupOf.get(b)?.properties.has('__SHARDING_KEY'), false, b);
    }

    // A committed transactional message carries __transactionId__, its message id.
    const tx = p5.beginTransaction();
    const half = await p5.send({ topic: 'T_TX', body: Buffer.from('tx') }, tx);
    assert.equal(half.transactionId, half.messageId);
    await tx.commit();
    const ct = consumer('G_TX', 'T_TX');
    consumers.push(ct);
    await ct.startup();
    const [committed] = await drain(ct, 1);
    assert.equal(committed?.messageId, half.messageId);
    assert.equal(committed?.properties.get('__transactionId__'), half.messageId);

    // ali-ons sets no id of its own: the id it is given is the id a 5.x consumer sees.
    const sent4 = await p4.send(new ons.Message('T_NORMAL', 'four', 'from-ons'));
    const cn = consumer('G_NORMAL', 'T_NORMAL');
    consumers.push(cn);
    await cn.startup();
    const got = await drain(cn, 2);
    const fromOns = got.find((m) => m.body.toString() === 'from-ons');
    assert.equal(fromOns?.messageId, sent4.msgId);
    assert.equal(got.find((m) => m.body.toString() === 'five')?.messageId, normal.messageId);
  } finally {
    raw.close();
    for (const c of consumers) await c.shutdown().catch(() => undefined);
    await p5.shutdown().catch(() => undefined);
    await p4.close();
    svc.close();
    server.forceShutdown();
    await h.close();
  }
});
