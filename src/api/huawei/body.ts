// Reading Huawei request bodies field by field: a wrong type or value becomes a 400 naming the snake_case field, with
// the field's own DMS code where Huawei has one.
import { DomainError, invalid, missing } from '../../domain/errors.js';

export type Json = Record<string, unknown>;

export const GENERIC_CODE = 'DMS.00400800';

/** The body as a JSON object, or DMS.00400004 (empty) / DMS.00400005 (not a JSON object). */
export function parseJsonObjectBody(raw: Buffer): Json {
  const text = raw.toString('utf8');
  if (text.trim() === '') throw new DomainError('InvalidBody', 'The request body is empty.', { dialectCode: 'DMS.00400004' });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError('InvalidBody', 'The request body is not valid JSON.', { dialectCode: 'DMS.00400005' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('InvalidBody', 'The request body must be a JSON object.', { dialectCode: 'DMS.00400005' });
  }
  return body as Json;
}

const isAbsent = (v: unknown): v is undefined | null => v === undefined || v === null;

/** Typed field readers; `codeOf` picks the DMS code of a field (DMS.00400800 unless told otherwise). */
export class FieldReader {
  constructor(private readonly codeOf: (field: string) => string = () => GENERIC_CODE) {}

  bad(field: string, message: string): DomainError {
    return invalid(field, message, this.codeOf(field));
  }

  absent(field: string): DomainError {
    return missing(field, this.codeOf(field));
  }

  get(b: Json, field: string): unknown {
    return Object.hasOwn(b, field) ? b[field] : undefined;
  }

  optString(b: Json, field: string, path = field): string | undefined {
    const v = this.get(b, field);
    if (isAbsent(v)) return undefined;
    if (typeof v !== 'string') throw this.bad(path, `The parameter ${path} must be a string.`);
    return v;
  }

  reqString(b: Json, field: string): string {
    const v = this.optString(b, field);
    if (v === undefined) throw this.absent(field);
    return v;
  }

  /** An optional string of at most `max` characters. */
  optText(b: Json, field: string, max: number): string | undefined {
    const v = this.optString(b, field);
    if (v !== undefined && Array.from(v).length > max) throw this.bad(field, `The parameter ${field} is longer than ${max} characters.`);
    return v;
  }

  optBool(b: Json, field: string, path = field): boolean | undefined {
    const v = this.get(b, field);
    if (isAbsent(v)) return undefined;
    if (typeof v !== 'boolean') throw this.bad(path, `The parameter ${path} must be a boolean.`);
    return v;
  }

  optInt(b: Json, field: string, path = field): number | undefined {
    const v = this.get(b, field);
    if (isAbsent(v)) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw this.bad(path, `The parameter ${path} must be an integer.`);
    return v;
  }

  reqInt(b: Json, field: string): number {
    const v = this.optInt(b, field);
    if (v === undefined) throw this.absent(field);
    return v;
  }

  /** An optional integer within [min, max]. */
  optIntIn(b: Json, field: string, min: number, max: number): number | undefined {
    const v = this.optInt(b, field);
    if (v !== undefined && (v < min || v > max)) throw this.bad(field, `The parameter ${field} must be from ${min} to ${max}.`);
    return v;
  }

  oneOf<T extends string>(field: string, v: string, allowed: readonly T[]): T {
    if (!(allowed as readonly string[]).includes(v)) throw this.bad(field, `The parameter ${field} must be one of ${allowed.join(', ')}.`);
    return v as T;
  }

  optEnum<T extends string>(b: Json, field: string, allowed: readonly T[]): T | undefined {
    const v = this.optString(b, field);
    return v === undefined ? undefined : this.oneOf(field, v, allowed);
  }

  optStringArray(b: Json, field: string): string[] | undefined {
    const v = this.get(b, field);
    if (isAbsent(v)) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw this.bad(field, `The parameter ${field} must be an array of strings.`);
    return v as string[];
  }
}

/** Readers for bodies whose fields have no code of their own (topics, groups, batch calls). */
export const fields = new FieldReader();

/** Huawei's rule for topic and group names created here: 3–64 of letters, digits, %, |, - and _. */
export function resourceName(b: Json, field: string): string {
  const v = fields.reqString(b, field);
  if (!/^[A-Za-z0-9%|_-]{3,64}$/.test(v)) throw fields.bad(field, `The parameter ${field} must have 3 to 64 letters, digits, %, |, - or _.`);
  return v;
}

export function page(q: URLSearchParams, maxLimit = 50, defLimit = 10): { limit: number; offset: number } {
  const num = (k: string, def: number, min: number, max: number): number => {
    const raw = q.get(k);
    if (raw === null || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw fields.bad(k, `The parameter ${k} must be an integer from ${min} to ${max}.`);
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
