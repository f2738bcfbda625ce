import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateGoals } from '../../bench/goals.js';
import type { Row } from '../../bench/results.js';

const row = (scenario: string, system: Row['system'], metric: string, value: number, unit: Row['unit'], params: Record<string, unknown> = {}): Row => ({
  scenario,
  system,
  metric,
  value,
  unit,
  params,
});

describe('bench goals', () => {
  it('computes each ratio from figures of the same run', () => {
    const goals = evaluateGoals([
      row('round-trip', 'hangar', 'throughput', 3000, 'msg/s'),
      row('round-trip', 'nats', 'throughput', 2000, 'msg/s'),
      row('round-trip', 'rabbitmq', 'throughput', 2500, 'msg/s'),
      row('storage-append', 'hangar', 'append', 700, 'MB/s'),
      row('storage-append', 'hangar', 'append', 700_000, 'msg/s'),
      row('storage-append', 'disk', 'sequential-write', 1000, 'MB/s'),
      row('storage-sync', 'hangar', 'sync-append', 9_999, 'msg/s', { appenders: 64 }),
      row('control-get', 'hangar', 'throughput', 400, 'req/s'),
      row('control-get', 'fastify', 'throughput', 1000, 'req/s'),
      row('control-create', 'hangar', 'create-to-running-p50', 1000, 'ms'),
      row('density', 'hangar', 'memory-per-instance', 51, 'MB', { instances: 50 }),
      row('density', 'hangar', 'rss-sum-per-instance', 20, 'MB', { instances: 50 }),
    ]);
    const met = Object.fromEntries(goals.map((g) => [g.text, g.met]));
    assert.deepEqual(met, {
      'round-trip ≥ 1.0× nats': true,
      'round-trip ≥ 1.5× rabbitmq': false,
      'storage-append ≥ 70 % of disk': true,
      'storage-sync at 64 appenders ≥ 10,000 msg/s': false,
      'control-get ≥ 40 % of fastify': true,
      'control-create p50 ≤ 1 s': true,
      'density ≤ 50 MB per idle instance (50)': false,
    });
  });

  it('leaves a goal undecided when one side was not measured', () => {
    const goals = evaluateGoals([row('round-trip', 'hangar', 'throughput', 3000, 'msg/s')]);
    assert.deepEqual(
      goals.map((g) => [g.met, g.measured]),
      [
        [undefined, 'not measured'],
        [undefined, 'not measured'],
      ],
    );
  });
});
