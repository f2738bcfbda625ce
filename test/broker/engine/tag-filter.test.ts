import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EngineError } from '../../../src/broker/engine/errors.js';
import { parseTagFilter } from '../../../src/broker/engine/tag-filter.js';

const tag = fc.string({ minLength: 1, maxLength: 12 }).filter((t) => !t.includes('|') && t.trim() === t && t !== '*' && t.length > 0);

describe('tag filter expressions', () => {
  it('match everything for *, empty or absent', () => {
    for (const e of ['*', '', ' * ', undefined, 'a||*']) {
      const f = parseTagFilter(e);
      assert.ok(f('x') && f(undefined));
    }
  });

  it('match exactly the listed tags of a||b||c', () => {
    fc.assert(
      fc.property(fc.uniqueArray(tag, { minLength: 1, maxLength: 5 }), tag, (tags, probe) => {
        const f = parseTagFilter(tags.join(' || '));
        for (const t of tags) assert.ok(f(t));
        assert.equal(f(probe), tags.includes(probe));
        assert.equal(f(undefined), false);
      }),
    );
  });

  it('refuse an expression that names no tag', () => {
    assert.throws(() => parseTagFilter('||'), (e: EngineError) => e.code === 'ILLEGAL_FILTER_EXPRESSION');
  });
});
