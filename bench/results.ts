// The benchmark's result rows, the side-by-side table they print as, and the files they are written to
// (bench/results/latest.json and latest.md).
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

/** `hangar-tls`: the same Hangar instance (PERMISSIVE) reached by a client over TLS. `hangar-acl`: an instance with
 * access control on, its clients signing every request. */
export type SystemName = 'hangar' | 'hangar-tls' | 'hangar-acl' | 'nats' | 'rabbitmq' | 'disk' | 'fastify';
export type Unit = 'msg/s' | 'MB/s' | 'req/s' | 'ms' | 'MB';

export const SYSTEMS: readonly SystemName[] = ['hangar', 'hangar-tls', 'hangar-acl', 'nats', 'rabbitmq', 'disk', 'fastify'];
export const UNITS: readonly Unit[] = ['msg/s', 'MB/s', 'req/s', 'ms', 'MB'];

export interface Row {
  scenario: string;
  system: SystemName;
  metric: string;
  value: number;
  unit: Unit;
  params: Record<string, unknown>;
}

/** A system that could not be measured in this run (not installed, not running); printed as n/a with the reason. */
export interface Unavailable {
  scenario: string;
  system: SystemName;
  reason: string;
}

export interface Goal {
  scenario: string;
  text: string;
  /** undefined when a side of the comparison was not measured */
  met: boolean | undefined;
  measured: string;
}

export interface Report {
  rows: Row[];
  unavailable: Unavailable[];
  goals: Goal[];
  /** Per system, how it flushes to disk (printed with the messaging scenarios). */
  flushSettings: Partial<Record<SystemName, string>>;
  meta: Record<string, string | number | boolean>;
}

export class InvalidRowError extends Error {
  readonly code = 'BENCH_INVALID_ROW';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRowError';
  }
}

/** Rejects a row that the results file's consumers could not read: unknown system or unit, non-finite value. */
export function checkRow(r: Row): Row {
  if (!SYSTEMS.includes(r.system)) throw new InvalidRowError(`unknown system ${String(r.system)}`);
  if (!UNITS.includes(r.unit)) throw new InvalidRowError(`unknown unit ${String(r.unit)}`);
  if (!Number.isFinite(r.value)) throw new InvalidRowError(`${r.scenario}/${r.system}/${r.metric}: value ${r.value} is not finite`);
  return r;
}

/** Short rendering of a figure: three significant digits at most, thousands grouped. */
export function formatValue(v: number): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

// Params that say how a figure was obtained, shown in the table's last column; client and server CPU have their own.
const HIDDEN_PARAMS = new Set(['clientCpuPct', 'serverCpuPct']);

