// Requests 4.x Java clients send and ali-ons never does, driven with golden frames and a raw socket: batches,
// queue locks with the binary header, transactions with the check-back, queries, queue offsets.
import { SYSTEM } from '../../../../src/broker/engine/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestCode, ResponseCode } from '../../../../src/broker/protocol/remoting/codes.js';
import { decodeMessageExts } from '../../../../src/broker/protocol/remoting/stored-message.js';
import { decodeOffsetMessageId } from '../../../../src/broker/protocol/remoting/message-id.js';
import { encodeProperties } from '../../../../src/broker/protocol/remoting/properties.js';
import { fixture } from './fixtures.js';
import { group, startHarness, topic } from './harness.js';
import { RawClient } from './raw-client.js';

const sendV2 = (topicName: string, queueId: number, props: Record<string, string>, extra: Record<string, string> = {}) => ({
  a: 'PG_RAW', b: topicName, c: 'TBW102', d: '4', e: String(queueId), f: '0', g: String(Date.now()), h: '0',
  i: encodeProperties(props), j: '0', k: 'false', ...extra,
});

test('SEND_BATCH_MESSAGE (golden body) lands in one queue; offsets, search and queries see it', async () => {
  const h = await startHarness({ topics: [topic('T_RAW', 'NORMAL', 2)], groups: [group('CG_RAW')] });
  const c = await RawClient.connect(h.servers.brokerAddress);
  try {
    const res = await c.request(RequestCode.SEND_BATCH_MESSAGE, { ...sendV2('T_RAW', 1, {}), m: 'true' }, fixture('batch-body.bin'));
    assert.equal(res.code, ResponseCode.SUCCESS, res.remark ?? '');
    assert.equal(res.extFields.queueId, '1');
    assert.equal(res.extFields.msgId!.split(',').length, 2);
    const max = await c.request(RequestCode.GET_MAX_OFFSET, { topic: 'T_RAW', queueId: '1' });
    assert.equal(max.extFields.offset, '2');
    const min = await c.request(RequestCode.GET_MIN_OFFSET, { topic: 'T_RAW', queueId: '1' });
    assert.equal(min.extFields.offset, '0');
    const search = await c.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, { topic: 'T_RAW', queueId: '1', timestamp: String(Date.now() + 60_000) });
    assert.equal(search.extFields.offset, '2');
    const search0 = await c.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, { topic: 'T_RAW', queueId: '1', timestamp: '0' });
    assert.equal(search0.extFields.offset, '0');

    // Pull them back (no long poll): UNIQ_KEYs of the batch are the messages' ids.
    const pull = await c.request(RequestCode.PULL_MESSAGE, {
      consumerGroup: 'CG_RAW', topic: 'T_RAW', queueId: '1', queueOffset: '0', maxMsgNums: '32', sysFlag: '0', commitOffset: '0',
      suspendTimeoutMillis: '0', subVersion: '0',
    });
    assert.equal(pull.code, ResponseCode.SUCCESS);
    assert.equal(pull.extFields.nextBeginOffset, '2');
    const msgs = decodeMessageExts(pull.body!);
    assert.deepEqual(msgs.map((m) => m.body.toString()), ['batch-0', 'batch-1']);
    assert.equal(msgs[0]!.properties.UNIQ_KEY, 'C0000202000000000000000000000010');
    assert.equal(msgs[1]!.flag, 3);

    // VIEW_MESSAGE_BY_ID with the offset id from the send response; QUERY_MESSAGE by key and by unique key.
    const firstId = res.extFields.msgId!.split(',')[0]!;
    const view = await c.request(RequestCode.VIEW_MESSAGE_BY_ID, { offset: String(decodeOffsetMessageId(firstId).commitLogOffset) });
    assert.equal(view.code, ResponseCode.SUCCESS);
    assert.equal(decodeMessageExts(view.body!)[0]!.offsetMsgId, firstId);
    const byKey = await c.request(RequestCode.QUERY_MESSAGE, { topic: 'T_RAW', key: 'k0', maxNum: '32', beginTimestamp: '0', endTimestamp: String(Date.now() + 1000) });
    assert.equal(byKey.code, ResponseCode.SUCCESS);
    assert.equal(decodeMessageExts(byKey.body!)[0]!.body.toString(), 'batch-0');
    const byUniq = await c.request(RequestCode.QUERY_MESSAGE, {
      topic: 'T_RAW', key: 'C0000202000000000000000000000011', maxNum: '32', beginTimestamp: '0', endTimestamp: String(Date.now() + 1000), _UNIQUE_KEY_QUERY: 'true',
    });
    assert.equal(decodeMessageExts(byUniq.body!)[0]!.body.toString(), 'batch-1');
    const none = await c.request(RequestCode.QUERY_MESSAGE, { topic: 'T_RAW', key: 'nope', maxNum: '32', beginTimestamp: '0', endTimestamp: '9999999999999' });
    assert.equal(none.code, ResponseCode.QUERY_NOT_FOUND);

    // Offsets: a new group starts at 0 while the queue holds its first message; updates are read back.
    const q0 = await c.request(RequestCode.QUERY_CONSUMER_OFFSET, { topic: 'T_RAW', consumerGroup: 'CG_RAW', queueId: '1' });
    assert.equal(q0.extFields.offset, '0');
    await c.request(RequestCode.UPDATE_CONSUMER_OFFSET, { topic: 'T_RAW', consumerGroup: 'CG_RAW', queueId: '1', commitOffset: '2' });
    const q1 = await c.request(RequestCode.QUERY_CONSUMER_OFFSET, { topic: 'T_RAW', consumerGroup: 'CG_RAW', queueId: '1' });
    assert.equal(q1.extFields.offset, '2');

    // Unknown topic, unknown request code, illegal queue.
    assert.equal((await c.request(RequestCode.GET_MAX_OFFSET, { topic: 'NOPE', queueId: '0' })).code, ResponseCode.TOPIC_NOT_EXIST);
    assert.equal((await c.request(9999)).code, ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    assert.equal((await c.request(RequestCode.GET_MAX_OFFSET, { topic: 'T_RAW', queueId: '7' })).code, ResponseCode.SYSTEM_ERROR);
  } finally {
    c.close();
    await h.close();
  }
});

