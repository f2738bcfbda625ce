import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeLogHandle, encodeLogHandle, newMessageId } from '../../../src/broker/engine/ids.js';

describe('engine ids', () => {
  it('recall and transaction handles round-trip and reject foreign prefixes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.stringMatching(/^[0-9A-F]{1,40}$/), (offset, id) => {
        const h = encodeLogHandle('R1.', offset, id);
        assert.deepEqual(decodeLogHandle('R1.', h), { offset, messageId: id });
        assert.equal(decodeLogHandle('T1.', h), undefined);
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => void decodeLogHandle('R1.', s)));
  });

  it('message ids are 32 upper-case hex chars and unique', () => {
    const ids = new Set(Array.from({ length: 1000 }, newMessageId));
    assert.equal(ids.size, 1000);
    for (const id of ids) assert.match(id, /^[0-9A-F]{32}$/);
  });
});
