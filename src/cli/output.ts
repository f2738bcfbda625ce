// What commands print: a table for people, or one JSON document (--output json) for scripts.
import { usageError } from './errors.js';

export type OutputFormat = 'table' | 'json';

export function outputFormat(v: string | undefined): OutputFormat {
  if (v === undefined || v === 'table') return 'table';
  if (v === 'json') return 'json';
  throw usageError(`--output must be table or json, got ${v}`, 'use --output json for scripts');
}

const cell = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(cell).join(',');
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

/** Rows as an aligned table under upper-case headers; "(none)" when there are none. */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return '(none)\n';
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const headers = columns.map((c) => c.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase());
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]): string =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n') + '\n';
}

/** One record as "key: value" lines. */
export function record(r: Record<string, unknown>, keys: string[] = Object.keys(r)): string {
  const width = Math.max(...keys.map((k) => k.length));
  return keys.map((k) => `${(k + ':').padEnd(width + 1)} ${cell(r[k])}`).join('\n') + '\n';
}

export function print(format: OutputFormat, value: unknown, human: () => string): void {
  process.stdout.write(format === 'json' ? JSON.stringify(value, null, 2) + '\n' : human());
}
