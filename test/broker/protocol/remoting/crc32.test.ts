import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { bodyCrc, crc32, crc32Table, NATIVE_MIN_BYTES } from '../../../../src/broker/protocol/remoting/crc32.js';

test('CRC-32 check value and the Java UtilAll.crc32 mask', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(bodyCrc(Buffer.from('123456789')), 0xcbf43926 & 0x7fffffff);
  assert.equal(crc32(Buffer.alloc(0)), 0);
});

const zlibCrc = (zlib as unknown as { crc32?: (b: Uint8Array) => number }).crc32;
test('agrees with zlib.crc32', { skip: zlibCrc === undefined }, () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 500 }), (a) => assert.equal(crc32(a), zlibCrc!(a))));
});

test('the byte table and the native path agree on both sides of NATIVE_MIN_BYTES', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: NATIVE_MIN_BYTES - 8, maxLength: NATIVE_MIN_BYTES + 8 }), (a) => assert.equal(crc32(a), crc32Table(a))),
  );
  const kib = Buffer.alloc(1024, 0xa5);
  assert.equal(crc32(kib), crc32Table(kib));
  assert.equal(crc32Table(Buffer.from('123456789')), 0xcbf43926);
});
