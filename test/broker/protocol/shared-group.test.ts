// One consumer group, one state, whichever protocol consumes: a 4.x consumer and a 5.x consumer take turns on the
// same group and continue from each other's offsets, and a message either gives back is redelivered to the other
// through %RETRY%<group>. Time moves by the engine's adjustable clock, never by sleeping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { AdjustableClock } from '../../../src/domain/clock.js';
import { MESSAGING_SERVER_OPTIONS, addMessagingService } from '../../../src/broker/protocol/grpc/index.js';
import { RequestCode, ResponseCode } from '../../../src/broker/protocol/remoting/codes.js';
import { decodeMessageExts } from '../../../src/broker/protocol/remoting/stored-message.js';
import { quietLogger } from '../../helpers/rocketmq-client.js';
import { group, startHarness, topic } from './remoting/harness.js';
import { RawClient } from './remoting/raw-client.js';

test('a group consumed by a 4.x and a 5.x consumer in turn shares offsets and retries both ways', async () => {
  const clock = new AdjustableClock();
  const h = await startHarness({ topics: [topic('T_SHARED', 'NORMAL', 1)], groups: [group('G_SHARED', { maxRetries: 5 })] }, { clock, tunables: { retryBackoffMs: [60_000] } });
  const server = new grpc.Server(MESSAGING_SERVER_OPTIONS);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  const svc = addMessagingService(server, h.engine, { advertisedHost: '127.0.0.1', port });
  const endpoints = `127.0.0.1:${port}`;
  const producer = new Producer({ endpoints, namespace: '', topics: ['T_SHARED'], logger: quietLogger });
  const c5 = new SimpleConsumer({ endpoints, namespace: '', consumerGroup: 'G_SHARED', subscriptions: new Map([['T_SHARED', '*']]), awaitDuration: 500, logger: quietLogger });
  const c4 = await RawClient.connect(h.servers.brokerAddress);
  const pull = async (topicName: string, offset: number) => {
    const r = await c4.request(RequestCode.PULL_MESSAGE, {
      consumerGroup: 'G_SHARED', topic: topicName, queueId: '0', queueOffset: String(offset), maxMsgNums: '3', sysFlag: '0', commitOffset: '0',
      suspendTimeoutMillis: '0', subVersion: '0',
    });
    return r.code === ResponseCode.SUCCESS ? decodeMessageExts(r.body!) : [];
  };
  const queryOffset = async (topicName: string) =>
    (await c4.request(RequestCode.QUERY_CONSUMER_OFFSET, { consumerGroup: 'G_SHARED', topic: topicName, queueId: '0' })).extFields.offset;
  const receiveAll = async () => {
    const out = [];
    for (let i = 0; i < 5; i++) {
      const got = await c5.receive(16, 30_000);
      out.push(...got);
      if (got.length === 0) break;
    }
    return out;
  };
  try {
    await producer.startup();
    for (let i = 0; i < 6; i++) await producer.send({ topic: 'T_SHARED', body: Buffer.from(`m${i}`) });

    // 4.x takes m0..m2, commits offset 3 and gives m1 back (delay level 1 = 1 s).
    const first = await pull('T_SHARED', 0);
    assert.deepEqual(first.map((m) => m.body.toString()), ['m0', 'm1', 'm2']);
    const upd = await c4.request(RequestCode.UPDATE_CONSUMER_OFFSET, { consumerGroup: 'G_SHARED', topic: 'T_SHARED', queueId: '0', commitOffset: '3' });
    assert.equal(upd.code, ResponseCode.SUCCESS);
    const back = await c4.request(RequestCode.CONSUMER_SEND_MSG_BACK, {
      offset: String(first[1]!.commitLogOffset), group: 'G_SHARED', delayLevel: '1', originMsgId: first[1]!.offsetMsgId, originTopic: 'T_SHARED', maxReconsumeTimes: '16',
    });
    assert.equal(back.code, ResponseCode.SUCCESS, back.remark ?? '');

    // 5.x continues where 4.x committed: m3..m5, never m0..m2 again.
    await c5.startup();
    const second = await receiveAll();
    assert.deepEqual(second.map((m) => m.body.toString()).sort(), ['m3', 'm4', 'm5']);
    for (const m of second.filter((x) => x.body.toString() !== 'm4')) await c5.ack(m);
    // m4 is given back by the 5.x consumer: invisible for 0 ms, so it is due for redelivery at once.
    const m4 = second.find((x) => x.body.toString() === 'm4')!;
    await c5.changeInvisibleDuration(m4, 0);

    // m1, sent back by 4.x, reaches the 5.x consumer once the clock passes its delay, as its second attempt.
    clock.advance(1_500);
    const retried = await receiveAll();
    const m1 = retried.find((m) => m.body.toString() === 'm1');
    assert.ok(m1, `m1 redelivered to 5.x, got ${retried.map((m) => m.body.toString()).join(',')}`);
    assert.equal(m1.deliveryAttempt, 2);
    assert.equal(m1.messageId, first[1]!.properties.UNIQ_KEY);
    await c5.ack(m1);
    for (const m of retried.filter((x) => x !== m1)) await c5.changeInvisibleDuration(m, 60_000);

    // m4, given back by 5.x, is in the group's retry queue where 4.x consumers pull it, with its reconsume count.
    let fromRetry: ReturnType<typeof decodeMessageExts> = [];
    for (let i = 0; i < 50 && !fromRetry.some((m) => m.body.toString() === 'm4'); i++) {
      fromRetry = await pull('%RETRY%G_SHARED', 0);
      if (!fromRetry.some((m) => m.body.toString() === 'm4')) await new Promise((r) => setImmediate(r));
    }
    const m4again = fromRetry.find((m) => m.body.toString() === 'm4');
    assert.ok(m4again, 'm4 in %RETRY%G_SHARED for 4.x consumers');
    assert.equal(m4again.reconsumeTimes, 1);
    assert.equal(m4again.properties.RETRY_TOPIC, 'T_SHARED');

    // And 4.x sees the offset the 5.x acks committed on the topic itself.
    assert.equal(await queryOffset('T_SHARED'), '6');
  } finally {
    c4.close();
    await c5.shutdown().catch(() => undefined);
    await producer.shutdown().catch(() => undefined);
    svc.close();
    server.forceShutdown();
    await h.close();
  }
});
