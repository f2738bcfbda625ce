// hangar reset [--yes] — removes a stopped server's data directory (database, keys, credentials, every broker's
// messages) after confirmation. Refuses a folder that is not a data directory and one a server or broker still uses.
import fs from 'node:fs';
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { isDataDir, processesUsing } from '../data-dir.js';
import { CliError, usageError } from '../errors.js';

export function registerReset(program: Command): void {
  program
    .command('reset')
    .description("remove a stopped server's data directory: database, keys, credentials and every instance's messages")
    .option('--data-dir <dir>', 'the data directory (or HANGAR_DATA_DIR; default ./.hangar)')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (o: { dataDir?: string; yes?: boolean }) => {
      const dir = loadConfig(o.dataDir ? { ...process.env, HANGAR_DATA_DIR: o.dataDir } : process.env, []).dataDir;
      if (!fs.existsSync(dir)) {
        process.stdout.write(`nothing to remove: ${dir} does not exist\n`);
        return;
      }
      if (!isDataDir(dir)) throw new CliError(`${dir} is not a Hangar data directory (no hangar.db or master.key): not removing it`);
      const users = processesUsing(dir);
      if (users.length > 0) {
        throw new CliError(`${dir} is in use by process ${users.join(', ')}`, 1, 'stop `hangar serve` (and let its brokers exit) first');
      }
      if (!o.yes) {
        if (!process.stdin.isTTY) throw usageError(`reset would remove ${dir}`, 'pass --yes to confirm without a terminal');
        const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
        const answer = await rl.question(`Remove ${dir} and everything in it? [y/N] `);
        rl.close();
        if (!/^y(es)?$/i.test(answer.trim())) {
          process.stdout.write('not removed\n');
          return;
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
      process.stdout.write(`removed ${dir}\n`);
    });
}
