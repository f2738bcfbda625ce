// Hangar's rules for the shared field reader: every problem is a plain {"code", "message"} error naming the field as sent.
import { DomainError, invalid, missing } from '../../domain/errors.js';
import { FieldReader, parseJsonObject, type FieldDialect, type FieldProblem } from '../http/fields.js';

const message = (field: string, p: Exclude<FieldProblem, { kind: 'missing' }>): string => {
  switch (p.kind) {
    case 'type':
      return `${field} must be of type ${p.expected}.`;
    case 'length':
      return `${field} must have ${p.min ?? 0} to ${p.max ?? '∞'} ${p.of}.`;
    case 'range':
      return `${field} must be from ${p.min ?? '-∞'} to ${p.max ?? '∞'}, got ${p.value}.`;
    case 'enum':
      return `${field} must be one of ${p.allowed.join(', ')}, got ${p.value}.`;
    case 'pattern':
      return `${field} is invalid${p.hint ? `: ${p.hint}` : ''}.`;
    case 'message':
      return p.message;
  }
};

export const HANGAR_FIELDS: FieldDialect = {
  fieldError: (field, p) => (p.kind === 'missing' ? missing(field) : invalid(field, message(field, p))),
  bodyError: (p) =>
    p === 'empty' ? undefined : new DomainError('InvalidBody', p === 'syntax' ? 'The body is not valid JSON.' : 'The body must be a JSON object.'),
  blankIsMissing: true,
  safeIntegers: true,
};

/** A reader over a request body (empty reads as {}). */
export const readBody = (raw: Buffer): FieldReader => new FieldReader(HANGAR_FIELDS, parseJsonObject(raw, HANGAR_FIELDS));
