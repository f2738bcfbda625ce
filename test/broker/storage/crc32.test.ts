import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { crc32, crc32Portable } from '../../../src/broker/storage/crc32.js';

test('crc32 matches the standard check values', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(crc32Portable(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(crc32(Buffer.alloc(0)), 0);
  assert.equal(crc32Portable(Buffer.from('The quick brown fox jumps over the lazy dog')), 0x414fa339);
});

test('the portable table implementation equals the native one, also when continued', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat({ max: 2000 }), (bytes, cut) => {
      const b = Buffer.from(bytes);
      const at = Math.min(cut, b.length);
      assert.equal(crc32Portable(b), crc32(b));
      assert.equal(crc32Portable(b.subarray(at), crc32Portable(b.subarray(0, at))), crc32(b));
    }),
  );
});