function paramText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([k]) => !HIDDEN_PARAMS.has(k))
    // Parameters are JSON data: what is not an object is a primitive.
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean | undefined)}`)
    .join(' ');
}

export interface TableLine {
  scenario: string;
  system: string;
  metric: string;
  value: string;
  unit: string;
  cpu: string;
  serverCpu: string;
  params: string;
}

const pct = (v: unknown): string => (typeof v === 'number' ? `${v.toFixed(0)} %` : '');

/**
 * One line per row, grouped by scenario in first-seen order; n/a lines for systems that were not measured. A row's
 * params are shown once for a run of rows of the same system measured together (throughput, p50, p99).
 */
export function tableLines(report: Pick<Report, 'rows' | 'unavailable'>): TableLine[] {
  const scenarios: string[] = [];
  for (const s of [...report.rows.map((r) => r.scenario), ...report.unavailable.map((u) => u.scenario)]) if (!scenarios.includes(s)) scenarios.push(s);
  const lines: TableLine[] = [];
  for (const s of scenarios) {
    let previous: Row | undefined;
    for (const r of report.rows.filter((x) => x.scenario === s)) {
      const same = previous !== undefined && previous.system === r.system && previous.params === r.params;
      lines.push({
        scenario: s,
        system: r.system,
        metric: r.metric,
        value: formatValue(r.value),
        unit: r.unit,
        cpu: same ? '' : pct(r.params['clientCpuPct']),
        serverCpu: same ? '' : pct(r.params['serverCpuPct']),
        params: same ? '' : paramText(r.params),
      });
      previous = r;
    }
    for (const u of report.unavailable.filter((x) => x.scenario === s)) {
      lines.push({ scenario: s, system: u.system, metric: '', value: 'n/a', unit: '', cpu: '', serverCpu: '', params: u.reason });
    }
  }
  return lines;
}

const COLUMNS: { key: keyof TableLine; title: string; right?: boolean }[] = [
  { key: 'scenario', title: 'scenario' },
  { key: 'system', title: 'system' },
  { key: 'metric', title: 'metric' },
  { key: 'value', title: 'value', right: true },
  { key: 'unit', title: 'unit' },
  { key: 'cpu', title: 'client CPU', right: true },
  { key: 'serverCpu', title: 'server CPU', right: true },
  { key: 'params', title: 'params' },
];

/** The table as aligned plain text for the terminal. */
export function textTable(report: Pick<Report, 'rows' | 'unavailable'>): string {
  const lines = tableLines(report);
  const width = (k: keyof TableLine, title: string): number => Math.max(title.length, ...lines.map((l) => l[k].length));
  const widths = COLUMNS.map((c) => width(c.key, c.title));
  const fmt = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : COLUMNS[i]!.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [fmt(COLUMNS.map((c) => c.title)), fmt(widths.map((w, i) => (i === widths.length - 1 ? '-'.repeat(6) : '-'.repeat(w))))];
  let last = '';
  for (const l of lines) {
    out.push(fmt(COLUMNS.map((c) => (c.key === 'scenario' && l.scenario === last ? '' : l[c.key]))));
    last = l.scenario;
  }
  return out.join('\n');
}

const mdCell = (s: string): string => s.replace(/\|/g, '\\|');

/** The table as GitHub markdown, with the goals and flush settings below it. */
export function markdownReport(report: Report): string {
  const lines = tableLines(report);
  const out: string[] = [];
  out.push(`| ${COLUMNS.map((c) => c.title).join(' | ')} |`);
  out.push(`|${COLUMNS.map((c) => (c.right ? '---:' : '---')).join('|')}|`);
  for (const l of lines) out.push(`| ${COLUMNS.map((c) => mdCell(l[c.key])).join(' | ')} |`);
  if (report.goals.length > 0) {
    out.push('', '| goal | measured | met |', '|---|---|---|');
    for (const g of report.goals) out.push(`| ${mdCell(g.text)} | ${mdCell(g.measured)} | ${g.met === undefined ? 'n/a' : g.met ? 'yes' : 'no'} |`);
  }
  const flush = Object.entries(report.flushSettings);
  if (flush.length > 0) {
    out.push('', 'Flush settings:', '');
    for (const [system, text] of flush) out.push(`- ${system}: ${text}`);
  }
  const meta = Object.entries(report.meta);
  if (meta.length > 0) out.push('', `Run: ${meta.map(([k, v]) => `${k}=${String(v)}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}

export function goalLines(goals: Goal[]): string {
  return goals.map((g) => `${g.met === undefined ? 'n/a ' : g.met ? 'MET ' : 'MISS'}  ${g.text.padEnd(44)} ${g.measured}`).join('\n');
}

/** Writes latest.json (the rows alone, as the issue specifies) and latest.md into dir. */
export async function writeResults(dir: string, report: Report): Promise<{ json: string; md: string }> {
  await fsp.mkdir(dir, { recursive: true });
  const json = path.join(dir, 'latest.json');
  const md = path.join(dir, 'latest.md');
  await fsp.writeFile(json, `${JSON.stringify(report.rows.map(checkRow), null, 2)}\n`);
  await fsp.writeFile(md, markdownReport(report));
  return { json, md };
}
