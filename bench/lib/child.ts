// Starts a bench-only server script (bench/servers/*) as its own Node process, from the TypeScript source under tsx
// or from dist/ when compiled, and reads the port it prints first.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');

export interface ChildServer {
  proc: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** `script` is relative to bench/, without extension (e.g. 'servers/fastify-hello'). */
export function startChildServer(script: string): Promise<ChildServer> {
  const file = path.join(path.dirname(here), '..', `${script}${fromSource ? '.ts' : '.js'}`);
  const proc = spawn(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening: ${err}`)));
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\n/.exec(out);
      if (!m) return;
      proc.removeAllListeners('exit');
      resolve({
        proc,
        port: Number(m[1]),
        stop: () =>
          new Promise<void>((done) => {
            if (proc.exitCode !== null) return done();
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
          }),
      });
    });
  });
}
