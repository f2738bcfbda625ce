// hangar topics list|create|delete --instance I
import { Option, type Command } from 'commander';
import { CliError } from '../errors.js';
import { print, table } from '../output.js';
import { clientOf, instanceOption, seg, withRemoteOptions, type InstanceCommandOptions } from './remote.js';

type Opts = InstanceCommandOptions;
const base = (o: Opts): string => `/hangar/v1/instances/${seg(o.instance)}/topics`;
const COLUMNS = ['name', 'messageType', 'queueNum', 'brokers', 'permission', 'createdAt'];

export function registerTopics(program: Command): void {
  const topics = program.command('topics').description("list, create and delete an instance's topics");

  withRemoteOptions(instanceOption(topics.command('list').description("the instance's topics"))).action(async (o: Opts) => {
    const { topics: list } = await clientOf(o).call<{ topics: Record<string, unknown>[] }>('GET', base(o));
    print(o.output, list, () => table(list, COLUMNS));
  });

  withRemoteOptions(
    instanceOption(
      topics
        .command('create')
        .description('create a topic (usable by clients when the command returns)')
        .argument('<name>', 'topic name')
        .addOption(new Option('--type <type>', 'message type').choices(['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION']))
        .option('--queues <N>', 'queues per broker (default 8)', (v: string) => {
          if (!/^\d+$/.test(v)) throw new CliError(`--queues must be a whole number, got ${v}`, 2, 'e.g. --queues 8');
          return Number(v);
        }),
    ),
  ).action(async (name: string, o: Opts & { type?: string; queues?: number }) => {
    const t = await clientOf(o).call<Record<string, unknown>>('POST', base(o), {
      name,
      ...(o.type ? { messageType: o.type } : {}),
      ...(o.queues === undefined ? {} : { queueNum: o.queues }),
    });
    print(o.output, t, () => table([t], COLUMNS));
  });

  withRemoteOptions(instanceOption(topics.command('delete').description('delete a topic and its messages').argument('<name>', 'topic name'))).action(
    async (name: string, o: Opts) => {
      const r = await clientOf(o).call<{ deleted: string }>('DELETE', `${base(o)}/${seg(name)}`);
      print(o.output, r, () => `deleted topic ${r.deleted}\n`);
    },
  );
}
