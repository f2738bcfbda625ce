// Preloaded with NODE_OPTIONS=--import=<dist/bench/profile/cpu-profiler-preload.js> (where --cpu-prof is not allowed)
// when BENCH_CPU_PROF_DIR is set: SIGUSR2 starts a V8 CPU profile and the next SIGUSR2 writes it to
// $BENCH_CPU_PROF_DIR/<pid>.cpuprofile, so a profile covers the load window alone. With BENCH_CPU_PROF_START=1 the
// profile starts at once (start-up profiling) and is written at the first SIGUSR2 or at exit.
// Brokers get a clean environment (their settings come from their config file): profile them by passing this preload
// in HANGAR_BROKER_NODE_OPTIONS as `--import=<file URL>?dir=<dir>` (see brokerProfilerOption), which works the same.
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const fromUrl = new URL(import.meta.url).searchParams;
const dir = fromUrl.get('dir') ?? process.env.BENCH_CPU_PROF_DIR;
const startNow = (fromUrl.get('start') ?? process.env.BENCH_CPU_PROF_START) === '1';
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
  if (startNow) start();
}

/** The HANGAR_BROKER_NODE_OPTIONS value that preloads this profiler into every broker, writing into dir. */
export const brokerProfilerOption = (preloadFile: string, dir: string, startAtOnce = false): string =>
  `--import=${pathToFileURL(preloadFile).href}?dir=${encodeURIComponent(dir)}${startAtOnce ? '&start=1' : ''}`;
