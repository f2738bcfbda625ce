// Preloaded with NODE_OPTIONS=--import=<dist/bench/profile/cpu-profiler-preload.js> (where --cpu-prof is not allowed)
// when BENCH_CPU_PROF_DIR is set: SIGUSR2 starts a V8 CPU profile and the next SIGUSR2 writes it to
// $BENCH_CPU_PROF_DIR/<pid>.cpuprofile, so a profile covers the load window alone. With BENCH_CPU_PROF_START=1 the
// profile starts at once (start-up profiling) and is written at the first SIGUSR2 or at exit.
// Child processes inherit NODE_OPTIONS, so brokers spawned by the control plane are profiled the same way.
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  const start = (): void => {
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 200 });
    session.post('Profiler.start');
    running = true;
  };
  // Main-thread inspector sessions answer synchronously, so this also completes inside an 'exit' handler.
  const stop = (): void => {
    running = false;
    session.post('Profiler.stop', (err, res) => {
      if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  };
  process.on('SIGUSR2', () => (running ? stop() : start()));
  process.on('exit', () => running && stop());
  if (process.env.BENCH_CPU_PROF_START === '1') start();
}
