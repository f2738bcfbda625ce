// hangar groups list|create|delete --instance I
import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { print, table } from '../output.js';
import { clientOf, instanceOption, seg, withRemoteOptions, type InstanceCommandOptions } from './remote.js';

type Opts = InstanceCommandOptions;
const base = (o: Opts): string => `/hangar/v1/instances/${seg(o.instance)}/groups`;
const COLUMNS = ['name', 'maxRetries', 'consumeOrderly', 'broadcast', 'enabled', 'createdAt'];

export function registerGroups(program: Command): void {
  const groups = program.command('groups').description("list, create and delete an instance's consumer groups");

  withRemoteOptions(instanceOption(groups.command('list').description("the instance's consumer groups"))).action(async (o: Opts) => {
    const { groups: list } = await clientOf(o).call<{ groups: Record<string, unknown>[] }>('GET', base(o));
    print(o.output, list, () => table(list, COLUMNS));
  });

  withRemoteOptions(
    instanceOption(
      groups
        .command('create')
        .description('create a consumer group')
        .argument('<name>', 'group name')
        .option('--max-retries <N>', 'redeliveries before the dead-letter topic (default 16)', (v: string) => {
          if (!/^\d+$/.test(v)) throw new CliError(`--max-retries must be a whole number, got ${v}`, 2, 'e.g. --max-retries 16');
          return Number(v);
        })
        .option('--orderly', 'consume orderly (FIFO topics)')
        .option('--broadcast', 'broadcast consumption'),
    ),
  ).action(async (name: string, o: Opts & { maxRetries?: number; orderly?: boolean; broadcast?: boolean }) => {
    const g = await clientOf(o).call<Record<string, unknown>>('POST', base(o), {
      name,
      ...(o.maxRetries === undefined ? {} : { maxRetries: o.maxRetries }),
      ...(o.orderly ? { consumeOrderly: true } : {}),
      ...(o.broadcast ? { broadcast: true } : {}),
    });
    print(o.output, g, () => table([g], COLUMNS));
  });

  withRemoteOptions(instanceOption(groups.command('delete').description('delete a consumer group').argument('<name>', 'group name'))).action(
    async (name: string, o: Opts) => {
      const r = await clientOf(o).call<{ deleted: string }>('DELETE', `${base(o)}/${seg(name)}`);
      print(o.output, r, () => `deleted group ${r.deleted}\n`);
    },
  );
}
