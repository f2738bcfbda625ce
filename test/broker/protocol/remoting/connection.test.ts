// Malformed frames close that connection cleanly; other clients keep working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { RequestCode, ResponseCode } from '../../../../src/broker/protocol/remoting/codes.js';
import { fixture } from './fixtures.js';
import { group, startHarness, topic } from './harness.js';
import { RawClient } from './raw-client.js';

const closedAfter = (address: string, bytes: Buffer[]): Promise<{ closed: boolean; data: number }> => {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    let data = 0;
    const s = net.connect(Number(port), host, () => {
      for (const b of bytes) s.write(b);
    });
    s.on('data', (d) => (data += d.length));
    s.on('error', () => {});
    s.on('close', () => resolve({ closed: true, data }));
    setTimeout(() => {
      s.destroy();
      resolve({ closed: false, data });
    }, 3000).unref();
  });
};

test('garbage, oversized, inconsistent and non-JSON frames close only their own connection', async () => {
  const h = await startHarness({ topics: [topic('T_C')], groups: [group('CG_C')] });
  const good = await RawClient.connect(h.servers.brokerAddress);
  try {
    // A long poll in flight on the good connection must survive the others' failures.
    const poll = good.request(RequestCode.PULL_MESSAGE, {
      consumerGroup: 'CG_C', topic: 'T_C', queueId: '0', queueOffset: '0', maxMsgNums: '1', sysFlag: '2', commitOffset: '0', suspendTimeoutMillis: '1500', subVersion: '0',
    });
    const oversized = Buffer.alloc(8);
    oversized.writeInt32BE(64 * 1024 * 1024, 0);
    const badHeaderLen = Buffer.from([0, 0, 0, 8, 0, 0, 1, 0, 1, 2, 3, 4]);
    const notJson = Buffer.concat([Buffer.from([0, 0, 0, 9, 0, 0, 0, 5]), Buffer.from('hello')]);
    const badType = Buffer.from([0, 0, 0, 4, 9, 0, 0, 0]);
    for (const bytes of [[Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')], [oversized], [badHeaderLen], [notJson], [badType], [Buffer.from([0, 0, 0, 1, 0])]]) {
      const r = await closedAfter(h.servers.brokerAddress, bytes);
      assert.equal(r.closed, true, `not closed after ${bytes[0]!.toString('hex')}`);
      assert.equal(r.data, 0, 'nothing answered on a broken stream');
    }
    // A valid frame followed by garbage in the same stream: the connection closes (requests in flight are dropped).
    const frame = fixture('json-query-consumer-offset.bin');
    const mixed = await closedAfter(h.servers.brokerAddress, [frame, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0])]);
    assert.equal(mixed.closed, true);
    // A truncated frame followed by the client hanging up: nothing to answer, nothing breaks.
    const [host, port] = h.servers.brokerAddress.split(':');
    const s = net.connect(Number(port), host, () => s.end(frame.subarray(0, 50)));
    s.on('error', () => {});
    await new Promise((r) => s.on('close', r));
    // The name server port is just as strict.
    assert.equal((await closedAfter(h.servers.namesrvAddress, [oversized])).closed, true);

    // Random bytes on many connections: the server survives them all.
    let seed = 12345;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 40; i++) {
      // A consistent length prefix, so each frame is complete and its garbage header gets decoded.
      const junk = Buffer.alloc(8 + (rnd() % 200));
      for (let j = 0; j < junk.length; j++) junk[j] = rnd() & 0xff;
      junk.writeInt32BE(junk.length - 4, 0);
      if (i % 2 === 0) junk.writeUInt32BE(((i % 4) << 23) | (rnd() % (junk.length - 8)), 4);
      await closedAfter(h.servers.brokerAddress, [junk]).catch(() => undefined);
    }

    const res = await poll;
    assert.equal(res.code, ResponseCode.PULL_NOT_FOUND);
    assert.deepEqual(Object.keys(res.extFields).sort(), ['maxOffset', 'minOffset', 'nextBeginOffset', 'suggestWhichBrokerId']);
    assert.equal((await good.request(RequestCode.GET_MAX_OFFSET, { topic: 'T_C', queueId: '0' })).code, ResponseCode.SUCCESS);
  } finally {
    good.close();
    await h.close();
  }
});
