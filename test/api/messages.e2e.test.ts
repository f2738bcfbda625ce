// End-to-end: messages through both dialects on one live instance, with the official SDKs and the official clients of
// both protocols — query by id, key and time; send through the API; re-send a dead letter; reset a group's offsets to a
// time while 5.x and 4.x consumers stay connected; a consume verification the client cannot answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MessageView as ClientMessage, SimpleConsumer } from 'rocketmq-client-nodejs';
import { eventually, Hangar } from '../helpers/hangar.js';
import { huaweiClient, sdkError as huaweiError, seedBody } from '../helpers/huawei-sdk.js';
import { newProducer, newSimpleConsumer, quietLogger } from '../helpers/rocketmq-client.js';
import { closeOnsDefaultProducer, ons } from '../broker/protocol/remoting/harness.js';
import { alibabaClient, rmq, sdkError as alibabaError } from './alibaba/alibaba-sdk.js';

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Receives until `want` says the collection is complete (acking everything), or fails after a long quiet spell. */
async function receiveUntil(c: SimpleConsumer, want: (got: ClientMessage[]) => boolean, invisibleMs = 15_000): Promise<ClientMessage[]> {
  const got: ClientMessage[] = [];
  for (let empty = 0; !want(got); ) {
    assert.ok(empty < 20, `gave up receiving with ${got.length} messages`);
    const msgs = await c.receive(16, invisibleMs);
    if (msgs.length === 0) empty++;
    for (const m of msgs) {
      got.push(m);
      await c.ack(m);
    }
  }
  return got;
}

