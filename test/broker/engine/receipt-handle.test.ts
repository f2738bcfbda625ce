import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EngineError } from '../../../src/broker/engine/errors.js';
import { decodeReceiptHandle, encodeReceiptHandle } from '../../../src/broker/engine/receipt-handle.js';

const handle = fc.record({
  epoch: fc.integer({ min: 0, max: 0x3fffffff }),
  seq: fc.integer({ min: 0, max: 2 ** 40 }),
  storeTopic: fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }),
  storeQueueId: fc.integer({ min: 0, max: 1024 * 64 }),
  offset: fc.integer({ min: 0, max: 2 ** 50 }),
});

describe('receipt handles', () => {
  it('round-trip every field, including topics with % and |', () => {
    fc.assert(fc.property(handle, (h) => assert.deepEqual(decodeReceiptHandle(encodeReceiptHandle(h)), { ...h })));
    const h = { epoch: 1, seq: 2, storeTopic: '%RETRY%g|x', storeQueueId: 1025, offset: 7 };
    assert.deepEqual(decodeReceiptHandle(encodeReceiptHandle(h)), h);
  });

  it('reject anything else with INVALID_RECEIPT_HANDLE, never another error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        try {
          decodeReceiptHandle(s);
        } catch (e) {
          assert.ok(e instanceof EngineError);
          assert.equal(e.code, 'INVALID_RECEIPT_HANDLE');
        }
      }),
    );
    assert.throws(() => decodeReceiptHandle(''), (e: EngineError) => e.code === 'INVALID_RECEIPT_HANDLE');
    assert.throws(() => decodeReceiptHandle('h1.a.b.c.d'), (e: EngineError) => e.code === 'INVALID_RECEIPT_HANDLE');
  });
});