test('LOCK_BATCH_MQ / UNLOCK_BATCH_MQ with the binary (ROCKETMQ) header: one holder per queue', async () => {
  const h = await startHarness({ topics: [topic('T_ORDER', 'FIFO', 2)], groups: [group('CG_ORDER', { consumeOrderly: true })] });
  const c = await RawClient.connect(h.servers.brokerAddress);
  try {
    const res = await c.sendFrame(fixture('binary-lock-batch-mq.bin'), 7);
    assert.equal(res.serializeType, 1, 'answered with the request serialize type');
    assert.equal(res.code, ResponseCode.SUCCESS);
    assert.equal(JSON.parse(res.body!.toString()).lockOKMQSet.length, 2);
    const other = { consumerGroup: 'CG_ORDER', clientId: '10.0.0.6@1', mqSet: [{ topic: 'T_ORDER', brokerName: 'broker-a', queueId: 0 }] };
    const denied = await c.request(RequestCode.LOCK_BATCH_MQ, {}, Buffer.from(JSON.stringify(other)), 1);
    assert.deepEqual(JSON.parse(denied.body!.toString()).lockOKMQSet, []);
    const unlock = { consumerGroup: 'CG_ORDER', clientId: '10.0.0.5@4242', mqSet: [{ topic: 'T_ORDER', brokerName: 'broker-a', queueId: 0 }] };
    assert.equal((await c.request(RequestCode.UNLOCK_BATCH_MQ, {}, Buffer.from(JSON.stringify(unlock)), 1)).code, ResponseCode.SUCCESS);
    const granted = await c.request(RequestCode.LOCK_BATCH_MQ, {}, Buffer.from(JSON.stringify(other)), 1);
    assert.equal(JSON.parse(granted.body!.toString()).lockOKMQSet.length, 1);
  } finally {
    c.close();
    await h.close();
  }
});