describe('messages in both dialects, from the live broker', () => {
  let h: Hangar;
  let hw: any;
  let ali: any;
  let huaweiId: string;
  let alibabaId: string;
  let shown: { namesrv_address: string; grpc_address: string };
  const consumers: SimpleConsumer[] = [];
  const onsClients: { close(): Promise<void> }[] = [];

  const onsConsumer = (group: string): any => {
    const c = new ons.Consumer({
      httpclient: {},
      accessKeyId: 'AK',
      accessKeySecret: 'SK',
      nameSrv: shown.namesrv_address,
      logger: quietLogger,
      instanceName: `messages-${process.pid}-${group}`,
      consumerGroup: group,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      pollNameServerInteval: 1000,
      heartbeatBrokerInterval: 1000,
      persistConsumerOffsetInterval: 500,
      rebalanceInterval: 1000,
    });
    onsClients.push(c);
    return c;
  };
  const consumer = async (group: string, topic: string): Promise<SimpleConsumer> => {
    const c = newSimpleConsumer(shown.grpc_address, group, { [topic]: '*' }, 1_000);
    await c.startup();
    consumers.push(c);
    return c;
  };

  before(async () => {
    h = await Hangar.start();
    hw = huaweiClient(h.url);
    ali = alibabaClient(`127.0.0.1:${h.port}`);
    huaweiId = (await hw.createPostPaidInstance({ body: seedBody('messages') })).instance_id;
    shown = await eventually(async () => {
      const s = await hw.showInstance({ instance_id: huaweiId });
      return s.status === 'RUNNING' ? s : undefined;
    }, 30_000);
    const listed = (await ali.listInstances(new rmq.ListInstancesRequest({ pageNumber: 1, pageSize: 10 }))).body.data.list;
    alibabaId = listed.find((x: any) => x.instanceName === 'messages').instanceId;
    for (const name of ['T_MSG', 'T_DLQ', 'T_RESET']) await hw.createTopicOrBatchDeleteTopic({ instance_id: huaweiId, body: { name, queue_num: 2 } });
    for (const name of ['CG_MSG', 'CG_FIVE', 'CG_FOUR']) await hw.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id: huaweiId, body: { name } });
    await hw.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id: huaweiId, body: { name: 'CG_DLQ', retry_max_time: 0 } });
  });
  after(async () => {
    for (const c of consumers) await c.shutdown();
    for (const c of onsClients) await c.close();
    await closeOnsDefaultProducer();
    await h?.destroy();
  });

  it('finds a message a client sent by id, key and time through both dialects, its fields intact', async () => {
    const p = newProducer(shown.grpc_address, ['T_MSG']);
    await p.startup();
    const before = Date.now() - 1;
    const text = await p.send({ topic: 'T_MSG', body: Buffer.from('héllo wörld'), tag: 'TagA', keys: ['order-42', 'k2'], properties: new Map([['color', 'red']]) });
    const binary = await p.send({ topic: 'T_MSG', body: Buffer.from([0xff, 0xfe, 0x00, 0x01]), tag: 'TagB', keys: ['bin'] });
    const big = await p.send({ topic: 'T_MSG', body: Buffer.from('é'.repeat(5000)), keys: ['big'] });
    await p.shutdown();
    const afterSend = Date.now() + 1;

    // Huawei: by id (both spellings of the operation), by key, by time.
    const byId = await hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: 'T_MSG', msg_id: text.messageId });
    assert.equal(byId.total, 1);
    const m = byId.messages[0];
    assert.equal(m.msg_id, text.messageId);
    assert.equal(m.body, 'héllo wörld');
    assert.equal(m.body_encoding, 'text');
    assert.equal(m.topic, 'T_MSG');
    assert.equal(m.instance_id, huaweiId);
    assert.equal(m.reconsume_times, 0);
    assert.ok(m.store_timestamp >= before && m.store_timestamp <= afterSend);
    assert.ok(m.born_timestamp > 0 && m.born_host.length > 0 && /:\d+$/.test(m.store_host));
    assert.ok(m.queue_id >= 0 && m.queue_offset >= 0);
    const props = Object.fromEntries(m.property_list.map((x: { name: string; value: string }) => [x.name, x.value]));
    assert.equal(props.TAGS, 'TagA');
    assert.equal(props.KEYS, 'order-42 k2');
    assert.equal(props.color, 'red');
    const engineSpelling = await hw.listMessages({ engine: 'reliability', instance_id: huaweiId, topic: 'T_MSG', msg_id: binary.messageId });
    assert.equal(engineSpelling.messages[0].body, Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString('base64'));
    assert.equal(engineSpelling.messages[0].body_encoding, 'base64');
    const byKey = await hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: 'T_MSG', key: 'order-42' });
    assert.deepEqual(byKey.messages.map((x: any) => x.msg_id), [text.messageId]);
    const byTime = await hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: 'T_MSG', start_time: String(before), end_time: String(afterSend), limit: 50 });
    assert.equal(byTime.total, 3);
    assert.deepEqual(new Set(byTime.messages.map((x: any) => x.msg_id)), new Set([text.messageId, binary.messageId, big.messageId]));
    // A listing carries 4 KiB of a body, cut at a character.
    const listedBig = byTime.messages.find((x: any) => x.msg_id === big.messageId);
    assert.ok(Buffer.byteLength(listedBig.body) <= 4096 && Buffer.byteLength(listedBig.body) > 4000);
    assert.match(listedBig.body, /^é+$/);
    const none = await hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: 'T_MSG', start_time: String(afterSend + 60_000), end_time: String(afterSend + 120_000) });
    assert.equal(none.total, 0);
    const paged = await hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: 'T_MSG', start_time: String(before), end_time: String(afterSend), limit: 2, offset: 2 });
    assert.equal(paged.total, 3);
    assert.equal(paged.messages.length, 1);

    // Alibaba: by id, by key, by time, and the detail with the whole body and the system properties.
    const list = async (q: Record<string, unknown>) => (await ali.listMessages(alibabaId, 'T_MSG', new rmq.ListMessagesRequest(q))).body.data;
    const aById = await list({ messageId: text.messageId });
    assert.equal(aById.totalCount, 1);
    const a = aById.list[0];
    assert.equal(a.messageId, text.messageId);
    assert.equal(a.body, 'héllo wörld');
    assert.equal(a.messageTag, 'TagA');
    assert.deepEqual(a.messageKeys, ['order-42', 'k2']);
    assert.deepEqual(a.userProperties, { color: 'red' });
    assert.equal(a.topicName, 'T_MSG');
    assert.equal(a.instanceId, alibabaId);
    assert.match(a.storeTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.match(a.bornTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(a.bodySize, Buffer.byteLength('héllo wörld'));
    assert.deepEqual((await list({ messageKey: 'bin' })).list.map((x: any) => x.messageId), [binary.messageId]);
    const window = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    const aByTime = await list({ startTime: window(before - 1000), endTime: window(afterSend + 1000), pageNumber: 1, pageSize: 2 });
    assert.equal(aByTime.totalCount, 3);
    assert.equal(aByTime.list.length, 2);
    const page2 = await list({ scrollId: aByTime.scrollId, pageNumber: 2, pageSize: 2 });
    assert.equal(page2.list.length, 1);
    assert.deepEqual(new Set([...aByTime.list, ...page2.list].map((x: any) => x.messageId)), new Set([text.messageId, binary.messageId, big.messageId]));
    const detail = (await ali.getMessageDetail(alibabaId, 'T_MSG', big.messageId)).body.data;
    assert.equal(detail.body, 'é'.repeat(5000));
    assert.equal(detail.bodySize, 10_000);
    assert.equal(detail.systemProperties.KEYS, 'big');

    // Refusals in each dialect's envelope.
    assert.equal((await huaweiError(hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: 'NO_SUCH' }))).httpStatusCode, 404);
    const badRange = await huaweiError(hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: 'T_MSG', start_time: '20', end_time: '10' }));
    assert.equal(badRange.httpStatusCode, 400);
    assert.match(badRange.errorMsg!, /start_time/);
    const gone = await alibabaError(ali.getMessageDetail(alibabaId, 'T_MSG', '0123456789ABCDEF0123456789ABCDEF'));
    assert.equal(gone.statusCode, 404);
    const badTime = await alibabaError(ali.listMessages(alibabaId, 'T_MSG', new rmq.ListMessagesRequest({ startTime: 'yesterday' })));
    assert.equal(badTime.statusCode, 400);
    assert.match(badTime.message, /startTime/);
  });

  it('a message sent through either API is received by a 5.x consumer, with the id the API answered', async () => {
    const c = await consumer('CG_MSG', 'T_MSG');
    const hs = await hw.sendMessageForRocketMq({
      instance_id: huaweiId,
      body: { topic: 'T_MSG', body: 'from huawei', property_list: [{ name: 'TAGS', value: 'api' }, { name: 'KEYS', value: 'hk1 hk2' }, { name: 'origin', value: 'hw' }] },
    });
    assert.match(hs.msg_id, /^[0-9A-F]{32}$/);
    assert.equal(hs.topic, 'T_MSG');
    assert.equal(hs.broker_name, 'broker-a');
    const as = (await ali.verifySendMessage(alibabaId, 'T_MSG', new rmq.VerifySendMessageRequest({ message: 'from alibaba', messageTag: 'api', messageKey: 'ak1', userProperties: { origin: 'ali' } }))).body.data;
    assert.match(as, /^[0-9A-F]{32}$/);
    const got = await receiveUntil(c, (g) => g.some((m) => m.messageId === hs.msg_id) && g.some((m) => m.messageId === as));
    const fromHw = got.find((m) => m.messageId === hs.msg_id)!;
    assert.equal(fromHw.body.toString(), 'from huawei');
    assert.equal(fromHw.tag, 'api');
    assert.deepEqual(fromHw.keys, ['hk1', 'hk2']);
    assert.equal(fromHw.properties.get('origin'), 'hw');
    const fromAli = got.find((m) => m.messageId === as)!;
    assert.equal(fromAli.body.toString(), 'from alibaba');
    assert.deepEqual(fromAli.keys, ['ak1']);
    assert.equal(fromAli.properties.get('origin'), 'ali');
    // The API-sent message is found like any other.
    assert.equal((await hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: 'T_MSG', key: 'hk2' })).messages[0].body, 'from huawei');

    const fifo = await alibabaError(ali.verifySendMessage(alibabaId, 'T_MSG', new rmq.VerifySendMessageRequest({ message: 'x', userProperties: { UNIQ_KEY: 'mine' } })));
    assert.equal(fifo.statusCode, 400);
    assert.match(fifo.message, /UNIQ_KEY/);
    const noTopic = await huaweiError(hw.sendMessageForRocketMq({ instance_id: huaweiId, body: { topic: 'NO_SUCH', body: 'x' } }));
    assert.equal(noTopic.httpStatusCode, 404);
  });

  it('a message driven to the dead-letter queue is found there, re-sent and received again; verifying a consumption the client cannot do is refused', async () => {
    const c = await consumer('CG_DLQ', 'T_DLQ');
    const p = newProducer(shown.grpc_address, ['T_DLQ']);
    await p.startup();
    const sent = await p.send({ topic: 'T_DLQ', body: Buffer.from('doomed'), keys: ['dlq-key'] });
    await p.shutdown();
    // Received and never acknowledged: with no retries left the message moves to %DLQ%CG_DLQ once its invisible time ends.
    await eventually(async () => (await c.receive(1, 1_000)).some((m) => m.messageId === sent.messageId));
    const dead = await eventually(async () => {
      const r = await hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: '%DLQ%CG_DLQ', msg_id: sent.messageId });
      return r.total === 1 ? r.messages[0] : undefined;
    });
    assert.equal(dead.body, 'doomed');

    // Verify: the Node 5.x client answers NOT_IMPLEMENTED; an unknown client cannot be reached. Nothing changes.
    const clientId = (c as unknown as { clientId: string }).clientId;
    const refused = await alibabaError(
      ali.verifyConsumeMessage(alibabaId, 'T_DLQ', sent.messageId, new rmq.VerifyConsumeMessageRequest({ clientId, consumerGroupId: 'CG_DLQ' })),
    );
    assert.equal(refused.statusCode, 400);
    assert.match(refused.message, /NOT_IMPLEMENTED/);
    const unreachable = await huaweiError(
      hw.validateConsumedMessageForRocketMq({ instance_id: huaweiId, body: { group: 'CG_DLQ', topic: 'T_DLQ', client_id: 'nobody@1', msg_id_list: [sent.messageId] } }),
    );
    assert.equal(unreachable.httpStatusCode, 400);
    assert.match(unreachable.errorMsg!, /client cannot be reached/);
    assert.equal((await hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: '%DLQ%CG_DLQ', msg_id: sent.messageId })).total, 1);

    const resent = await hw.sendDlqMessageForRocketMq({ instance_id: huaweiId, body: { topic: '%DLQ%CG_DLQ', msg_id_list: [sent.messageId, 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF'] } });
    assert.deepEqual(resent.resend_results[0], { msg_id: sent.messageId });
    assert.equal(resent.resend_results[1].error_code, 'MessageNotFound');
    const again = await receiveUntil(c, (g) => g.some((m) => m.messageId === sent.messageId));
    const back = again.find((m) => m.messageId === sent.messageId)!;
    assert.equal(back.body.toString(), 'doomed');
    assert.equal(back.topic, 'T_DLQ');
    assert.deepEqual(back.keys, ['dlq-key']);
    const notDlq = await huaweiError(hw.sendDlqMessageForRocketMq({ instance_id: huaweiId, body: { topic: 'T_DLQ', msg_id_list: [sent.messageId] } }));
    assert.equal(notDlq.httpStatusCode, 400);
  });

  it('a reset to a time makes connected 5.x and 4.x consumers receive again from that time; older messages stay stored', async () => {
    const p = newProducer(shown.grpc_address, ['T_RESET']);
    await p.startup();
    for (let i = 0; i < 6; i++) await p.send({ topic: 'T_RESET', body: Buffer.from(`old-${i}`) });
    // Alibaba's reset time has whole seconds: the later batch starts at the next second.
    const resetAt = Math.ceil((Date.now() + 1) / 1000) * 1000;
    while (Date.now() < resetAt + 5) await pause(resetAt + 5 - Date.now());
    for (let i = 0; i < 6; i++) await p.send({ topic: 'T_RESET', body: Buffer.from(`new-${i}`) });
    await p.shutdown();

    const five = await consumer('CG_FIVE', 'T_RESET');
    const first5 = await receiveUntil(five, (g) => g.length >= 12);
    assert.equal(first5.length, 12);
    const four: string[] = [];
    const c4 = onsConsumer('CG_FOUR');
    c4.subscribe('T_RESET', '*', async (msg: { body: Buffer }) => {
      four.push(msg.body.toString());
    });
    await c4.ready();
    await eventually(() => four.length >= 12, 30_000);
    // The 4.x consumer has committed its progress.
    await eventually(async () => (await hw.showConsumerListOrDetails({ instance_id: huaweiId, group: 'CG_FOUR', topic: 'T_RESET' })).lag === 0);

    const r5 = await hw.resetConsumeOffset({ engine: 'reliability', instance_id: huaweiId, group: 'CG_FIVE', body: { topic: 'T_RESET', timestamp: resetAt } });
    assert.equal(r5.queues.length, 2);
    assert.equal(r5.queues.reduce((n: number, q: any) => n + q.timestamp_offset, 0), 6);
    four.length = 0;
    const resetTime = new Date(resetAt).toISOString().slice(0, 19).replace('T', ' ');
    await ali.resetConsumeOffset(alibabaId, 'CG_FOUR', 'T_RESET', new rmq.ResetConsumeOffsetRequest({ resetType: 'SPECIFIED_TIME', resetTime }));

    const again5 = await receiveUntil(five, (g) => g.length >= 6);
    assert.deepEqual(again5.map((m) => m.body.toString()).sort(), Array.from({ length: 6 }, (_, i) => `new-${i}`));
    await eventually(() => four.length >= 6, 30_000);
    assert.deepEqual([...four].sort(), Array.from({ length: 6 }, (_, i) => `new-${i}`));
    // The 4.x consumer's stale offsets were ignored and its progress after the reset committed.
    await eventually(async () => (await hw.showConsumerListOrDetails({ instance_id: huaweiId, group: 'CG_FOUR', topic: 'T_RESET' })).lag === 0);
    assert.equal((await five.receive(16, 15_000)).length, 0);
    assert.equal(four.length, 6);

    // ali-ons does not listen for CONSUME_MESSAGE_DIRECTLY: asked to verify a consumption, it cannot be reached.
    const onsId = (c4 as { clientId: string }).clientId;
    assert.match(onsId, /@/);
    const silent = await alibabaError(
      ali.verifyConsumeMessage(alibabaId, 'T_RESET', again5[0]!.messageId, new rmq.VerifyConsumeMessageRequest({ clientId: onsId, consumerGroupId: 'CG_FOUR' })),
    );
    assert.equal(silent.statusCode, 400);
    assert.match(silent.message, /client cannot be reached/);

    // The messages behind the reset point are still in the store.
    const stored = await hw.listMessagesForRocketMq({ instance_id: huaweiId, topic: 'T_RESET', start_time: '0', end_time: String(resetAt - 1) });
    assert.equal(stored.total, 6);

    // Latest and earliest through the other dialect's spellings.
    await ali.resetConsumeOffset(alibabaId, 'CG_FIVE', 'T_RESET', new rmq.ResetConsumeOffsetRequest({ resetType: 'LATEST_OFFSET' }));
    assert.equal((await hw.showConsumerListOrDetails({ instance_id: huaweiId, group: 'CG_FIVE', topic: 'T_RESET' })).lag, 0);
    const earliest = await hw.resetConsumeOffsetForRocketMq({ instance_id: huaweiId, group: 'CG_FIVE', body: { topic: 'T_RESET', timestamp: 0 } });
    assert.deepEqual(earliest.queues.map((q: any) => q.timestamp_offset), [0, 0]);
    assert.equal((await hw.showConsumerListOrDetails({ instance_id: huaweiId, group: 'CG_FIVE', topic: 'T_RESET' })).lag, 12);
    // Refusals name the field and change nothing.
    const noType = await alibabaError(ali.resetConsumeOffset(alibabaId, 'CG_FIVE', 'T_RESET', new rmq.ResetConsumeOffsetRequest({ resetType: 'SOMETIME' })));
    assert.equal(noType.statusCode, 400);
    assert.match(noType.message, /resetType/);
    const noTime = await alibabaError(ali.resetConsumeOffset(alibabaId, 'CG_FIVE', 'T_RESET', new rmq.ResetConsumeOffsetRequest({ resetType: 'SPECIFIED_TIME' })));
    assert.equal(noTime.statusCode, 400);
    assert.match(noTime.message, /resetTime/);
    const badTs = await huaweiError(hw.resetConsumeOffsetForRocketMq({ instance_id: huaweiId, group: 'CG_FIVE', body: { topic: 'T_RESET', timestamp: -5 } }));
    assert.equal(badTs.httpStatusCode, 400);
    assert.match(badTs.errorMsg!, /timestamp/);
    const noGroup = await huaweiError(hw.resetConsumeOffsetForRocketMq({ instance_id: huaweiId, group: 'CG_NONE', body: { topic: 'T_RESET', timestamp: 0 } }));
    assert.equal(noGroup.httpStatusCode, 404);
    assert.equal((await hw.showConsumerListOrDetails({ instance_id: huaweiId, group: 'CG_FIVE', topic: 'T_RESET' })).lag, 12);
  });
});
