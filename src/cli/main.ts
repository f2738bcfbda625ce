#!/usr/bin/env node
// The `hangar` command: `serve` runs the control plane; the other commands talk to a running server through Hangar's own
// API (instances, topics, groups, status) or work on the local data directory (credentials, reset, ca). One file per
// command group in commands/. Exit codes: 0 success, 1 failure, 2 usage error (with a hint).
import { Command, CommanderError } from 'commander';
import { isDomainError } from '../domain/errors.js';
import { VERSION } from '../version.js';
import { registerCa } from './commands/ca.js';
import { registerCompletion } from './commands/completion.js';
import { registerConfig } from './commands/config.js';
import { registerCredentials } from './commands/credentials.js';
import { registerGroups } from './commands/groups.js';
import { registerInstances } from './commands/instances.js';
import { registerReset } from './commands/reset.js';
import { registerServe } from './commands/serve.js';
import { registerStatus } from './commands/status.js';
import { registerTopics } from './commands/topics.js';
import { CliError } from './errors.js';

function program(): Command {
  const p = new Command('hangar')
    .description('Self-hosted RocketMQ-as-a-Service: the Huawei DMS and Alibaba ApsaraMQ management APIs over real brokers.')
    .version(VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false });
  registerServe(p);
  registerInstances(p);
  registerTopics(p);
  registerGroups(p);
  registerStatus(p);
  registerCredentials(p);
  registerReset(p);
  registerCa(p);
  registerCompletion(p);
  registerConfig(p);
  return p;
}

/** Runs the command; on any failure prints why and exits at once (a server that failed to start may hold handles). */
async function main(): Promise<void> {
  try {
    await program().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version asked for: success. Everything else commander refuses (an unknown command or option, a missing
      // argument, a command group without its subcommand) is a usage error it has already explained.
      process.exit(e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2);
    }
    if (e instanceof CliError) {
      process.stderr.write(`hangar: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
      process.exit(e.exitCode);
    }
    process.stderr.write(`hangar: ${isDomainError(e) || e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

await main();
