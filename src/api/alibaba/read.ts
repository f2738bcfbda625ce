// Alibaba's rules for the shared field reader: each failure is a DomainError naming the field as the caller spelled it
// (`productInfo.sendReceiveRatio`, `ipWhitelists[2]`); Alibaba's error mapping gives it its code and envelope.
import { DomainError, invalid, missing } from '../../domain/errors.js';
import { FieldReader, parseJsonObject, type FieldDialect, type FieldProblem, type Json } from '../http/fields.js';

export type { Json } from '../http/fields.js';

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  boolean: 'true or false',
  number: 'a number',
  integer: 'an integer',
  object: 'an object',
  array: 'an array',
  'string[]': 'an array',
  'object[]': 'an array',
  json: 'a JSON document',
};

/** Alibaba's wording of a field problem; a wrong list item is named by its index (`tags[3]`). */
const alibabaError = (field: string, p: FieldProblem): DomainError => {
  switch (p.kind) {
    case 'missing':
      return missing(field);
    case 'type': {
      if (p.index !== undefined) {
        const item = `${field}[${p.index}]`;
        return invalid(item, `The parameter ${item} must be ${p.expected === 'string[]' ? 'a string' : 'an object'}.`);
      }
      const notNumber = p.expected === 'integer' && (typeof p.value !== 'number' || !Number.isFinite(p.value));
      return invalid(field, `The parameter ${field} must be ${notNumber ? 'a number' : TYPE_WORDS[p.expected]}.`);
    }
    case 'length':
      return invalid(
        field,
        p.max !== undefined ? `The parameter ${field} must have at most ${p.max} ${p.of}.` : `The parameter ${field} must have at least ${p.min} ${p.of}.`,
      );
    case 'range':
      return invalid(field, `The parameter ${field} must be between ${p.min ?? '-∞'} and ${p.max ?? '∞'}; got ${p.value}.`);
    case 'enum':
      return invalid(field, `The parameter ${field} must be one of ${p.allowed.join(', ')}; got ${JSON.stringify(p.value)}.`);
    case 'pattern':
      return invalid(field, `The parameter ${field} is invalid${p.hint ? `: ${p.hint}` : ''}.`);
    case 'message':
      return invalid(field, p.message);
  }
};

export const ALIBABA_FIELDS: FieldDialect = {
  fieldError: alibabaError,
  // The SDK sends no body for operations without body fields: an empty body is {}.
  bodyError: (p) =>
    p === 'empty'
      ? undefined
      : new DomainError('InvalidBody', p === 'syntax' ? 'The request body is not valid JSON.' : 'The request body must be a JSON object.'),
  blankIsMissing: true,
  safeIntegers: false,
};

/** Parses a JSON body; an absent body is `{}`. */
export const parseJsonBody = (body: Buffer | string | undefined): Json => parseJsonObject(body, ALIBABA_FIELDS);

/** The shared field reader with Alibaba's rules, over one JSON object (or a query map). */
export class Reader extends FieldReader {
  constructor(obj: Json, prefix = '', fromQuery = false) {
    super(ALIBABA_FIELDS, obj, prefix, fromQuery);
  }

  static query(q: Record<string, string>): Reader {
    return new Reader(q, '', true);
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 address or CIDR block (`10.0.0.0/8`). */
export const isIpOrCidr = (s: string): boolean => {
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || !ip || !IPV4.test(ip)) return false;
  return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
};
