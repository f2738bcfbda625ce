// Prometheus metrics of the control plane (GET /metrics).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'hangar_api_requests_total',
    help: 'API requests by dialect, operation and status code',
    labelNames: ['dialect', 'operation', 'status'] as const,
    registers: [this.registry],
  });
  readonly instances = new Gauge({
    name: 'hangar_instances',
    help: 'Instances by neutral status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly reconcileSeconds = new Histogram({
    name: 'hangar_reconcile_pass_seconds',
    help: 'Duration of one reconcile pass over all instances',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'hangar_' });
  }
}
