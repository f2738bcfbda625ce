// hangar config --markdown — the settings table (the README's Configuration section is this output).
import type { Command } from 'commander';
import { settingsMarkdown } from '../../config.js';
import { usageError } from '../errors.js';

export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print the settings table')
    .option('--markdown', 'as a markdown table (the README section)')
    .action((o: { markdown?: boolean }) => {
      if (!o.markdown) throw usageError('config needs --markdown', 'hangar config --markdown');
      process.stdout.write(settingsMarkdown() + '\n');
    });
}
