import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DeadlineQueue } from '../../../src/broker/engine/deadline-queue.js';

describe('DeadlineQueue', () => {
  it('fires every item once, in deadline order, with one timer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }), async (delays) => {
        const fired: number[] = [];
        const start = Date.now();
        const q = new DeadlineQueue<number>((items) => fired.push(...items));
        delays.forEach((d, i) => q.add(start + d, i));
        const keep = setTimeout(() => undefined, 1000);
        while (fired.length < delays.length) await new Promise((r) => setTimeout(r, 5));
        clearTimeout(keep);
        q.close();
        assert.equal(new Set(fired).size, delays.length);
        for (let k = 1; k < fired.length; k++) assert.ok(delays[fired[k - 1]!]! <= delays[fired[k]!]! + 5);
      }),
      { numRuns: 15 },
    );
  });
});
