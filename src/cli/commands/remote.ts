// The options every command that talks to a running server takes: where it is, the credential, the output format.
import { Option, type Command } from 'commander';
import { DEFAULT_CREDENTIALS_FILE, DEFAULT_ENDPOINT, HangarClient, type RemoteOptions } from '../client.js';
import type { OutputFormat } from '../output.js';

export interface RemoteCommandOptions extends RemoteOptions {
  output: OutputFormat;
}

export function withRemoteOptions(cmd: Command): Command {
  return cmd
    .option('--endpoint <url>', `Hangar server (or HANGAR_ENDPOINT; default ${DEFAULT_ENDPOINT})`)
    .option('--credentials <file>', `credential file (default ${DEFAULT_CREDENTIALS_FILE}, or HANGAR_ACCESS_KEY and HANGAR_SECRET_KEY)`)
    .addOption(new Option('-o, --output <format>', 'table for people, json for scripts').choices(['table', 'json']).default('table'));
}

/** Commands on an instance's topics or groups name it with --instance. */
export interface InstanceCommandOptions extends RemoteCommandOptions {
  instance: string;
}

export const instanceOption = (cmd: Command): Command => cmd.requiredOption('--instance <instance>', 'Huawei id, Alibaba id or name of the instance');

export const clientOf = (opts: RemoteOptions): HangarClient => HangarClient.of(opts);

/** An instance, topic or group name as one path segment. */
export const seg = (s: string): string => encodeURIComponent(s);
