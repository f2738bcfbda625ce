import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeOffsetMessageId, encodeOffsetMessageId, isOffsetMessageId } from '../../../../src/broker/protocol/remoting/message-id.js';
import { RemotingError } from '../../../../src/broker/protocol/remoting/errors.js';

test('matches the offset message ids of the trace', () => {
  assert.equal(encodeOffsetMessageId({ ip: '127.0.0.1', port: 10911 }, 0), '7F00000100002A9F0000000000000000');
  assert.equal(encodeOffsetMessageId({ ip: '::ffff:127.0.0.1', port: 10911 }, 0x8d), '7F00000100002A9F000000000000008D');
  assert.deepEqual(decodeOffsetMessageId('7F00000100002A9F00000000000001A7'), { storeHost: { ip: '127.0.0.1', port: 10911 }, commitLogOffset: 423 });
});

test('rejects what is not an offset message id', () => {
  assert.equal(isOffsetMessageId('C0A8000100002A9F'), false);
  assert.throws(() => decodeOffsetMessageId('zz'), RemotingError);
  assert.throws(() => decodeOffsetMessageId('7F00000100002A9FFFFFFFFFFFFFFFFF'), RemotingError);
});

test('property: round trip for IPv4 store hosts', () => {
  fc.assert(
    fc.property(fc.ipV4(), fc.integer({ min: 0, max: 65535 }), fc.maxSafeNat(), (ip, port, offset) => {
      const id = encodeOffsetMessageId({ ip, port }, offset);
      assert.equal(id.length, 32);
      assert.deepEqual(decodeOffsetMessageId(id), { storeHost: { ip, port }, commitLogOffset: offset });
    }),
  );
});
