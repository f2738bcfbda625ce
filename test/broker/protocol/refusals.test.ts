// One engine, one set of rules: each refusal of the engine reaches the official 5.x client and ali-ons (4.x) with
// its protocol's own code, and nothing of a refused send is stored. The engine's clock stands still, so the send TPS
// buckets refill only when the test says so.
import { SYSTEM } from '../../../src/broker/engine/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { ManualClock } from '../../../src/domain/clock.js';
import { MESSAGING_SERVER_OPTIONS, addMessagingService } from '../../../src/broker/protocol/grpc/index.js';
import { RequestCode, ResponseCode } from '../../../src/broker/protocol/remoting/codes.js';
import { encodeProperties } from '../../../src/broker/protocol/remoting/properties.js';
import { quietLogger } from '../../helpers/rocketmq-client.js';
import { group, ons, onsOptions, startHarness, topic } from './remoting/harness.js';
import { RawClient } from './remoting/raw-client.js';
import { rawClient } from './grpc/raw-client.js';

const q0 = { brokerName: 'broker-a', queueId: 0 };
type Coded = Error & { code?: number; remark?: string };

const settle = async <T>(n: number, fn: (i: number) => Promise<T>): Promise<{ ok: number; errors: Coded[] }> => {
  const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => fn(i)));
  return {
    ok: results.filter((r) => r.status === 'fulfilled').length,
    errors: results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as Coded),
  };
};

test('the engine refuses the same sends on both protocols, each with its code, and stores none of them', async () => {
  const clock = new ManualClock(Date.now());
  const h = await startHarness(
    {
      topics: [{ ...topic('T_TPS', 'NORMAL', 1), maxSendTps: 2 }, topic('T_FIFO', 'FIFO', 1), topic('T_N', 'NORMAL', 1)],
      groups: [group('G')],
    },
    { clock, tunables: { maxBodyBytes: 2048 } },
  );
  const server = new grpc.Server(MESSAGING_SERVER_OPTIONS);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  const svc = addMessagingService(server, h.engine, { advertisedHost: '127.0.0.1', port });
  const endpoints = `127.0.0.1:${port}`;
  const p5 = new Producer({ endpoints, namespace: '', topics: ['T_TPS', 'T_FIFO', 'T_N'], maxAttempts: 1, logger: quietLogger });
  const p4 = new ons.Producer(onsOptions(h, { producerGroup: 'PG_REFUSE', retryTimesWhenSendFailed: 0 }));
  const raw = await RawClient.connect(h.servers.brokerAddress);
  const raw5 = rawClient(endpoints);
  const stored = (t: string): number => h.engine.queueRange(t, q0, SYSTEM).max;
  const big = randomBytes(3000); // over the 2 KiB limit, under ali-ons's 4 KiB compression threshold
  try {
    await p5.startup();
    await p4.ready();

    // --- 5.x -------------------------------------------------------------------------------------------------
    const burst5 = await settle(20, (i) => p5.send({ topic: 'T_TPS', body: Buffer.from(`five-${i}`) }));
    assert.equal(burst5.ok, 2, 'maxSendTps 2 lets two of a burst of 20 through');
    for (const e of burst5.errors) assert.equal(e.code, 42900, e.message);
    // The official client already refuses what Settings told it is too large; a client that does not gets 41301.
    await assert.rejects(p5.send({ topic: 'T_N', body: big }), /exceeds the threshold, max size=2048/);
    const bigSend = await raw5.unary('SendMessage', {
      messages: [{ topic: { name: 'T_N' }, body: big, system_properties: { message_id: '01AB', message_type: 'NORMAL', body_encoding: 'IDENTITY' } }],
    });
    assert.equal(bigSend.status.code, 'MESSAGE_BODY_TOO_LARGE');
    assert.equal(bigSend.entries[0].status.code, 'MESSAGE_BODY_TOO_LARGE');
    await assert.rejects(p5.send({ topic: 'T_FIFO', body: Buffer.from('no group') }), /not match with topic accept message types/);
    const wrongType = await raw5.unary('SendMessage', {
      messages: [{ topic: { name: 'T_FIFO' }, body: Buffer.from('x'), system_properties: { message_id: '01AC', message_type: 'NORMAL', body_encoding: 'IDENTITY' } }],
    });
    assert.equal(wrongType.status.code, 'MESSAGE_PROPERTY_CONFLICT_WITH_TYPE');
    await assert.rejects(p5.send({ topic: 'T_NONE', body: Buffer.from('x') }), (e: Coded) => e.code === 40402);
    const c5 = new SimpleConsumer({ endpoints, namespace: '', consumerGroup: 'G_NONE', subscriptions: new Map([['T_N', '*']]), awaitDuration: 1000, logger: quietLogger });
    await assert.rejects(c5.startup(), /CONSUMER_GROUP_NOT_FOUND|40403/);
    await c5.shutdown().catch(() => undefined);

    // --- 4.x -------------------------------------------------------------------------------------------------
    clock.advance(1_000); // a full bucket again
    const burst4 = await settle(20, (i) => p4.send(new ons.Message('T_TPS', 't', `four-${i}`)) as Promise<unknown>);
    assert.equal(burst4.ok, 2, 'the same limit holds for 4.x producers');
    for (const e of burst4.errors) {
      assert.equal(e.code, ResponseCode.SYSTEM_BUSY, e.message);
      assert.match(e.message, /maxSendTps/);
    }
    await assert.rejects(p4.send(new ons.Message('T_N', 't', big)), (e: Coded) => e.code === ResponseCode.MESSAGE_ILLEGAL);
    await assert.rejects(p4.send(new ons.Message('T_FIFO', 't', 'no group')), (e: Coded) => e.code === ResponseCode.MESSAGE_ILLEGAL);
    // The name server knows no route; a broker asked directly answers the same.
    await assert.rejects(p4.send(new ons.Message('T_NONE', 't', 'x')), (e: Coded) => e.code === ResponseCode.TOPIC_NOT_EXIST);
    const sendRaw = await raw.request(RequestCode.SEND_MESSAGE_V2, {
      a: 'PG_RAW', b: 'T_NONE', c: 'TBW102', d: '4', e: '0', f: '0', g: String(Date.now()), h: '0', i: encodeProperties({}), j: '0', k: 'false',
    }, Buffer.from('x'));
    assert.equal(sendRaw.code, ResponseCode.TOPIC_NOT_EXIST);
    const pullRaw = await raw.request(RequestCode.PULL_MESSAGE, {
      consumerGroup: 'G_NONE', topic: 'T_N', queueId: '0', queueOffset: '0', maxMsgNums: '32', sysFlag: '0', commitOffset: '0', suspendTimeoutMillis: '0', subVersion: '0',
    });
    assert.equal(pullRaw.code, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);

    // Nothing of what was refused is stored.
    assert.equal(stored('T_TPS'), 4);
    assert.equal(stored('T_N'), 0);
    assert.equal(stored('T_FIFO'), 0);
  } finally {
    raw.close();
    raw5.close();
    await p5.shutdown().catch(() => undefined);
    await p4.close();
    svc.close();
    server.forceShutdown();
    await h.close();
  }
});
