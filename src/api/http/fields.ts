// One typed reader for request bodies and query strings, shared by both dialects. The reader finds what is wrong with a
// field (absent, wrong type, too long, out of range, …) and hands that to its dialect, whose hook turns it into the
// dialect's DomainError: its error code and a message naming the field as the caller spelled it (`bss_param.period_num`,
// `productInfo.sendReceiveRatio`, `ipWhitelists[2]`).
import type { DomainError } from '../../domain/errors.js';

export type Json = Record<string, unknown>;

/** What a field was expected to hold. `string[]` and `object[]` name an item by `index` when the item is wrong. */
export type FieldType = 'string' | 'boolean' | 'number' | 'integer' | 'object' | 'array' | 'string[]' | 'object[]' | 'json';

export type FieldProblem =
  | { kind: 'missing' }
  | { kind: 'type'; expected: FieldType; value: unknown; index?: number }
  | { kind: 'length'; of: 'characters' | 'items'; min?: number; max?: number; length: number }
  | { kind: 'range'; min?: number; max?: number; value: number }
  | { kind: 'enum'; allowed: readonly string[]; value: string }
  | { kind: 'pattern'; value: string; hint?: string }
  /** A rule of the caller's own, already worded. */
  | { kind: 'message'; message: string };

export type BodyProblem = 'empty' | 'syntax' | 'not-object';

/** What a dialect tells the reader: how its errors look and the few rules in which the two clouds differ. */
export interface FieldDialect {
  /** The dialect's error for one field. */
  fieldError(field: string, problem: FieldProblem): DomainError;
  /** The dialect's error for a body that is not a JSON object; undefined for 'empty' reads an empty body as {}. */
  bodyError(problem: BodyProblem): DomainError | undefined;
  /** A required string holding only white space counts as absent. */
  blankIsMissing: boolean;
  /** Integers must be safe integers (|n| ≤ 2^53 − 1); otherwise any finite whole number is one. */
  safeIntegers: boolean;
}

/**
 * How deep a request's JSON may nest. The APIs' deepest documented value is three levels down
 * (networkInfo.vpcInfo.vSwitches[i]); deeper bodies are refused before anything walks them recursively (storing one
 * thousands of levels deep overflowed the stack).
 */
export const MAX_JSON_DEPTH = 32;

/** The first top-level key (or '' for the value itself) under which `value` nests deeper than `max`, without recursion. */
export const tooDeep = (value: unknown, max = MAX_JSON_DEPTH): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const top = Array.isArray(value) ? [['', value] as const] : Object.entries(value).map(([k, v]) => [k, v] as const);
  for (const [key, v] of top) {
    let level: unknown[] = [v];
    for (let depth = 1; level.length > 0; depth++) {
      const next: unknown[] = [];
      for (const x of level) {
        if (typeof x !== 'object' || x === null) continue;
        for (const child of Array.isArray(x) ? x : Object.values(x)) next.push(child);
      }
      if (next.length > 0 && depth >= max) return key;
      level = next;
    }
  }
  return undefined;
};

const depthError = (dialect: FieldDialect, field: string): DomainError =>
  dialect.fieldError(field, { kind: 'message', message: `The parameter ${field} is nested deeper than ${MAX_JSON_DEPTH} levels.` });

/** A request body as a JSON object, or the dialect's error for an empty, unparsable or non-object body. */
export const parseJsonObject = (raw: Buffer | string | undefined, dialect: FieldDialect): Json => {
  const text = raw === undefined ? '' : raw.toString();
  if (text.trim() === '') {
    const e = dialect.bodyError('empty');
    if (e) throw e;
    return {};
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw dialect.bodyError('syntax')!;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw dialect.bodyError('not-object')!;
  const deep = tooDeep(v);
  if (deep !== undefined) throw depthError(dialect, deep);
  return v as Json;
};

const charCount = (s: string): number => {
  let n = 0;
  // Code points, not UTF-16 units (what the clouds count).
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    // A surrogate pair is one code point: count it at its low half.
    if (!(c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff)) n++;
  }
  return n;
};

/** A reader over one JSON object (or a query map) that knows its path for error messages. */
export class FieldReader {
  constructor(
    readonly dialect: FieldDialect,
    readonly obj: Json,
    readonly prefix = '',
    /** Query strings carry everything as text: numbers and booleans are then parsed, and '' is absent. */
    readonly fromQuery = false,
  ) {}

  /** The field's name as the caller spelled it, with the path of the enclosing objects. */
  field(key: string): string {
    return this.prefix ? `${this.prefix}.${key}` : key;
  }

  /** The dialect's error for `field` (a full path, as `field(key)` gives). */
  fail(field: string, problem: FieldProblem): DomainError {
    return this.dialect.fieldError(field, problem);
  }

  /** The dialect's error for a rule of the caller's own, with its message. */
  bad(field: string, message: string): DomainError {
    return this.dialect.fieldError(field, { kind: 'message', message });
  }

  missing(field: string): DomainError {
    return this.dialect.fieldError(field, { kind: 'missing' });
  }

  has(key: string): boolean {
    if (!Object.hasOwn(this.obj, key)) return false;
    const v = this.obj[key];
    return v !== undefined && v !== null && !(this.fromQuery && v === '');
  }

  /** The raw value, or undefined when the field is absent (missing, null, or '' in a query). */
  value(key: string): unknown {
    return this.has(key) ? this.obj[key] : undefined;
  }

