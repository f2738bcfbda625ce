// Typed readers for Alibaba request bodies and query strings. Each failure is a DomainError naming the field
// as the caller spelled it (`productInfo.sendReceiveRatio`).
import { DomainError, invalid, missing } from '../../domain/errors.js';

export type Json = Record<string, unknown>;

const pathOf = (prefix: string, key: string): string => (prefix ? `${prefix}.${key}` : key);

/** Parses a JSON body; an absent body is `{}` (the SDK sends none for operations without body fields). */
export const parseJsonBody = (body: Buffer | string | undefined): Json => {
  const text = body === undefined ? '' : body.toString();
  if (text.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new DomainError('InvalidBody', 'The request body is not valid JSON.');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new DomainError('InvalidBody', 'The request body must be a JSON object.');
  return v as Json;
};

/** A reader over one JSON object (or a query map) that knows its path for error messages. */
export class Reader {
  constructor(
    readonly obj: Json,
    readonly prefix = '',
    /** Query strings carry everything as text: numbers and booleans are then parsed. */
    readonly fromQuery = false,
  ) {}

  static query(q: Record<string, string>): Reader {
    return new Reader(q, '', true);
  }

  field(key: string): string {
    return pathOf(this.prefix, key);
  }

  has(key: string): boolean {
    const v = this.obj[key];
    return v !== undefined && v !== null && !(this.fromQuery && v === '');
  }

  private raw(key: string, required: boolean): unknown {
    if (!this.has(key)) {
      if (required) throw missing(this.field(key));
      return undefined;
    }
    return this.obj[key];
  }

  string(key: string, opts: { required?: boolean; max?: number; min?: number; pattern?: RegExp; patternText?: string } = {}): string | undefined {
    const v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw invalid(this.field(key), `The parameter ${this.field(key)} must be a string.`);
    if (opts.required && v.trim() === '') throw missing(this.field(key));
    if (opts.min !== undefined && [...v].length < opts.min) {
      throw invalid(this.field(key), `The parameter ${this.field(key)} must have at least ${opts.min} characters.`);
    }
    if (opts.max !== undefined && [...v].length > opts.max) {
      throw invalid(this.field(key), `The parameter ${this.field(key)} must have at most ${opts.max} characters.`);
    }
    if (opts.pattern && !opts.pattern.test(v)) {
      throw invalid(this.field(key), `The parameter ${this.field(key)} is invalid${opts.patternText ? `: ${opts.patternText}` : ''}.`);
    }
    return v;
  }

  enumOf<T extends string>(key: string, values: readonly T[], opts: { required?: boolean } = {}): T | undefined {
    const v = this.string(key, opts);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) {
      throw invalid(this.field(key), `The parameter ${this.field(key)} must be one of ${values.join(', ')}; got ${JSON.stringify(v)}.`);
    }
    return v as T;
  }

  number(key: string, opts: { required?: boolean; min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    let v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    const f = this.field(key);
    if (this.fromQuery && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) v = Number(v);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(f, `The parameter ${f} must be a number.`);
    if (opts.integer && !Number.isInteger(v)) throw invalid(f, `The parameter ${f} must be an integer.`);
    if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) {
      throw invalid(f, `The parameter ${f} must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}; got ${v}.`);
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
    throw invalid(this.field(key), `The parameter ${this.field(key)} must be true or false.`);
  }

  object(key: string, opts: { required?: boolean } = {}): Reader | undefined {
    const v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw invalid(this.field(key), `The parameter ${this.field(key)} must be an object.`);
    return new Reader(v as Json, this.field(key));
  }

  array(key: string, opts: { required?: boolean; max?: number } = {}): unknown[] | undefined {
    const v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw invalid(this.field(key), `The parameter ${this.field(key)} must be an array.`);
    if (opts.max !== undefined && v.length > opts.max) {
      throw invalid(this.field(key), `The parameter ${this.field(key)} must have at most ${opts.max} items.`);
    }
    return v as unknown[];
  }

  stringArray(key: string, opts: { required?: boolean; max?: number; item?: (s: string, field: string) => void } = {}): string[] | undefined {
    const list = this.array(key, opts);
    if (list === undefined) return undefined;
    return list.map((s, i) => {
      const f = `${this.field(key)}[${i}]`;
      if (typeof s !== 'string') throw invalid(f, `The parameter ${f} must be a string.`);
      opts.item?.(s, f);
      return s;
    });
  }

  objectArray(key: string, opts: { required?: boolean; max?: number } = {}): Reader[] | undefined {
    const list = this.array(key, opts);
    if (list === undefined) return undefined;
    return list.map((o, i) => {
      const f = `${this.field(key)}[${i}]`;
      if (typeof o !== 'object' || o === null || Array.isArray(o)) throw invalid(f, `The parameter ${f} must be an object.`);
      return new Reader(o as Json, f);
    });
  }

  /** A query parameter that carries a JSON document (ListInstances.tags, TagResources.tag, …). */
  json(key: string, opts: { required?: boolean } = {}): unknown {
    const v = this.raw(key, opts.required ?? false);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      throw invalid(this.field(key), `The parameter ${this.field(key)} must be a JSON document.`);
    }
  }

  /** A comma-separated query list (the SDK's "simple" style arrays). */
  csv(key: string): string[] | undefined {
    const v = this.string(key);
    if (v === undefined) return undefined;
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 address or CIDR block (`10.0.0.0/8`). */
export const isIpOrCidr = (s: string): boolean => {
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || !ip || !IPV4.test(ip)) return false;
  return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
};
