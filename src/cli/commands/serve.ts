// hangar serve — runs the control plane. Every setting of the settings table (src/config.ts) is a flag here, as it is
// an environment variable. --ephemeral: a fresh temporary data directory and credential, announced on the first line
// of output, and nothing left behind (no process, no file) once the server ends, however it ends.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { flagName, loadConfig, SETTINGS } from '../../config.js';
import { newAccessKey, newProjectId, newSecretKey } from '../../service/ids.js';
import { usageError } from '../errors.js';

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');
const reaperEntry = path.resolve(path.dirname(here), '..', fromSource ? 'reaper.ts' : 'reaper.js');

const optionKey = (env: string): string => flagName(env).slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Starts the reaper of an ephemeral data directory: it acts when our end of its stdin pipe closes (we are gone). */
function startReaper(dir: string): void {
  const child = spawn(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), reaperEntry, dir], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
}

export function registerServe(program: Command): void {
  const cmd = program.command('serve').description('run Hangar: both clouds\' management APIs, Hangar\'s API and the instances\' brokers');
  for (const s of SETTINGS) {
    cmd.option(`${flagName(s.env)} <value>`, `${s.doc} [${s.env}${s.default ? `, default ${s.default.length > 40 ? s.default.slice(0, 40) + '…' : s.default}` : ''}]`);
  }
  cmd.option('--ephemeral', 'fresh temporary data directory and credential (printed first); removed with every broker when the server ends');
  cmd.action(async (opts: Record<string, string | boolean | undefined>) => {
    const argv: string[] = [];
    for (const s of SETTINGS) {
      const v = opts[optionKey(s.env)];
      if (typeof v === 'string') argv.push(`${flagName(s.env)}=${v}`);
    }
    const env: NodeJS.ProcessEnv = { ...process.env };
    let ephemeralDir: string | undefined;
    if (opts['ephemeral']) {
      if (opts['dataDir'] !== undefined || opts['databaseUrl'] !== undefined) {
        throw usageError('--ephemeral makes its own data directory', 'leave out --data-dir and --database-url with --ephemeral');
      }
      ephemeralDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-ephemeral-'));
      startReaper(ephemeralDir);
      env['HANGAR_DATA_DIR'] = ephemeralDir;
      delete env['HANGAR_DATABASE_URL'];
      // Any free port unless one is asked for: CI jobs side by side do not collide.
      env['HANGAR_PORT'] ||= '0';
      // Should the reaper not run (no /proc to find brokers by), brokers still leave soon after their control plane.
      env['HANGAR_BROKER_ORPHAN_TIMEOUT_MS'] ||= '30000';
      if (!env['HANGAR_ACCESS_KEY'] && !env['HANGAR_SECRET_KEY'] && !opts['accessKey'] && !opts['secretKey']) {
        env['HANGAR_ACCESS_KEY'] = newAccessKey();
        env['HANGAR_SECRET_KEY'] = newSecretKey();
        env['HANGAR_PROJECT_ID'] ||= newProjectId();
      }
    }
    const config = loadConfig(env, argv);
    const { startApp } = await import('../../app.js');
    const app = await startApp(config, {
      onListening: (url) => {
        if (ephemeralDir) {
          process.stdout.write(
            `HANGAR_ENDPOINT=${url} HANGAR_ACCESS_KEY=${config.accessKey ?? ''} HANGAR_SECRET_KEY=${config.secretKey ?? ''} HANGAR_PROJECT_ID=${config.projectId ?? ''}\n`,
          );
        }
      },
    });
    if (app.credentialsFile && !ephemeralDir) process.stdout.write(`Credentials: ${app.credentialsFile}\n`);
    let closing = false;
    const shutdown = (sig: string): void => {
      if (closing) return;
      closing = true;
      app.log.info({ sig }, 'stopping');
      app.close().then(
        () => {
          if (ephemeralDir) fs.rmSync(ephemeralDir, { recursive: true, force: true });
          process.exit(0);
        },
        (e: unknown) => {
          app.log.error({ err: e }, 'stop failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
    // The terminal went away: stop as cleanly as on Ctrl-C.
    process.on('SIGHUP', () => shutdown('SIGHUP'));
  });
}
