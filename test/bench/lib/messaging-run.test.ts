import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readStamp, stampedBody } from '../../../bench/lib/messaging-run.js';

describe('bench message stamps', () => {
  it('carry the sequence number and send time in a body of the requested size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 4096 }), (seq, size) => {
        const before = process.hrtime.bigint();
        const body = stampedBody(seq, size);
        const { seq: got, sentNs } = readStamp(body);
        assert.equal(got, seq);
        assert.ok(sentNs >= before && sentNs <= process.hrtime.bigint());
        assert.equal(body.length, Math.max(size, 16));
      }),
    );
  });
});
