import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError, invalid } from '../../../src/domain/errors.js';
import { FieldReader, parseJsonObject, type FieldDialect, type FieldProblem } from '../../../src/api/http/fields.js';
import { ALIBABA_FIELDS, Reader } from '../../../src/api/alibaba/read.js';
import { HUAWEI_FIELDS, huaweiFields, read } from '../../../src/api/huawei/body.js';

/** The error a reader call throws (fails the test when it throws none). */
const errorOf = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DomainError, String(e));
    return e;
  }
  assert.fail('no error thrown');
};

const brief = (e: DomainError): { code: string; field?: string; dialectCode?: string; message: string } => {
  const out: { code: string; field?: string; dialectCode?: string; message: string } = { code: e.code, message: e.message };
  if (e.field !== undefined) out.field = e.field;
  if (e.dialectCode !== undefined) out.dialectCode = e.dialectCode;
  return out;
};

describe('FieldReader with a dialect hook', () => {
  const seen: [string, FieldProblem][] = [];
  const recording: FieldDialect = {
    fieldError: (field, p) => {
      seen.push([field, p]);
      return invalid(field, p.kind, 'X');
    },
    bodyError: () => new DomainError('InvalidBody', 'body'),
    blankIsMissing: false,
    safeIntegers: true,
  };

  it('hands each problem to the hook with the full field path', () => {
    seen.length = 0;
    const r = new FieldReader(recording, { a: { b: 'x', n: 70, list: ['ok', 3] } });
    const inner = r.object('a')!;
    assert.equal(errorOf(() => inner.integer('b')).field, 'a.b');
    errorOf(() => inner.integer('n', { min: 1, max: 50 }));
    errorOf(() => inner.stringArray('list'));
    errorOf(() => inner.string('missing', { required: true }));
    assert.deepEqual(seen, [
      ['a.b', { kind: 'type', expected: 'integer', value: 'x' }],
      ['a.n', { kind: 'range', min: 1, max: 50, value: 70 }],
      ['a.list', { kind: 'type', expected: 'string[]', value: 3, index: 1 }],
      ['a.missing', { kind: 'missing' }],
    ]);
  });

  it('null is absent; query readers parse numbers and booleans and take "" as absent', () => {
    const r = new FieldReader(recording, { s: null });
    assert.equal(r.string('s', { required: false }), undefined);
    assert.equal(r.has('s'), false);
    assert.equal(r.has('constructor'), false, 'only own fields count');
    const q = new FieldReader(recording, { n: '12', b: 'false', e: '' }, '', true);
    assert.equal(q.integer('n'), 12);
    assert.equal(q.boolean('b'), false);
    assert.equal(q.string('e'), undefined);
  });

  it('safe integers only where the dialect says so', () => {
    const big = { n: 2 ** 60 };
    assert.equal(errorOf(() => new FieldReader(recording, big).integer('n')).message, 'type');
    assert.equal(new FieldReader({ ...recording, safeIntegers: false }, big).integer('n'), 2 ** 60);
  });
});

