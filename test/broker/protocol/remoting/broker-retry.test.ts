import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestCode, ResponseCode } from '../../../../src/broker/protocol/remoting/codes.js';
import { decodeMessageExts } from '../../../../src/broker/protocol/remoting/stored-message.js';
import { encodeProperties } from '../../../../src/broker/protocol/remoting/properties.js';
import { group, startHarness, topic } from './harness.js';
import { RawClient } from './raw-client.js';

test('CONSUMER_SEND_MSG_BACK: %RETRY%<group> after the backoff, then %DLQ%<group> past max retries', async () => {
  const h = await startHarness({ topics: [topic('T_B', 'NORMAL', 1)], groups: [group('CG_B', { maxRetries: 1 })] });
  const c = await RawClient.connect(h.servers.brokerAddress);
  const pull = (t: string, offset: number) => c.request(RequestCode.PULL_MESSAGE, {
    consumerGroup: 'CG_B', topic: t, queueId: '0', queueOffset: String(offset), maxMsgNums: '32', sysFlag: '2', commitOffset: '0',
    suspendTimeoutMillis: '10000', subVersion: '0',
  });
  try {
    await c.request(RequestCode.SEND_MESSAGE_V2, {
      a: 'PG', b: 'T_B', c: 'TBW102', d: '4', e: '0', f: '0', g: String(Date.now()), h: '0', i: encodeProperties({ TAGS: 't', KEYS: 'kb' }), j: '0', k: 'false',
    }, Buffer.from('fail-me'));
    const [orig] = decodeMessageExts((await pull('T_B', 0)).body!);
    const back1 = await c.request(RequestCode.CONSUMER_SEND_MSG_BACK, {
      offset: String(orig!.commitLogOffset), group: 'CG_B', delayLevel: '0', originMsgId: orig!.offsetMsgId, originTopic: 'T_B', unitMode: 'false', maxReconsumeTimes: '16',
    });
    assert.equal(back1.code, ResponseCode.SUCCESS, back1.remark ?? '');
    // Held until due (engine backoff, 300 ms in the harness), then pulled from the retry topic.
    const r = await pull('%RETRY%CG_B', 0);
    assert.equal(r.code, ResponseCode.SUCCESS);
    const [retry] = decodeMessageExts(r.body!);
    assert.equal(retry!.body.toString(), 'fail-me');
    assert.equal(retry!.reconsumeTimes, 1);
    assert.equal(retry!.properties.RETRY_TOPIC, 'T_B');
    assert.equal(retry!.properties.TAGS, 't');
    assert.equal(retry!.properties.__HANGAR_RETRY_AT, undefined);

    // Failing again: the group allows 1 retry, so it goes to the DLQ.
    const back2 = await c.request(RequestCode.CONSUMER_SEND_MSG_BACK, {
      offset: String(retry!.commitLogOffset), group: 'CG_B', delayLevel: '0', originMsgId: retry!.offsetMsgId, originTopic: 'T_B', unitMode: 'false', maxReconsumeTimes: '16',
    });
    assert.equal(back2.code, ResponseCode.SUCCESS);
    const dlq = await pull('%DLQ%CG_B', 0);
    assert.equal(dlq.code, ResponseCode.SUCCESS);
    const [dead] = decodeMessageExts(dlq.body!);
    assert.equal(dead!.body.toString(), 'fail-me');
    assert.equal(dead!.properties.DLQ_ORIGIN_TOPIC, 'T_B');

    // Unknown offset and unknown group are refused.
    const bad = await c.request(RequestCode.CONSUMER_SEND_MSG_BACK, { offset: '999999', group: 'CG_B', delayLevel: '0' });
    assert.equal(bad.code, ResponseCode.SYSTEM_ERROR);
    const noGroup = await c.request(RequestCode.CONSUMER_SEND_MSG_BACK, { offset: String(orig!.commitLogOffset), group: 'NOPE', delayLevel: '0' });
    assert.equal(noGroup.code, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
  } finally {
    c.close();
    await h.close();
  }
});
