import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMessageByAnyId } from '../../../../src/broker/protocol/remoting/message-lookup.js';
import { decodeOffsetMessageId } from '../../../../src/broker/protocol/remoting/message-id.js';
import { group, ons, onsOptions, startHarness, topic } from './harness.js';

test('a message sent by ali-ons is found by its offset id and by the unique id the broker gave it', async () => {
  const h = await startHarness({ topics: [topic('T_ID')], groups: [group('CG_ID')] });
  const producer = new ons.Producer(onsOptions(h, { producerGroup: 'PG_ID' }));
  try {
    await producer.ready();
    const r = await producer.send(new ons.Message('T_ID', 'x', 'find-me'));
    const storeHost = decodeOffsetMessageId(r.msgId).storeHost;
    const byOffset = await findMessageByAnyId(h.engine.store, r.msgId, storeHost);
    assert.equal(byOffset?.body.toString(), 'find-me');
    const byUnique = await findMessageByAnyId(h.engine.store, byOffset.messageId, storeHost);
    assert.equal(byUnique?.commitLogOffset, byOffset.commitLogOffset);
    // Another broker's offset id, garbage and unknown ids find nothing.
    assert.equal(await findMessageByAnyId(h.engine.store, r.msgId, { ip: '10.0.0.1', port: 1 }), undefined);
    assert.equal(await findMessageByAnyId(h.engine.store, 'nope', storeHost), undefined);
    assert.equal(await findMessageByAnyId(h.engine.store, 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF', storeHost), undefined);
  } finally {
    await producer.close();
    await h.close();
  }
});
