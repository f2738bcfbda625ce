// Scenarios `storage-append` and `storage-sync`: the storage engine's own micro-benchmark (bench/storage), whose
// rows already carry their disk baselines measured in the same run.
import type { Row } from './results.js';
import type { Scenario } from './scenario.js';
import { runStorageBench } from './storage/storage-bench.js';
import { CpuMeter } from './lib/process-stats.js';

export const storage: Scenario = {
  name: 'storage',
  async run(ctx) {
    ctx.log('storage: append, read and SYNC_FLUSH micro-benchmark');
    const cpu = new CpuMeter();
    const rows: Row[] = (await runStorageBench({ quick: ctx.quick })).map((r) => ({ ...r, params: { ...r.params } }));
    ctx.log(`storage: done (bench process CPU ${cpu.percent().toFixed(0)} % over the whole run)`);
    return {
      rows,
      unavailable: [],
      flushSettings: {},
    };
  },
};
