import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkRow, formatValue, InvalidRowError, markdownReport, tableLines, textTable, writeResults, type Report, type Row } from '../../bench/results.js';

const params = { messages: 10, inFlight: 64, clientCpuPct: 87.4, serverCpuPct: 40 };
const rows: Row[] = [
  { scenario: 'round-trip', system: 'hangar', metric: 'throughput', value: 12345.6, unit: 'msg/s', params },
  { scenario: 'round-trip', system: 'hangar', metric: 'latency-p50', value: 1.234, unit: 'ms', params },
  { scenario: 'storage-append', system: 'disk', metric: 'sequential-write', value: 812.3, unit: 'MB/s', params: { bytes: 1 } },
];
const report: Report = {
  rows,
  unavailable: [{ scenario: 'round-trip', system: 'rabbitmq', reason: 'no RabbitMQ | start it' }],
  goals: [{ scenario: 'round-trip', text: 'round-trip ≥ 1.0× nats', met: undefined, measured: 'not measured' }],
  flushSettings: { hangar: 'ASYNC_FLUSH' },
  meta: { mode: 'quick' },
};

describe('bench results', () => {
  it('formats figures with at most three significant decimals and grouped thousands', () => {
    assert.equal(formatValue(12345.6), '12,346');
    assert.equal(formatValue(12.34), '12.3');
    assert.equal(formatValue(1.234), '1.23');
    assert.equal(formatValue(0.1234), '0.123');
  });

  it('groups lines by scenario, shows CPU and params once per measurement, and n/a for unmeasured systems', () => {
    const lines = tableLines(report);
    assert.deepEqual(
      lines.map((l) => [l.scenario, l.system, l.value, l.cpu, l.serverCpu]),
      [
        ['round-trip', 'hangar', '12,346', '87 %', '40 %'],
        ['round-trip', 'hangar', '1.23', '', ''],
        ['round-trip', 'rabbitmq', 'n/a', '', ''],
        ['storage-append', 'disk', '812', '', ''],
      ],
    );
    assert.equal(lines[0]!.params, 'messages=10 inFlight=64');
    const text = textTable(report);
    assert.match(text, /^scenario\s+system\s+metric\s+value/);
    assert.equal(text.split('\n').length, 2 + lines.length);
  });

  it('renders markdown with escaped cells, goals and flush settings', () => {
    const md = markdownReport(report);
    assert.match(md, /no RabbitMQ \\\| start it/);
    assert.match(md, /\| round-trip ≥ 1\.0× nats \| not measured \| n\/a \|/);
    assert.match(md, /- hangar: ASYNC_FLUSH/);
  });

  it('refuses rows with an unknown system or unit or a non-finite value', () => {
    assert.throws(() => checkRow({ ...rows[0]!, system: 'kafka' as Row['system'] }), InvalidRowError);
    assert.throws(() => checkRow({ ...rows[0]!, unit: 'ops' as Row['unit'] }), InvalidRowError);
    assert.throws(() => checkRow({ ...rows[0]!, value: Number.NaN }), (e: unknown) => e instanceof InvalidRowError && e.code === 'BENCH_INVALID_ROW');
  });

  it('writes latest.json as the bare array of rows and latest.md', async () => {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hangar-bench-results-'));
    try {
      const files = await writeResults(dir, report);
      const json = JSON.parse(await fs.promises.readFile(files.json, 'utf8')) as Row[];
      assert.deepEqual(json, rows);
      assert.deepEqual(Object.keys(json[0]!).sort(), ['metric', 'params', 'scenario', 'system', 'unit', 'value']);
      assert.match(await fs.promises.readFile(files.md, 'utf8'), /^\| scenario \| system \|/);
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
});
