import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { FrameDecoder, decodeFrame, encodeCommand } from '../../../../src/broker/protocol/remoting/frame.js';
import { createRequest, createResponse, type RemotingCommand } from '../../../../src/broker/protocol/remoting/command.js';
import { RequestCode, SERIALIZE_JSON, SERIALIZE_ROCKETMQ } from '../../../../src/broker/protocol/remoting/codes.js';
import { RemotingError } from '../../../../src/broker/protocol/remoting/errors.js';
import { fixture } from './fixtures.js';

const require = createRequire(import.meta.url);
// ali-ons' own command class: an independent implementation of the same frame format.
const AliRemotingCommand = require('ali-ons/lib/protocol/command/remoting_command.js');

const decodeAll = (bytes: Buffer, max?: number): RemotingCommand[] => new FrameDecoder(max).push(bytes);

test('decodes the 129-byte QUERY_CONSUMER_OFFSET frame of the reference, numbers normalised to strings', () => {
  const [cmd, ...rest] = decodeAll(fixture('json-query-consumer-offset.bin'));
  assert.equal(rest.length, 0);
  assert.equal(cmd!.code, RequestCode.QUERY_CONSUMER_OFFSET);
  assert.equal(cmd!.opaque, 1);
  assert.equal(cmd!.flag, 0);
  assert.equal(cmd!.version, 121);
  assert.equal(cmd!.language, 'JAVA');
  assert.equal(cmd!.serializeType, SERIALIZE_JSON);
  assert.deepEqual(cmd!.extFields, { topic: 'T', consumerGroup: 'G', queueId: '0' });
  assert.equal(cmd!.body, null);
});

test('decodes the traced SEND_MESSAGE_V2 with its body and control characters in properties', () => {
  const [cmd] = decodeAll(fixture('json-send-message-v2.bin'));
  assert.equal(cmd!.code, RequestCode.SEND_MESSAGE_V2);
  assert.equal(cmd!.extFields.i, 'TAGS\u0001TagA\u0002KEYS\u0001key-0\u0002');
  assert.equal(cmd!.extFields.b, 'TopicRemoting');
  assert.equal(cmd!.body!.toString(), 'hello-remoting-0');
});

test('decodes a Java END_TRANSACTION frame (oneway flag, serializeTypeCurrentRPC ignored)', () => {
  const [cmd] = decodeAll(fixture('json-end-transaction.bin'));
  assert.equal(cmd!.code, RequestCode.END_TRANSACTION);
  assert.equal(cmd!.flag, 2);
  assert.equal(cmd!.extFields.commitOrRollback, '8');
  assert.equal(cmd!.extFields.producerGroup, 'PG_TX');
});

test('decodes a binary-header LOCK_BATCH_MQ request and a binary response with remark', () => {
  const [req] = decodeAll(fixture('binary-lock-batch-mq.bin'));
  assert.equal(req!.serializeType, SERIALIZE_ROCKETMQ);
  assert.equal(req!.code, RequestCode.LOCK_BATCH_MQ);
  assert.equal(req!.version, 395);
  assert.equal(req!.opaque, 7);
  assert.deepEqual(JSON.parse(req!.body!.toString()).mqSet.length, 2);
  const [res] = decodeAll(fixture('binary-pull-not-found-response.bin'));
  assert.equal(res!.code, 19);
  assert.equal(res!.flag, 1);
  assert.equal(res!.remark, 'no new message');
  assert.deepEqual(res!.extFields, { nextBeginOffset: '3', minOffset: '0', maxOffset: '3', suggestWhichBrokerId: '0' });
  // Re-encoding reproduces the fixture byte for byte.
  assert.deepEqual(encodeCommand(res!), fixture('binary-pull-not-found-response.bin'));
  assert.deepEqual(encodeCommand(req!), fixture('binary-lock-batch-mq.bin'));
});

test('ali-ons decodes what Hangar encodes, and Hangar decodes what ali-ons encodes', () => {
  const req = createRequest(RequestCode.PULL_MESSAGE, { opaque: 5, extFields: { topic: 'T' } });
  const res = createResponse(req, 0, { extFields: { nextBeginOffset: '3', minOffset: '0' }, body: Buffer.from('abc') });
  const aliRes = AliRemotingCommand.decode(encodeCommand(res));
  assert.equal(aliRes.code, 0);
  assert.equal(aliRes.opaque, 5);
  assert.equal(aliRes.isResponseType, true);
  assert.equal(aliRes.extFields.nextBeginOffset, '3');
  assert.equal(aliRes.body.toString(), 'abc');

  const ali = AliRemotingCommand.createRequestCommand(RequestCode.GET_MAX_OFFSET, { topic: 'T', queueId: 3 });
  ali.body = Buffer.from('xyz');
  const [ours] = decodeAll(ali.encode());
  assert.equal(ours!.code, RequestCode.GET_MAX_OFFSET);
  assert.deepEqual(ours!.extFields, { topic: 'T', queueId: '3' });
  assert.equal(ours!.body!.toString(), 'xyz');
});

test('a response keeps the request serialize type and opaque', () => {
  const [req] = decodeAll(fixture('binary-lock-batch-mq.bin'));
  const res = createResponse(req!, 0, { body: Buffer.from('{}') });
  const [back] = decodeAll(encodeCommand(res));
  assert.equal(back!.serializeType, SERIALIZE_ROCKETMQ);
  assert.equal(back!.opaque, 7);
  assert.equal(back!.flag & 1, 1);
});

