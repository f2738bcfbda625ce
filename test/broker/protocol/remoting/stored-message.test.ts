import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import {
  MAGIC_V1, decodeMessageExt, decodeMessageExts, encodeMessageExt, type MessageExt,
} from '../../../../src/broker/protocol/remoting/stored-message.js';
import { RemotingError } from '../../../../src/broker/protocol/remoting/errors.js';
import { fixture } from './fixtures.js';

const require = createRequire(import.meta.url);
const AliMessageDecoder = require('ali-ons/lib/message/message_decoder.js');
const ByteBuffer = require('byte');

test('decodes the two golden stored messages (plain and deflated) back to back', () => {
  const [m1, m2, ...rest] = decodeMessageExts(fixture('stored-messages.bin'));
  assert.equal(rest.length, 0);
  assert.equal(m1!.topic, 'TopicRemoting');
  assert.equal(m1!.queueId, 2);
  assert.equal(m1!.body.toString(), 'hello-remoting-0');
  assert.deepEqual(m1!.bornHost, { ip: '192.0.2.2', port: 53211 });
  assert.deepEqual(m1!.storeHost, { ip: '127.0.0.1', port: 10911 });
  assert.equal(m1!.properties.TAGS, 'TagA');
  assert.equal(m1!.properties.UNIQ_KEY, 'C0000202000000000000000000000001');
  assert.equal(m1!.offsetMsgId, '7F00000100002A9F0000000000000000');
  assert.equal(m2!.sysFlag & 1, 1);
  assert.equal(m2!.queueOffset, 2);
  assert.equal(m2!.commitLogOffset, 1410);
  assert.equal(m2!.reconsumeTimes, 1);
  assert.equal(inflateSync(m2!.body).toString(), 'x'.repeat(6000));
  assert.equal(m2!.offsetMsgId, '7F00000100002A9F0000000000000582');
});

test('re-encoding the golden messages reproduces them byte for byte', () => {
  const bytes = fixture('stored-messages.bin');
  const msgs = decodeMessageExts(bytes);
  assert.deepEqual(Buffer.concat(msgs.map(encodeMessageExt)), bytes);
});

test('ali-ons decodes what Hangar encodes (and inflates the compressed body)', () => {
  const msgs = decodeMessageExts(fixture('stored-messages.bin'));
  const bb = ByteBuffer.allocate(1024 * 64);
  bb.put(Buffer.concat(msgs.map(encodeMessageExt))).flip();
  const ali = AliMessageDecoder.decodes(bb);
  assert.equal(ali.length, 2);
  assert.equal(ali[0].msgId, '7F00000100002A9F0000000000000000');
  assert.equal(ali[0].body.toString(), 'hello-remoting-0');
  assert.equal(ali[0].tags, 'TagA');
  assert.equal(ali[1].body.toString(), 'x'.repeat(6000));
  assert.equal(ali[1].commitLogOffset, 1410);
  assert.equal(ali[1].bornHost, '192.0.2.2:53211');
});

test('IPv6 hosts set the V6 sysFlag bits and long topics use magic V2', () => {
  const m: MessageExt = {
    topic: 't'.repeat(200), queueId: 1, flag: 0, queueOffset: 5, commitLogOffset: 99, sysFlag: 0, bornTimestamp: 1, storeTimestamp: 2,
    bornHost: { ip: '2001:db8::1', port: 1 }, storeHost: { ip: '::1', port: 10911 }, reconsumeTimes: 0, preparedTransactionOffset: 0,
    body: Buffer.from('b'), properties: {},
  };
  const b = encodeMessageExt(m);
  assert.notEqual(b.readInt32BE(4), MAGIC_V1);
  const { message } = decodeMessageExt(b);
  assert.equal(message.sysFlag & 0x30, 0x30);
  assert.equal(message.topic.length, 200);
  assert.deepEqual(message.bornHost, { ip: '2001:db8:0:0:0:0:0:1', port: 1 });
  assert.equal(message.offsetMsgId.length, 56);
});

const hostArb = fc.oneof(
  fc.ipV4().map((ip) => ({ ip, port: 0 })),
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 65535 })).map(([ip, port]) => ({ ip, port })),
);
const propsArb = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !k.includes('\u0001') && !k.includes('\u0002') && k !== '__proto__'),
  fc.string({ maxLength: 20 }).filter((v) => !v.includes('\u0001') && !v.includes('\u0002')),
  { maxKeys: 5 },
).map((d) => ({ ...d }));
const messageArb: fc.Arbitrary<MessageExt> = fc.record({
  topic: fc.string({ minLength: 1, maxLength: 150 }),
  queueId: fc.integer({ min: 0, max: 1023 }),
  flag: fc.integer({ min: -2147483648, max: 2147483647 }),
  queueOffset: fc.maxSafeNat(),
  commitLogOffset: fc.maxSafeNat(),
  sysFlag: fc.constantFrom(0, 1, 2, 4, 8, 12),
  bornTimestamp: fc.maxSafeNat(),
  bornHost: hostArb,
  storeTimestamp: fc.maxSafeNat(),
  storeHost: hostArb,
  reconsumeTimes: fc.integer({ min: 0, max: 64 }),
  preparedTransactionOffset: fc.maxSafeNat(),
  body: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  properties: propsArb,
}).map((m) => ({ ...m }));

test('property: encode then decode is the identity', () => {
  fc.assert(
    fc.property(fc.array(messageArb, { minLength: 1, maxLength: 4 }), (msgs) => {
      const decoded = decodeMessageExts(Buffer.concat(msgs.map(encodeMessageExt)));
      assert.equal(decoded.length, msgs.length);
      decoded.forEach((d, i) => {
        const { storeSize: _s, bodyCrc: _c, offsetMsgId: _o, ...rest } = d;
        assert.deepEqual({ ...rest, body: Buffer.from(rest.body) }, msgs[i]);
      });
    }),
    { numRuns: 300 },
  );
});

test('property: arbitrary or truncated bytes only ever raise RemotingError', () => {
  const good = fixture('stored-messages.bin');
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat({ max: good.length }), fc.nat({ max: good.length - 1 }), fc.nat({ max: 255 }), (junk, cut, at, byte) => {
      for (const input of [Buffer.from(junk), good.subarray(0, cut), Buffer.from(good).fill(byte, at, at + 1)]) {
        try {
          decodeMessageExts(input);
        } catch (e) {
          assert.ok(e instanceof RemotingError, String(e));
        }
      }
    }),
    { numRuns: 1000 },
  );
});