test('transactions: half message invisible until END_TRANSACTION commit; rollback drops; check-back reaches the producer', async () => {
  const h = await startHarness(
    { topics: [topic('T_TX', 'TRANSACTION', 1)], groups: [group('CG_TX')] },
    { tunables: { txnCheckDelayMs: 200, txnCheckIntervalMs: 200 } },
  );
  h.engine.transactionChecker = h.servers.transactionChecker;
  const c = await RawClient.connect(h.servers.brokerAddress);
  try {
    // The producer announces itself (the check-back needs a live producer of the group).
    await c.request(RequestCode.HEART_BEAT, {}, Buffer.from(JSON.stringify({ clientID: '10.0.0.9@77', producerDataSet: [{ groupName: 'PG_RAW' }], consumerDataSet: [] })));
    const half = (uniq: string) => c.request(RequestCode.SEND_MESSAGE_V2,
      sendV2('T_TX', 0, { TRAN_MSG: 'true', PGROUP: 'PG_RAW', UNIQ_KEY: uniq }, { f: '4' }), Buffer.from(`tx-${uniq}`));
    const commitMe = await half('AC000000000000000000000000000001');
    assert.equal(commitMe.code, ResponseCode.SUCCESS, commitMe.remark ?? '');
    assert.ok(commitMe.extFields.transactionId);
    const rollMe = await half('AC000000000000000000000000000002');
    const checkMe = await half('AC000000000000000000000000000003');
    const range = () => h.engine.queueRange('T_TX', { brokerName: 'broker-a', queueId: 0 }, SYSTEM).max;
    assert.equal(range(), 0, 'half messages are not visible');

    const end = (r: typeof commitMe, uniq: string, how: string) => c.request(RequestCode.END_TRANSACTION, {
      producerGroup: 'PG_RAW', tranStateTableOffset: '0', commitLogOffset: String(decodeOffsetMessageId(r.extFields.msgId!).commitLogOffset),
      commitOrRollback: how, fromTransactionCheck: 'false', msgId: uniq, transactionId: r.extFields.transactionId!,
    });
    assert.equal((await end(commitMe, 'AC000000000000000000000000000001', '8')).code, ResponseCode.SUCCESS);
    assert.equal((await end(rollMe, 'AC000000000000000000000000000002', '12')).code, ResponseCode.SUCCESS);
    assert.equal(range(), 1);

    // The third is left open: the broker asks this connection (CHECK_TRANSACTION_STATE) with the half message.
    const deadline = Date.now() + 10_000;
    while (!c.serverRequests.some((r) => r.code === RequestCode.CHECK_TRANSACTION_STATE) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const check = c.serverRequests.find((r) => r.code === RequestCode.CHECK_TRANSACTION_STATE)!;
    assert.ok(check, 'check-back received');
    assert.equal(check.extFields.transactionId, checkMe.extFields.transactionId);
    const [m] = decodeMessageExts(check.body!);
    assert.equal(m!.topic, 'T_TX');
    assert.equal(m!.properties.PGROUP, 'PG_RAW');
    assert.equal(m!.properties.UNIQ_KEY, 'AC000000000000000000000000000003');
    assert.equal(m!.body.toString(), 'tx-AC000000000000000000000000000003');
    // Answer as a Java producer does (oneway END_TRANSACTION, fromTransactionCheck): committed.
    await c.request(RequestCode.END_TRANSACTION, {
      producerGroup: 'PG_RAW', tranStateTableOffset: check.extFields.tranStateTableOffset!, commitLogOffset: check.extFields.commitLogOffset!,
      commitOrRollback: '8', fromTransactionCheck: 'true', msgId: 'AC000000000000000000000000000003', transactionId: check.extFields.transactionId!,
    });
    assert.equal(range(), 2);
    // A repeated decision is refused without harming the connection.
    assert.equal((await end(commitMe, 'AC000000000000000000000000000001', '8')).code, ResponseCode.SYSTEM_ERROR);
  } finally {
    c.close();
    await h.close();
  }
});

test('two logical brokers behind one remoting address: 4.x queue ids run across both brokers, 5.x sees the same queues', async () => {
  const h = await startHarness(
    { topics: [{ ...topic('T_AB', 'NORMAL', 2), brokers: ['broker-a', 'broker-b'] }], groups: [group('CG_AB')] },
    { brokerNames: ['broker-a', 'broker-b'] },
  );
  const c = await RawClient.connect(h.servers.brokerAddress);
  try {
    for (const q of [0, 3]) {
      const r = await c.request(RequestCode.SEND_MESSAGE_V2, sendV2('T_AB', q, { TAGS: 'x' }), Buffer.from(`q${q}`));
      assert.equal(r.extFields.queueId, String(q));
    }
    const status = h.engine.topicStatus('T_AB');
    const max = (b: string, id: number) => status.brokers.find((x) => x.brokerName === b)!.queues.find((x) => x.id === id)!.maxOffset;
    assert.equal(max('broker-a', 0), 1);
    assert.equal(max('broker-b', 1), 1, '4.x queue 3 is broker-b queue 1');
    const pull = await c.request(RequestCode.PULL_MESSAGE, {
      consumerGroup: 'CG_AB', topic: 'T_AB', queueId: '3', queueOffset: '0', maxMsgNums: '32', sysFlag: '0', commitOffset: '0', suspendTimeoutMillis: '0', subVersion: '0',
    });
    const [m] = decodeMessageExts(pull.body!);
    assert.equal(m!.body.toString(), 'q3');
    assert.equal(m!.queueId, 3);
  } finally {
    c.close();
    await h.close();
  }
});