  private raw(key: string, required: boolean): unknown {
    if (!this.has(key)) {
      if (required) throw this.missing(this.field(key));
      return undefined;
    }
    return this.obj[key];
  }

  private wrongType(key: string, expected: FieldType, value: unknown): DomainError {
    return this.fail(this.field(key), { kind: 'type', expected, value });
  }

  string(key: string, opts: { required?: boolean; max?: number; min?: number; pattern?: RegExp; patternText?: string } = {}): string | undefined {
    const v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    const f = this.field(key);
    if (typeof v !== 'string') throw this.wrongType(key, 'string', v);
    if (opts.required && this.dialect.blankIsMissing && v.trim() === '') throw this.missing(f);
    if (opts.min !== undefined || opts.max !== undefined) {
      const length = charCount(v);
      if (opts.min !== undefined && length < opts.min) throw this.fail(f, { kind: 'length', of: 'characters', min: opts.min, length });
      if (opts.max !== undefined && length > opts.max) throw this.fail(f, { kind: 'length', of: 'characters', max: opts.max, length });
    }
    if (opts.pattern && !opts.pattern.test(v)) {
      throw this.fail(f, opts.patternText === undefined ? { kind: 'pattern', value: v } : { kind: 'pattern', value: v, hint: opts.patternText });
    }
    return v;
  }

  /** `v` (the value of field `key`, read already) if it is one of `allowed`. */
  oneOf<T extends string>(key: string, v: string, allowed: readonly T[]): T {
    if (!(allowed as readonly string[]).includes(v)) throw this.fail(this.field(key), { kind: 'enum', allowed, value: v });
    return v as T;
  }

  enumOf<T extends string>(key: string, values: readonly T[], opts: { required?: boolean } = {}): T | undefined {
    const v = this.string(key, opts);
    return v === undefined ? undefined : this.oneOf(key, v, values);
  }

  number(key: string, opts: { required?: boolean; min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    let v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    const f = this.field(key);
    if (this.fromQuery && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) v = Number(v);
    const expected = opts.integer ? 'integer' : 'number';
    if (typeof v !== 'number' || !Number.isFinite(v)) throw this.wrongType(key, expected, v);
    if (opts.integer && !(this.dialect.safeIntegers ? Number.isSafeInteger(v) : Number.isInteger(v))) throw this.wrongType(key, expected, v);
    if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      const problem: FieldProblem = { kind: 'range', value: v };
      if (opts.min !== undefined) problem.min = opts.min;
      if (opts.max !== undefined) problem.max = opts.max;
      throw this.fail(f, problem);
    }
    return v;
  }

  integer(key: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    return this.number(key, { ...opts, integer: true });
  }

  boolean(key: string, opts: { required?: boolean } = {}): boolean | undefined {
    const v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    if (typeof v === 'boolean') return v;
    if (this.fromQuery && (v === 'true' || v === 'false')) return v === 'true';
    throw this.wrongType(key, 'boolean', v);
  }

  /** A nested object, read with the path of this field; its fields are JSON, even under a query. */
  object(key: string, opts: { required?: boolean } = {}): FieldReader | undefined {
    const v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw this.wrongType(key, 'object', v);
    return new FieldReader(this.dialect, v as Json, this.field(key));
  }

  array(key: string, opts: { required?: boolean; max?: number } = {}): unknown[] | undefined {
    return this.list(key, 'array', opts);
  }

  stringArray(key: string, opts: { required?: boolean; max?: number; item?: (s: string, field: string) => void } = {}): string[] | undefined {
    const list = this.list(key, 'string[]', opts);
    if (list === undefined) return undefined;
    const f = this.field(key);
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (typeof s !== 'string') throw this.fail(f, { kind: 'type', expected: 'string[]', value: s, index: i });
      opts.item?.(s, `${f}[${i}]`);
    }
    return list as string[];
  }

  objectArray(key: string, opts: { required?: boolean; max?: number } = {}): FieldReader[] | undefined {
    const list = this.list(key, 'object[]', opts);
    if (list === undefined) return undefined;
    const f = this.field(key);
    return list.map((o, i) => {
      if (typeof o !== 'object' || o === null || Array.isArray(o)) throw this.fail(f, { kind: 'type', expected: 'object[]', value: o, index: i });
      return new FieldReader(this.dialect, o as Json, `${f}[${i}]`);
    });
  }

  /** A query parameter that carries a JSON document (ListInstances.tags, TagResources.tag, …). */
  json(key: string, opts: { required?: boolean } = {}): unknown {
    const v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') return v;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw this.wrongType(key, 'json', v);
    }
    if (tooDeep(parsed) !== undefined) throw depthError(this.dialect, this.field(key));
    return parsed;
  }

  /** A comma-separated query list (the "simple" style arrays of the SDKs). */
  csv(key: string): string[] | undefined {
    const v = this.string(key);
    if (v === undefined) return undefined;
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  private list(key: string, expected: 'array' | 'string[]' | 'object[]', opts: { required?: boolean; max?: number }): unknown[] | undefined {
    const v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw this.wrongType(key, expected, v);
    if (opts.max !== undefined && v.length > opts.max) {
      throw this.fail(this.field(key), { kind: 'length', of: 'items', max: opts.max, length: v.length });
    }
    return v as unknown[];
  }
}
