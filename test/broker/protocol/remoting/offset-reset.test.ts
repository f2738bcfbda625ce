// An offset reset seen by a 4.x consumer: its suspended pull is answered PULL_OFFSET_MOVED with the new offset, the stale
// offsets it commits before it pulls from there are ignored, and once it pulls from the reset point all is as usual.
import { SYSTEM } from '../../../../src/broker/engine/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestCode, ResponseCode } from '../../../../src/broker/protocol/remoting/codes.js';
import { decodeMessageExts } from '../../../../src/broker/protocol/remoting/stored-message.js';
import { group, startHarness, topic, until } from './harness.js';
import { RawClient } from './raw-client.js';

const queue = { brokerName: 'broker-a', queueId: 0 };
const pullFields = (queueOffset: number, extra: Record<string, string> = {}) => ({
  consumerGroup: 'CG_R', topic: 'T_R', queueId: '0', queueOffset: String(queueOffset), maxMsgNums: '32', sysFlag: '2',
  commitOffset: '0', suspendTimeoutMillis: '20000', subVersion: '0', ...extra,
});

test('a 4.x consumer takes an offset reset at its next pull and its stale commits are ignored', async () => {
  const h = await startHarness({ topics: [topic('T_R', 'NORMAL', 1)], groups: [group('CG_R')] });
  const c = await RawClient.connect(h.servers.brokerAddress);
  try {
    for (let i = 0; i < 5; i++) {
      await h.engine.send([{ topic: 'T_R', body: Buffer.from(`m${i}`), messageId: `AB0000000000000000000000000000${i}0`, messageType: 'NORMAL', bornTimestamp: Date.now() }], SYSTEM);
    }
    h.engine.commitOffset('CG_R', 'T_R', queue, 5, SYSTEM);
    // The consumer is caught up and waits in a suspended pull when the reset comes.
    const suspended = c.request(RequestCode.PULL_MESSAGE, pullFields(5));
    await until(() => h.engine.stats().longPolls > 0, 5_000, 'pull suspended');
    const reset = h.engine.resetOffset('CG_R', 'T_R', { kind: 'offset', offset: 2 });
    assert.deepEqual(reset, [{ brokerName: 'broker-a', queueId: 0, offset: 2 }]);
    const moved = await suspended;
    assert.equal(moved.code, ResponseCode.PULL_OFFSET_MOVED);
    assert.equal(moved.extFields.nextBeginOffset, '2');

    // Its stale offset, committed by UPDATE_CONSUMER_OFFSET or with a pull, is ignored until it pulls from 2.
    await c.request(RequestCode.UPDATE_CONSUMER_OFFSET, { consumerGroup: 'CG_R', topic: 'T_R', queueId: '0', commitOffset: '5' });
    assert.equal(h.engine.consumerOffset('CG_R', 'T_R', queue, SYSTEM), 2);
    const again = await c.request(RequestCode.PULL_MESSAGE, pullFields(5, { sysFlag: '3', commitOffset: '5' }));
    assert.equal(again.code, ResponseCode.PULL_OFFSET_MOVED);
    assert.equal(h.engine.consumerOffset('CG_R', 'T_R', queue, SYSTEM), 2);

    // From the reset point: the messages behind it were kept, and its commits count again.
    const r = await c.request(RequestCode.PULL_MESSAGE, pullFields(2, { sysFlag: '3', commitOffset: '2' }));
    assert.equal(r.code, ResponseCode.SUCCESS);
    assert.deepEqual(decodeMessageExts(r.body!).map((m) => m.body.toString()), ['m2', 'm3', 'm4']);
    await c.request(RequestCode.UPDATE_CONSUMER_OFFSET, { consumerGroup: 'CG_R', topic: 'T_R', queueId: '0', commitOffset: '5' });
    assert.equal(h.engine.consumerOffset('CG_R', 'T_R', queue, SYSTEM), 5);
    assert.equal(h.engine.queueRange('T_R', queue, SYSTEM).min, 0);
  } finally {
    c.close();
    await h.close();
  }
});
