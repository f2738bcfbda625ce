// CONSUME_MESSAGE_DIRECTLY: a 4.x consumer is asked to consume one message and its ConsumeMessageDirectlyResult is the
// outcome; one that does not answer (as ali-ons) cannot be reached once the verify timeout passes.
import { SYSTEM } from '../../../../src/broker/engine/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestCode, ResponseCode } from '../../../../src/broker/protocol/remoting/codes.js';
import { createResponse, type RemotingCommand } from '../../../../src/broker/protocol/remoting/command.js';
import { encodeCommand } from '../../../../src/broker/protocol/remoting/frame.js';
import { decodeMessageExts } from '../../../../src/broker/protocol/remoting/stored-message.js';
import { ManualClock } from '../../../../src/domain/clock.js';
import { group, startHarness, topic, until } from './harness.js';
import { RawClient } from './raw-client.js';

const heartbeat = (clientID: string) =>
  Buffer.from(JSON.stringify({
    clientID,
    consumerDataSet: [{ groupName: 'CG_V', consumeType: 'CONSUME_PASSIVELY', messageModel: 'CLUSTERING', consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET', subscriptionDataSet: [{ topic: 'T_V', subString: '*', tagsSet: [], codeSet: [], subVersion: 1 }], unitMode: false }],
    producerDataSet: [],
  }));

test('a 4.x consumer asked to consume a message directly: its answer, or no answer in time', async () => {
  const clock = new ManualClock(Date.now());
  const h = await startHarness({ topics: [topic('T_V', 'NORMAL', 1)], groups: [group('CG_V')] }, { clock });
  h.engine.consumeVerifier = h.servers.consumeVerifier;
  const answering = await RawClient.connect(h.servers.brokerAddress);
  const silent = await RawClient.connect(h.servers.brokerAddress);
  try {
    await answering.request(RequestCode.HEART_BEAT, {}, heartbeat('10.0.0.1@answering'));
    await silent.request(RequestCode.HEART_BEAT, {}, heartbeat('10.0.0.2@silent'));
    const [sent] = await h.engine.send([{ topic: 'T_V', body: Buffer.from('check me'), messageId: 'CD000000000000000000000000000001', messageType: 'NORMAL', bornTimestamp: clock.now() }], SYSTEM);
    const asked = (c: RawClient): RemotingCommand | undefined => c.serverRequests.find((r) => r.code === RequestCode.CONSUME_MESSAGE_DIRECTLY);

    const verified = h.engine.verifyConsume('CG_V', 'T_V', '10.0.0.1@answering#CG_V', sent!.messageId);
    await until(() => asked(answering) !== undefined, 5_000, 'CONSUME_MESSAGE_DIRECTLY');
    const req = asked(answering)!;
    assert.deepEqual({ ...req.extFields }, { consumerGroup: 'CG_V', clientId: '10.0.0.1@answering', msgId: sent!.messageId, brokerName: 'broker-a' });
    assert.equal(decodeMessageExts(req.body!)[0]!.body.toString(), 'check me');
    const reply = createResponse(req, ResponseCode.SUCCESS, { body: Buffer.from(JSON.stringify({ order: false, autoCommit: true, consumeResult: 'CR_SUCCESS', spentTimeMills: 3 })) });
    reply.opaque = req.opaque;
    answering.socket.write(encodeCommand(reply));
    assert.deepEqual(await verified, { consumed: true, answer: 'CR_SUCCESS' });

    const refused = h.engine.verifyConsume('CG_V', 'T_V', '10.0.0.1@answering#CG_V', sent!.messageId);
    await until(() => answering.serverRequests.filter((r) => r.code === RequestCode.CONSUME_MESSAGE_DIRECTLY).length === 2, 5_000, 'second request');
    const req2 = answering.serverRequests.at(-1)!;
    const no = createResponse(req2, ResponseCode.SUCCESS, { body: Buffer.from(JSON.stringify({ consumeResult: 'CR_THROW_EXCEPTION', remark: 'listener threw' })) });
    no.opaque = req2.opaque;
    answering.socket.write(encodeCommand(no));
    assert.deepEqual(await refused, { consumed: false, answer: 'CR_THROW_EXCEPTION (listener threw)' });

    // No answer: once the verify timeout passes on the engine's clock, the client cannot be reached.
    const unanswered = h.engine.verifyConsume('CG_V', 'T_V', '10.0.0.2@silent#CG_V', sent!.messageId);
    await until(() => asked(silent) !== undefined, 5_000, 'request to the silent client');
    clock.advance(2_001);
    assert.deepEqual(await unanswered, { consumed: false, answer: 'client cannot be reached' });
    // A client of another group, or none at all, is not asked.
    assert.deepEqual(await h.engine.verifyConsume('CG_V', 'T_V', 'nobody#CG_V', sent!.messageId), { consumed: false, answer: 'client cannot be reached' });
    await assert.rejects(h.engine.verifyConsume('CG_V', 'T_V', '10.0.0.1@answering#CG_V', 'CD0000000000000000000000000000FF'), /not in topic/);
  } finally {
    answering.close();
    silent.close();
    await h.close();
  }
});
