// The remoting backend's translation of ids: a message without UNIQ_KEY is stored under its offset message id, for
// IPv4 and IPv6 store hosts alike (the IPv6 form is 56 hex characters, not 32).
import { SYSTEM } from '../../../../src/broker/engine/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineRemotingBackend } from '../../../../src/broker/protocol/remoting/engine-backend.js';
import { decodeOffsetMessageId, encodeOffsetMessageId } from '../../../../src/broker/protocol/remoting/message-id.js';
import { incomingFromSend } from '../../../../src/broker/protocol/remoting/message-mapping.js';
import { openEngine } from '../../engine/engine-harness.js';

for (const storeHost of [{ ip: '127.0.0.1', port: 10911 }, { ip: '::1', port: 10911 }]) {
  test(`a 4.x message without UNIQ_KEY is known by its offset message id (store host ${storeHost.ip})`, async () => {
    const fx = await openEngine();
    try {
      await fx.engine.upsertTopic({ name: 'T', messageType: 'NORMAL', queueNum: 1, brokers: ['broker-a'], perm: 'all' });
      const backend = new EngineRemotingBackend(fx.engine, { clusterName: 'c', storeHost });
      const header = { topic: 'T', producerGroup: 'PG', sysFlag: 0, flag: 0, bornTimestamp: 1, reconsumeTimes: 0, properties: {} };
      const [a, b] = await backend.send([incomingFromSend(header, Buffer.from('a'), 1), incomingFromSend(header, Buffer.from('b'), 1)], undefined, '127.0.0.1:1', SYSTEM);
      for (const o of [a!, b!]) {
        assert.equal(o.messageId, encodeOffsetMessageId(storeHost, o.commitLogOffset));
        assert.equal(decodeOffsetMessageId(o.messageId).commitLogOffset, o.commitLogOffset);
        assert.equal((await fx.engine.messageById(o.messageId, SYSTEM))?.commitLogOffset, o.commitLogOffset);
      }
      assert.notEqual(a!.messageId, b!.messageId);
    } finally {
      await fx.cleanup();
    }
  });
}
