import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeProperties, encodeProperties } from '../../../../src/broker/protocol/remoting/properties.js';

test('parses the properties string ali-ons sends', () => {
  assert.deepEqual(decodeProperties('TAGS\u0001TagA\u0002KEYS\u0001key-0\u0002'), { TAGS: 'TagA', KEYS: 'key-0' });
  assert.equal(encodeProperties({ TAGS: 'TagA', KEYS: 'key-0' }), 'TAGS\u0001TagA\u0002KEYS\u0001key-0\u0002');
  assert.deepEqual(decodeProperties(''), {});
  assert.deepEqual(decodeProperties('junk\u0002\u0001x\u0002A\u0001'), { A: '' });
});

test('property: round trip for separator-free names and values', () => {
  const clean = (s: string): boolean => !s.includes('\u0001') && !s.includes('\u0002');
  fc.assert(fc.property(
    fc.dictionary(fc.string({ minLength: 1 }).filter((k) => clean(k) && k !== '__proto__'), fc.string().filter(clean)).map((d) => ({ ...d })),
    (props) => assert.deepEqual(decodeProperties(encodeProperties(props)), props),
  ));
  fc.assert(fc.property(fc.string(), (s) => { decodeProperties(s); }));
});
