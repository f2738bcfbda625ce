import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { InvalidRecordError } from '../../../src/broker/storage/errors.js';
import {
  checkFrame,
  decodeHeader,
  decodeRecord,
  encodeRecord,
  recordSize,
  tagHashOf,
} from '../../../src/broker/storage/record-codec.js';
import { appendedView, arbRecord, record } from './helpers.js';

test('any record encodes and decodes to the same fields, body as a view', () => {
  fc.assert(
    fc.property(arbRecord, fc.nat({ max: 2 ** 40 }), fc.nat({ max: 2 ** 50 }), (r, queueOffset, storeTimestamp) => {
      const size = recordSize(r);
      const buf = Buffer.alloc(size + 10);
      const end = encodeRecord(buf, 5, size, r, storeTimestamp, queueOffset, tagHashOf(r.tag));
      assert.equal(end, 5 + size);
      assert.deepEqual(checkFrame(buf, 5, end), { ok: true, size });
      const m = decodeRecord(buf, 5, 777);
      assert.deepEqual(appendedView(m), appendedView(r));
      assert.equal(m.queueOffset, queueOffset);
      assert.equal(m.storeTimestamp, storeTimestamp);
      assert.equal(m.commitLogOffset, 777);
      assert.equal(m.storeSize, size);
      assert.equal(m.body.buffer, buf.buffer, 'body must be a view of the read buffer');
      const h = decodeHeader(buf, 5);
      assert.deepEqual([h.topic, h.messageId, h.keys, h.queueId, h.tagHash], [r.topic, r.messageId, r.keys ?? [], r.queueId, tagHashOf(r.tag)]);
    }),
  );
});

test('any single damaged byte or a cut frame is detected', () => {
  fc.assert(
    fc.property(arbRecord, fc.nat(), fc.integer({ min: 1, max: 255 }), (r, at, xor) => {
      const size = recordSize(r);
      const buf = Buffer.alloc(size);
      encodeRecord(buf, 0, size, r, 1, 2, tagHashOf(r.tag));
      const i = at % size;
      const damaged = Buffer.from(buf);
      damaged[i] = damaged[i]! ^ xor;
      assert.equal(checkFrame(damaged, 0, size).ok, false);
      assert.equal(checkFrame(buf, 0, i).ok, false, 'a frame cut short is never accepted');
    }),
  );
});

test('invalid records are refused with the field named', () => {
  assert.throws(() => recordSize(record('', 0, 'x')), (e: unknown) => e instanceof InvalidRecordError && e.field === 'topic');
  assert.throws(() => recordSize(record('t', -1, 'x')), (e: unknown) => e instanceof InvalidRecordError && e.field === 'queueId');
  assert.throws(() => recordSize(record('t', 0, 'x', { bornTimestamp: 1.5 })), (e: unknown) => e instanceof InvalidRecordError && e.field === 'bornTimestamp');
  assert.throws(() => recordSize(record('t', 0, 'x', { tag: 'x'.repeat(70000) })), (e: unknown) => e instanceof InvalidRecordError && e.field === 'tag');
  assert.equal(tagHashOf(undefined), 0);
  assert.notEqual(tagHashOf(''), 0);
});

test('property names that are special to JavaScript objects survive a round trip', () => {
  const properties: Record<string, string> = { constructor: 'c', toString: 't', '': 'empty' };
  Object.defineProperty(properties, '__proto__', { value: 'p', enumerable: true, writable: true, configurable: true });
  const r = record('t', 0, 'x', { properties });
  const size = recordSize(r);
  const buf = Buffer.alloc(size);
  encodeRecord(buf, 0, size, r, 1, 0, 0);
  const m = decodeRecord(buf, 0, 0);
  assert.deepEqual(Object.entries(m.properties).sort(), Object.entries(properties).sort());
  assert.equal(Object.getPrototypeOf(m.properties), Object.prototype);
});

test('short and long strings with non-ASCII characters anywhere are sized and written as UTF-8', () => {
  // The codec measures and writes short ASCII strings in JS and hands everything else to Buffer: every length around
  // its thresholds, with a multi-byte character, a surrogate pair or a lone surrogate at any position.
  const specials = ['é', '中', '😀', '\ud800', '\u007f', '\u0080'];
  for (let len = 0; len <= 20; len++) {
    for (const special of specials) {
      for (let at = 0; at <= len; at++) {
        const s = 'a'.repeat(at) + (len > 0 ? special : '') + 'b'.repeat(Math.max(0, len - at - 1));
        const r = record(`t${s}`, 0, s, { messageId: s, tag: s, keys: [s], properties: { [s]: s } });
        const size = recordSize(r);
        const buf = Buffer.alloc(size);
        assert.equal(encodeRecord(buf, 0, size, r, 1, 2, tagHashOf(r.tag)), size);
        assert.deepEqual(checkFrame(buf, 0, size), { ok: true, size });
        const m = decodeRecord(buf, 0, 0);
        const utf8 = (x: string): string => Buffer.from(x, 'utf8').toString('utf8'); // a lone surrogate becomes U+FFFD
        assert.equal(m.topic, utf8(`t${s}`));
        assert.equal(m.messageId, utf8(s));
        assert.equal(m.tag, utf8(s));
        assert.deepEqual(m.keys, [utf8(s)]);
        assert.deepEqual(m.properties, { [utf8(s)]: utf8(s) });
      }
    }
  }
});
