// Huawei's rules for the shared field reader: a wrong type or value becomes a 400 naming the snake_case field, with the
// field's own DMS code where Huawei has one (DMS.00400800 otherwise); an empty or non-JSON body is DMS.00400004 /
// DMS.00400005.
import { DomainError, invalid, missing } from '../../domain/errors.js';
import { FieldReader, parseJsonObject, type FieldDialect, type FieldProblem, type Json } from '../http/fields.js';

export type { Json } from '../http/fields.js';

export const GENERIC_CODE = 'DMS.00400800';

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  boolean: 'a boolean',
  number: 'a number',
  integer: 'an integer',
  object: 'an object',
  array: 'an array',
  'string[]': 'an array of strings',
  'object[]': 'an array of objects',
  json: 'a JSON document',
};

const between = (min: number | undefined, max: number | undefined): string =>
  min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;

/** Huawei's wording of a field problem; list items are reported on the list itself. */
const huaweiMessage = (field: string, p: Exclude<FieldProblem, { kind: 'missing' }>): string => {
  switch (p.kind) {
    case 'type':
      return `The parameter ${field} must be ${TYPE_WORDS[p.expected]}.`;
    case 'length':
      if (p.of === 'items') return `The parameter ${field} must have ${between(p.min, p.max)} items.`;
      return p.max !== undefined ? `The parameter ${field} is longer than ${p.max} characters.` : `The parameter ${field} is shorter than ${p.min} characters.`;
    case 'range':
      return `The parameter ${field} must be ${between(p.min, p.max)}.`;
    case 'enum':
      return `The parameter ${field} must be one of ${p.allowed.join(', ')}.`;
    case 'pattern':
      return `The parameter ${field} is invalid${p.hint ? `: ${p.hint}` : ''}.`;
    case 'message':
      return p.message;
  }
};

/** Huawei's field rules; `codeOf` picks the DMS code of a field (DMS.00400800 unless told otherwise). */
export const huaweiFields = (codeOf: (field: string) => string = () => GENERIC_CODE): FieldDialect => ({
  fieldError: (field, p) => (p.kind === 'missing' ? missing(field, codeOf(field)) : invalid(field, huaweiMessage(field, p), codeOf(field))),
  bodyError: (p) =>
    p === 'empty'
      ? new DomainError('InvalidBody', 'The request body is empty.', { dialectCode: 'DMS.00400004' })
      : new DomainError('InvalidBody', p === 'syntax' ? 'The request body is not valid JSON.' : 'The request body must be a JSON object.', {
          dialectCode: 'DMS.00400005',
        }),
  // Huawei takes '' for a required string (its own rule then refuses it where it must not be empty).
  blankIsMissing: false,
  safeIntegers: true,
});

/** The rules of bodies whose fields have no code of their own (topics, groups, batch calls). */
export const HUAWEI_FIELDS = huaweiFields();

/** A reader over a Huawei body (or a part of one, under `prefix`). */
export const read = (b: Json, dialect: FieldDialect = HUAWEI_FIELDS, prefix = ''): FieldReader => new FieldReader(dialect, b, prefix);

/** A 400 with DMS.00400800 for a rule of the caller's own. */
export const bad = (field: string, message: string): DomainError => HUAWEI_FIELDS.fieldError(field, { kind: 'message', message });

/** The body as a JSON object, or DMS.00400004 (empty) / DMS.00400005 (not a JSON object). */
export const parseJsonObjectBody = (raw: Buffer): Json => parseJsonObject(raw, HUAWEI_FIELDS);

/** Huawei's rule for topic and group names created here: 3–64 of letters, digits, %, |, - and _. */
export function resourceName(b: Json, field: string): string {
  const v = read(b).string(field, { required: true })!;
  if (!/^[A-Za-z0-9%|_-]{3,64}$/.test(v)) throw bad(field, `The parameter ${field} must have 3 to 64 letters, digits, %, |, - or _.`);
  return v;
}

export function page(q: URLSearchParams, maxLimit = 50, defLimit = 10): { limit: number; offset: number } {
  const num = (k: string, def: number, min: number, max: number): number => {
    const raw = q.get(k);
    if (raw === null || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw bad(k, `The parameter ${k} must be an integer from ${min} to ${max}.`);
    return n;
  };
  return { limit: num('limit', defLimit, 1, maxLimit), offset: num('offset', 0, 0, Number.MAX_SAFE_INTEGER) };
}

export function paged<T>(items: readonly T[], p: { limit: number; offset: number }): { slice: T[]; next_offset: number; previous_offset: number } {
  const slice = items.slice(p.offset, p.offset + p.limit);
  return {
    slice,
    next_offset: p.offset + slice.length < items.length ? p.offset + slice.length : -1,
    previous_offset: p.offset > 0 ? Math.max(0, p.offset - p.limit) : -1,
  };
}
