import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { bodyCrc, crc32 } from '../../../../src/broker/protocol/remoting/crc32.js';

test('CRC-32 check value and the Java UtilAll.crc32 mask', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(bodyCrc(Buffer.from('123456789')), 0xcbf43926 & 0x7fffffff);
  assert.equal(crc32(Buffer.alloc(0)), 0);
});

const zlibCrc = (zlib as unknown as { crc32?: (b: Uint8Array) => number }).crc32;
test('agrees with zlib.crc32', { skip: zlibCrc === undefined }, () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 500 }), (a) => assert.equal(crc32(a), zlibCrc!(a))));
});
