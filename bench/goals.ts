// The goals, evaluated on one run's rows (each ratio from figures measured in the same run).
import type { Goal, Row } from './results.js';

const find = (rows: Row[], scenario: string, system: string, metric: string, where: (r: Row) => boolean = () => true): number | undefined =>
  rows.find((r) => r.scenario === scenario && r.system === system && r.metric === metric && where(r))?.value;

// The goals are the default database's; PostgreSQL rows are printed beside them.
const onSqlite = (r: Row): boolean => r.params['database'] !== 'postgres';

const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined || b === 0 ? undefined : a / b);

function atLeast(scenario: string, text: string, value: number | undefined, min: number, show: (v: number) => string): Goal {
  return { scenario, text, met: value === undefined ? undefined : value >= min, measured: value === undefined ? 'not measured' : show(value) };
}

export function evaluateGoals(rows: Row[]): Goal[] {
  const goals: Goal[] = [];
  const rt = (s: string): number | undefined => find(rows, 'round-trip', s, 'throughput');
  const x = (v: number): string => `${v.toFixed(2)}×`;
  if (rows.some((r) => r.scenario === 'round-trip')) {
    goals.push(atLeast('round-trip', 'round-trip ≥ 1.0× nats', ratio(rt('hangar'), rt('nats')), 1.0, x));
    goals.push(atLeast('round-trip', 'round-trip ≥ 1.5× rabbitmq', ratio(rt('hangar'), rt('rabbitmq')), 1.5, x));
  }
  if (rows.some((r) => r.scenario === 'storage-append')) {
    const append = find(rows, 'storage-append', 'hangar', 'append', (r) => r.unit === 'MB/s');
    const disk = find(rows, 'storage-append', 'disk', 'sequential-write');
    goals.push(atLeast('storage-append', 'storage-append ≥ 70 % of disk', ratio(append, disk), 0.7, (v) => `${(v * 100).toFixed(0)} %`));
  }
  if (rows.some((r) => r.scenario === 'storage-sync')) {
    const sync64 = find(rows, 'storage-sync', 'hangar', 'sync-append', (r) => r.params['appenders'] === 64);
    goals.push(atLeast('storage-sync', 'storage-sync at 64 appenders ≥ 10,000 msg/s', sync64, 10_000, (v) => `${Math.round(v).toLocaleString('en-US')} msg/s`));
  }
  if (rows.some((r) => r.scenario === 'control-get')) {
    const g = ratio(find(rows, 'control-get', 'hangar', 'throughput', onSqlite), find(rows, 'control-get', 'fastify', 'throughput'));
    goals.push(atLeast('control-get', 'control-get ≥ 40 % of fastify', g, 0.4, (v) => `${(v * 100).toFixed(0)} %`));
  }
  if (rows.some((r) => r.scenario === 'control-create')) {
    const p50 = find(rows, 'control-create', 'hangar', 'create-to-running-p50', onSqlite);
    goals.push({ scenario: 'control-create', text: 'control-create p50 ≤ 1 s', met: p50 === undefined ? undefined : p50 <= 1000, measured: p50 === undefined ? 'not measured' : `${Math.round(p50)} ms` });
  }
  for (const r of rows.filter((x) => x.scenario === 'density' && x.metric === 'memory-per-instance')) {
    goals.push({ scenario: 'density', text: `density ≤ 50 MB per idle instance (${String(r.params['instances'])})`, met: r.value <= 50, measured: `${r.value.toFixed(1)} MB` });
  }
  return goals;
}
