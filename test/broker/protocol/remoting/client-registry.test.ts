import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientRegistry, parseHeartbeat } from '../../../../src/broker/protocol/remoting/client-registry.js';
import type { RemotingPeer } from '../../../../src/broker/protocol/remoting/peer.js';

// The traced ali-ons heartbeat body (rocketmq-remoting-trace.md, seq 37).
const TRACED = Buffer.from(JSON.stringify({
  clientID: '192.0.2.2@11948',
  consumerDataSet: [{
    groupName: 'CG_SPIKE', consumeType: 'CONSUME_PASSIVELY', messageModel: 'CLUSTERING', consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
    subscriptionDataSet: [
      { topic: 'TopicRemoting', subString: '*', classFilterMode: false, tagsSet: [], codeSet: [], subVersion: 1795303913222 },
      { topic: '%RETRY%CG_SPIKE', subString: '*', classFilterMode: false, tagsSet: [], codeSet: [], subVersion: 1795303913223 },
    ],
    unitMode: false,
  }],
  producerDataSet: [{ groupName: 'PG_SPIKE' }],
}));

const peer = (id: number): RemotingPeer => ({ id, remoteAddress: `10.0.0.${id}:1`, remoteIp: `10.0.0.${id}`, remotePort: 1, closed: false, sendOneway: () => {}, invoke: () => Promise.resolve(undefined) });

test('heartbeats register consumers and producers; unregister, connection close and expiry remove them', () => {
  let now = 1_000;
  const changed: string[] = [];
  const reg = new ClientRegistry(() => now, (g) => changed.push(g));
  const hb = parseHeartbeat(TRACED);
  assert.equal(hb.clientId, '192.0.2.2@11948');
  assert.deepEqual(hb.producerGroups, ['PG_SPIKE']);
  assert.equal(hb.consumers[0]!.subscriptions.length, 2);
  assert.equal(hb.consumers[0]!.subscriptions[0]!.expressionType, 'TAG');
  const p1 = peer(1);
  const p2 = peer(2);
  reg.heartbeat(p1, hb);
  reg.heartbeat(p2, { ...hb, clientId: '10.0.0.2@1' });
  reg.heartbeat(p1, hb); // a repeat is not a change
  assert.deepEqual(reg.consumerIds('CG_SPIKE'), ['10.0.0.2@1', '192.0.2.2@11948']);
  assert.deepEqual(changed, ['CG_SPIKE', 'CG_SPIKE']);
  assert.equal(reg.producerPeer('PG_SPIKE'), p1);
  assert.equal(reg.subscription('CG_SPIKE', 'TopicRemoting')?.subString, '*');
  assert.equal(reg.messageModel('CG_SPIKE'), 'CLUSTERING');
  reg.unregister('10.0.0.2@1', { consumerGroup: 'CG_SPIKE' });
  assert.deepEqual(reg.consumerIds('CG_SPIKE'), ['192.0.2.2@11948']);
  reg.heartbeat(p2, { ...hb, clientId: '10.0.0.2@1' });
  reg.connectionClosed(p1);
  assert.deepEqual(reg.consumerIds('CG_SPIKE'), ['10.0.0.2@1']);
  assert.equal(reg.producerPeer('PG_SPIKE'), p2);
  now += 200_000;
  reg.expire(120_000);
  assert.deepEqual(reg.consumerIds('CG_SPIKE'), []);
  assert.equal(reg.producerPeer('PG_SPIKE'), undefined);
  assert.throws(() => parseHeartbeat(Buffer.from('{not json')));
  assert.deepEqual(parseHeartbeat(null), { clientId: '', producerGroups: [], consumers: [] });
});
