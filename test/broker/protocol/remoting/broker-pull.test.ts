import { SYSTEM } from '../../../../src/broker/engine/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestCode, ResponseCode } from '../../../../src/broker/protocol/remoting/codes.js';
import { decodeMessageExts } from '../../../../src/broker/protocol/remoting/stored-message.js';
import { encodeProperties } from '../../../../src/broker/protocol/remoting/properties.js';
import { group, startHarness, topic, until } from './harness.js';
import { RawClient } from './raw-client.js';

const pullFields = (queueOffset: number, extra: Record<string, string> = {}) => ({
  consumerGroup: 'CG_P', topic: 'T_P', queueId: '0', queueOffset: String(queueOffset), maxMsgNums: '32', sysFlag: '2',
  commitOffset: '0', suspendTimeoutMillis: '20000', subVersion: '0', ...extra,
});

const send = (c: RawClient, body: string, tag: string) =>
  c.request(RequestCode.SEND_MESSAGE, {
    producerGroup: 'PG', topic: 'T_P', defaultTopic: 'TBW102', defaultTopicQueueNums: '4', queueId: '0', sysFlag: '0',
    bornTimestamp: String(Date.now()), flag: '0', properties: encodeProperties({ TAGS: tag }), reconsumeTimes: '0', unitMode: 'false',
  }, Buffer.from(body));

test('long polling: a suspended pull is answered when a 4.x or a 5.x producer sends; tag filters; offset corrections', async () => {
  const h = await startHarness({ topics: [topic('T_P', 'NORMAL', 1)], groups: [group('CG_P')] });
  const consumer = await RawClient.connect(h.servers.brokerAddress);
  const producer = await RawClient.connect(h.servers.brokerAddress);
  // The engine counts long polls in progress: wait for the pull to be suspended instead of sleeping.
  const suspended = () => until(() => h.engine.stats().longPolls > 0, 5_000, 'pull suspended');
  try {
    // Suspended, then woken by a 4.x send (SEND_MESSAGE, long header names).
    const first = consumer.request(RequestCode.PULL_MESSAGE, pullFields(0));
    await suspended();
    assert.equal((await send(producer, 'one', 'a')).code, ResponseCode.SUCCESS);
    const r1 = await first;
    assert.equal(r1.code, ResponseCode.SUCCESS);
    assert.deepEqual(decodeMessageExts(r1.body!).map((m) => m.body.toString()), ['one']);
    assert.deepEqual({ ...r1.extFields }, { nextBeginOffset: '1', minOffset: '0', maxOffset: '1', suggestWhichBrokerId: '0' });

    // Suspended, then woken by a message the engine stores for a 5.x producer.
    const second = consumer.request(RequestCode.PULL_MESSAGE, pullFields(1));
    await suspended();
    await h.engine.send([{ topic: 'T_P', body: Buffer.from('two'), messageId: 'AB000000000000000000000000000002', messageType: 'NORMAL', tag: 'b', bornTimestamp: Date.now() }], SYSTEM);
    const r2 = await second;
    assert.equal(r2.code, ResponseCode.SUCCESS);
    const [m2] = decodeMessageExts(r2.body!);
    assert.equal(m2!.properties.UNIQ_KEY, 'AB000000000000000000000000000002');
    assert.equal(m2!.properties.TAGS, 'b');

    // Tag filter: only 'a' wanted; the 'b' messages are skipped and the offset moves past them.
    await send(producer, 'three', 'b');
    await send(producer, 'four', 'a');
    const r3 = await consumer.request(RequestCode.PULL_MESSAGE, pullFields(1, { sysFlag: '6', subscription: 'a || c' }));
    assert.deepEqual(decodeMessageExts(r3.body!).map((m) => m.body.toString()), ['four']);
    assert.equal(r3.extFields.nextBeginOffset, '4');

    // Nothing new and no suspend flag: PULL_NOT_FOUND at once, all four offsets present.
    const r4 = await consumer.request(RequestCode.PULL_MESSAGE, pullFields(4, { sysFlag: '0' }));
    assert.equal(r4.code, ResponseCode.PULL_NOT_FOUND);
    assert.equal(r4.extFields.maxOffset, '4');
    // Beyond the end: PULL_OFFSET_MOVED to the max.
    const r5 = await consumer.request(RequestCode.PULL_MESSAGE, pullFields(99));
    assert.equal(r5.code, ResponseCode.PULL_OFFSET_MOVED);
    assert.equal(r5.extFields.nextBeginOffset, '4');
    // COMMIT_OFFSET flag stores the client's offset.
    await consumer.request(RequestCode.PULL_MESSAGE, pullFields(4, { sysFlag: '1', commitOffset: '3' }));
    assert.equal(h.engine.consumerOffset('CG_P', 'T_P', { brokerName: 'broker-a', queueId: 0 }, SYSTEM), 3);
    // Unknown group, SQL92 subscription.
    assert.equal((await consumer.request(RequestCode.PULL_MESSAGE, pullFields(0, { consumerGroup: 'NOPE' }))).code, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
    assert.equal((await consumer.request(RequestCode.PULL_MESSAGE, pullFields(0, { sysFlag: '4', subscription: 'a > 1', expressionType: 'SQL92' }))).code, ResponseCode.SUBSCRIPTION_PARSE_FAILED);

    // A pull suspended when its connection closes ends without harm to the server.
    const dangling = await RawClient.connect(h.servers.brokerAddress);
    void dangling.request(RequestCode.PULL_MESSAGE, pullFields(4));
    await suspended();
    dangling.close();
    await dangling.closed;
    assert.equal((await send(producer, 'five', 'a')).code, ResponseCode.SUCCESS);
  } finally {
    consumer.close();
    producer.close();
    await h.close();
  }
});