describe('Huawei field errors', () => {
  const b = { name: 7, flag: 'yes', n: 1.5, q: 99, kind: 'z', list: 'x', items: ['a', 1], desc: 'é'.repeat(5), empty: '' };
  const f = read(b);

  it('DMS.00400800 with Huawei wording; list items are reported on the list', () => {
    const cases: [() => unknown, string, string][] = [
      [() => f.string('name'), 'name', 'The parameter name must be a string.'],
      [() => f.boolean('flag'), 'flag', 'The parameter flag must be a boolean.'],
      [() => f.integer('n'), 'n', 'The parameter n must be an integer.'],
      [() => f.integer('q', { min: 1, max: 50 }), 'q', 'The parameter q must be from 1 to 50.'],
      [() => f.enumOf('kind', ['a', 'b']), 'kind', 'The parameter kind must be one of a, b.'],
      [() => f.stringArray('list'), 'list', 'The parameter list must be an array of strings.'],
      [() => f.stringArray('items'), 'items', 'The parameter items must be an array of strings.'],
      [() => f.string('desc', { max: 4 }), 'desc', 'The parameter desc is longer than 4 characters.'],
      [() => f.string('absent', { required: true }), 'absent', 'The parameter absent is mandatory.'],
    ];
    for (const [call, field, message] of cases) {
      const e = errorOf(call);
      assert.deepEqual(brief(e), { code: e.code, field, dialectCode: 'DMS.00400800', message });
    }
    assert.equal(errorOf(() => f.string('absent', { required: true })).code, 'MissingParameter');
    assert.equal(f.string('empty', { required: true }), '', 'Huawei takes an empty required string');
  });

  it('a field may carry its own DMS code', () => {
    const r = read({ name: 1 }, huaweiFields((field) => (field === 'name' ? 'DMS.00400010' : 'DMS.00400800')));
    assert.equal(errorOf(() => r.string('name')).dialectCode, 'DMS.00400010');
    assert.equal(errorOf(() => r.string('other', { required: true })).dialectCode, 'DMS.00400800');
  });

  it('bodies: empty DMS.00400004, not JSON or not an object DMS.00400005', () => {
    assert.equal(errorOf(() => parseJsonObject(Buffer.from(' '), HUAWEI_FIELDS)).dialectCode, 'DMS.00400004');
    assert.equal(errorOf(() => parseJsonObject(Buffer.from('{'), HUAWEI_FIELDS)).dialectCode, 'DMS.00400005');
    assert.equal(errorOf(() => parseJsonObject(Buffer.from('[]'), HUAWEI_FIELDS)).dialectCode, 'DMS.00400005');
    assert.deepEqual(parseJsonObject(Buffer.from('{"a":1}'), HUAWEI_FIELDS), { a: 1 });
  });
});

describe('Alibaba field errors', () => {
  const r = new Reader({ name: 7, flag: 'yes', n: 1.5, s: 'x', q: 99, kind: 'z', items: ['a', 1], objs: [{}, 2], blank: '  ', long: 'abcdef' });

  it('no dialect code, Alibaba wording; list items named by index; blank required strings are missing', () => {
    const cases: [() => unknown, string, string][] = [
      [() => r.string('name'), 'name', 'The parameter name must be a string.'],
      [() => r.boolean('flag'), 'flag', 'The parameter flag must be true or false.'],
      [() => r.integer('n'), 'n', 'The parameter n must be an integer.'],
      [() => r.integer('s'), 's', 'The parameter s must be a number.'],
      [() => r.number('q', { min: 0.25, max: 1 }), 'q', 'The parameter q must be between 0.25 and 1; got 99.'],
      [() => r.enumOf('kind', ['a', 'b']), 'kind', 'The parameter kind must be one of a, b; got "z".'],
      [() => r.stringArray('items'), 'items[1]', 'The parameter items[1] must be a string.'],
      [() => r.objectArray('objs'), 'objs[1]', 'The parameter objs[1] must be an object.'],
      [() => r.array('items', { max: 1 }), 'items', 'The parameter items must have at most 1 items.'],
      [() => r.string('long', { max: 3 }), 'long', 'The parameter long must have at most 3 characters.'],
      [() => r.string('long', { pattern: /^\d+$/, patternText: 'digits only' }), 'long', 'The parameter long is invalid: digits only.'],
      [() => r.string('blank', { required: true }), 'blank', 'The parameter blank is mandatory.'],
    ];
    for (const [call, field, message] of cases) {
      const e = errorOf(call);
      assert.deepEqual(brief(e), { code: e.code, field, message });
    }
    assert.equal(errorOf(() => r.string('blank', { required: true })).code, 'MissingParameter');
  });

  it('nested readers keep the dialect and the path', () => {
    const nested = new Reader({ productInfo: { ratio: 'x' } }).object('productInfo')!;
    assert.equal(nested.dialect, ALIBABA_FIELDS);
    assert.equal(errorOf(() => nested.number('ratio')).field, 'productInfo.ratio');
  });

  it('bodies: an empty body is {}, others must be JSON objects', () => {
    assert.deepEqual(parseJsonObject(undefined, ALIBABA_FIELDS), {});
    assert.deepEqual(parseJsonObject(Buffer.alloc(0), ALIBABA_FIELDS), {});
    assert.equal(errorOf(() => parseJsonObject('nope', ALIBABA_FIELDS)).code, 'InvalidBody');
    assert.equal(errorOf(() => parseJsonObject('null', ALIBABA_FIELDS)).message, 'The request body must be a JSON object.');
  });
});
