import { SYSTEM } from '../../../../src/broker/engine/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMessageByAnyId } from '../../../../src/broker/protocol/remoting/message-lookup.js';
import { decodeOffsetMessageId, encodeOffsetMessageId } from '../../../../src/broker/protocol/remoting/message-id.js';
import { group, ons, onsOptions, startHarness, topic } from './harness.js';

test('a message sent by ali-ons (no producer id) is known by its offset message id, found by it and by offset', async () => {
  const h = await startHarness({ topics: [topic('T_ID')], groups: [group('CG_ID')] });
  const producer = new ons.Producer(onsOptions(h, { producerGroup: 'PG_ID' }));
  try {
    await producer.ready();
    const r = await producer.send(new ons.Message('T_ID', 'x', 'find-me'));
    const storeHost = decodeOffsetMessageId(r.msgId).storeHost;
    const byOffset = await findMessageByAnyId(h.engine, r.msgId, SYSTEM, storeHost);
    assert.equal(byOffset?.body.toString(), 'find-me');
    // As on Apache RocketMQ: without UNIQ_KEY the message id is the offset message id the producer was given.
    assert.equal(byOffset.messageId, r.msgId);
    assert.equal((await h.engine.messageByCommitLogOffset(decodeOffsetMessageId(r.msgId).commitLogOffset, SYSTEM))?.messageId, r.msgId);
    // Another broker's offset id, garbage and unknown ids find nothing.
    const foreign = encodeOffsetMessageId({ ip: '10.0.0.1', port: 1 }, byOffset.commitLogOffset);
    assert.equal(await findMessageByAnyId(h.engine, foreign, SYSTEM, { ip: '10.0.0.1', port: 2 }), undefined);
    assert.equal(await findMessageByAnyId(h.engine, 'nope', SYSTEM, storeHost), undefined);
    assert.equal(await findMessageByAnyId(h.engine, 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF', SYSTEM, storeHost), undefined);
  } finally {
    await producer.close();
    await h.close();
  }
});