test('reassembles frames split at every byte and several frames in one chunk', () => {
  const all = Buffer.concat([fixture('json-send-message-v2.bin'), fixture('binary-lock-batch-mq.bin'), fixture('json-end-transaction.bin')]);
  const dec = new FrameDecoder();
  const got: RemotingCommand[] = [];
  for (let i = 0; i < all.length; i++) got.push(...dec.push(all.subarray(i, i + 1)));
  assert.deepEqual(got.map((c) => c.code), [310, 41, 37]);
  assert.equal(dec.pendingBytes, 0);
  assert.deepEqual(decodeAll(all).map((c) => c.code), [310, 41, 37]);
});

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof RemotingError, `expected RemotingError, got ${String(e)}`);
    return e.code;
  }
  return 'no error';
};

test('oversized, undersized, inconsistent and garbage frames are typed errors, and the decoder stays failed', () => {
  const big = Buffer.alloc(8);
  big.writeInt32BE(1024 * 1024 + 1, 0);
  assert.equal(codeOf(() => decodeAll(big, 1024 * 1024)), 'REMOTING_FRAME_TOO_LARGE');
  assert.equal(codeOf(() => decodeAll(Buffer.from([0, 0, 0, 2, 0, 0]))), 'REMOTING_FRAME_MALFORMED');
  assert.equal(codeOf(() => decodeAll(Buffer.from([0xff, 0xff, 0xff, 0xff]))), 'REMOTING_FRAME_MALFORMED');
  const hdrTooLong = Buffer.from([0, 0, 0, 5, 0, 0, 0, 9, 0x7b]);
  assert.equal(codeOf(() => decodeAll(hdrTooLong)), 'REMOTING_FRAME_MALFORMED');
  assert.equal(codeOf(() => decodeAll(Buffer.from([0, 0, 0, 6, 0, 0, 0, 2, 0x7b, 0x7d]))), 'REMOTING_HEADER_MALFORMED');
  assert.equal(codeOf(() => decodeAll(Buffer.from([0, 0, 0, 5, 0, 0, 0, 1, 0x7b]))), 'REMOTING_HEADER_MALFORMED');
  assert.equal(codeOf(() => decodeAll(Buffer.from([0, 0, 0, 4, 7, 0, 0, 0]))), 'REMOTING_SERIALIZE_TYPE_UNKNOWN');
  assert.equal(codeOf(() => decodeAll(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))), 'REMOTING_FRAME_TOO_LARGE');
  const dec = new FrameDecoder();
  assert.throws(() => dec.push(Buffer.from([0, 0, 0, 0])));
  assert.throws(() => dec.push(fixture('json-end-transaction.bin')), RemotingError);
});

test('a truncated frame yields nothing until the rest arrives', () => {
  const f = fixture('json-send-message-v2.bin');
  const dec = new FrameDecoder();
  assert.deepEqual(dec.push(f.subarray(0, f.length - 1)), []);
  assert.equal(dec.pendingBytes, f.length - 1);
  assert.equal(dec.push(f.subarray(f.length - 1)).length, 1);
});

const extFieldsArb = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'),
  fc.string({ maxLength: 40 }),
  { maxKeys: 8 },
);
const commandArb = (serializeType: 0 | 1): fc.Arbitrary<RemotingCommand> =>
  fc.record({
    code: serializeType === 1 ? fc.integer({ min: -32768, max: 32767 }) : fc.integer({ min: -2147483648, max: 2147483647 }),
    language: fc.constantFrom('JAVA', 'CPP', 'GO', 'NODE_JS', 'OTHER'),
    version: serializeType === 1 ? fc.integer({ min: -32768, max: 32767 }) : fc.integer({ min: 0, max: 100000 }),
    opaque: fc.integer({ min: -2147483648, max: 2147483647 }),
    flag: fc.integer({ min: 0, max: 3 }),
    remark: serializeType === 1 ? fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: null }) : fc.option(fc.string({ maxLength: 30 }), { nil: null }),
    extFields: extFieldsArb,
    body: fc.option(fc.uint8Array({ minLength: 1, maxLength: 64 }).map((a) => Buffer.from(a)), { nil: null }),
    serializeType: fc.constant(serializeType),
  }).map((c) => ({ ...c, extFields: { ...c.extFields } }));

test('property: encode then decode (in random chunks) is the identity, for both header types', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(commandArb(0), commandArb(1)), { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }), (cmds, cuts) => {
      const bytes = Buffer.concat(cmds.map(encodeCommand));
      const dec = new FrameDecoder();
      const got: RemotingCommand[] = [];
      let p = 0;
      let i = 0;
      while (p < bytes.length) {
        const n = cuts[i++ % cuts.length]!;
        got.push(...dec.push(bytes.subarray(p, p + n)));
        p += n;
      }
      assert.deepEqual(got, cmds);
    }),
    { numRuns: 300 },
  );
});

test('property: arbitrary bytes never crash the decoder with anything but a RemotingError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 3 }), (bytes, prefixKind) => {
      // Give the garbage a plausible length prefix often, so the header decoders get exercised too.
      const b = Buffer.from(bytes);
      const input = prefixKind === 0 ? b : Buffer.concat([Buffer.from([0, 0, (b.length >> 8) & 0xff, b.length & 0xff]), b]);
      try {
        new FrameDecoder(4096).push(input);
      } catch (e) {
        assert.ok(e instanceof RemotingError, String(e));
      }
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      try {
        decodeFrame(Buffer.from(bytes));
      } catch (e) {
        assert.ok(e instanceof RemotingError, String(e));
      }
    }),
    { numRuns: 2000 },
  );
});
