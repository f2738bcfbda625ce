// hangar instances list|show|create|delete|restart — over Hangar's own API. An instance is named by its Huawei id,
// its Alibaba id or its name.
import { Option, type Command } from 'commander';
import type { HangarClient } from '../client.js';
import { CliError } from '../errors.js';
import { print, record, table } from '../output.js';
import { StatusProgress } from '../progress.js';
import { clientOf, seg, withRemoteOptions, type RemoteCommandOptions } from './remote.js';

export interface InstanceView {
  name: string;
  huaweiId: string;
  alibabaId: string;
  status: string;
  statusReason: string;
  engineVersion: string;
  flavor: string;
  brokers: number;
  storageGb: number;
  endpoints: { grpc: string[]; namesrv: string[]; broker: string[] };
  createdAt: string;
}

const FAILED = new Set(['CREATE_FAILED', 'ERROR']);
const POLL_MS = 500;

const flat = (i: InstanceView): Record<string, unknown> => ({
  ...i,
  grpc: i.endpoints.grpc,
  namesrv: i.endpoints.namesrv,
  broker: i.endpoints.broker,
});

const showInstance = (i: InstanceView): string =>
  record(flat(i), ['name', 'huaweiId', 'alibabaId', 'status', ...(i.statusReason ? ['statusReason'] : []), 'engineVersion', 'flavor', 'brokers', 'storageGb', 'grpc', 'namesrv', 'broker', 'createdAt']);

const int = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new CliError(`${name} must be a whole number, got ${v}`, 2, `e.g. ${name} 2`);
  return n;
};

/** Polls the instance until it is RUNNING (resolves) or failed (throws), showing each status it passes. */
async function waitUntilRunning(client: HangarClient, asked: InstanceView, timeoutMs: number): Promise<InstanceView> {
  const ref = asked.huaweiId;
  const progress = new StatusProgress(asked.name);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const i = await client.call<InstanceView>('GET', `/hangar/v1/instances/${seg(ref)}`);
    progress.update(i.status);
    if (i.status === 'RUNNING' || FAILED.has(i.status)) {
      progress.done(i.status);
      if (i.status !== 'RUNNING') throw new CliError(`${i.name} is ${i.status}${i.statusReason ? `: ${i.statusReason}` : ''}`);
      return i;
    }
    if (Date.now() > until) {
      progress.done(i.status);
      throw new CliError(`${i.name} is still ${i.status} after ${Math.round(timeoutMs / 1000)} s`, 1, `see it with: hangar instances show ${i.huaweiId}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export function registerInstances(program: Command): void {
  const instances = program.command('instances').description('list, show, create, delete and restart instances');

  withRemoteOptions(instances.command('list').description("the project's instances")).action(async (o: RemoteCommandOptions) => {
    const { instances: list } = await clientOf(o).call<{ instances: InstanceView[] }>('GET', '/hangar/v1/instances');
    print(o.output, list, () => table(list.map(flat), ['name', 'huaweiId', 'alibabaId', 'status', 'engineVersion', 'flavor', 'grpc']));
  });

  withRemoteOptions(instances.command('show').description('one instance and its endpoints').argument('<instance>', 'Huawei id, Alibaba id or name')).action(
    async (ref: string, o: RemoteCommandOptions) => {
      const i = await clientOf(o).call<InstanceView>('GET', `/hangar/v1/instances/${seg(ref)}`);
      print(o.output, i, () => showInstance(i));
    },
  );

  withRemoteOptions(
    instances
      .command('create')
      .description('create an instance and wait until it is RUNNING, then show its endpoints')
      .requiredOption('--name <name>', 'instance name (a letter, then 3-63 letters, digits, _ or -)')
      .addOption(new Option('--engine-version <version>', 'RocketMQ generation').choices(['5.x', '4.8.0']).default('5.x'))
      .option('--flavor <product_id>', 'a Huawei product_id or Alibaba msgProcessSpec (default rocketmq.b2.large.4, c6.4u8g.cluster for 4.8.0)')
      .option('--storage <GB>', 'storage space in GB (default the flavour minimum)', int('--storage'))
      .option('--brokers <N>', 'logical brokers (default the flavour default)', int('--brokers'))
      .option('--no-wait', 'return once recorded (status CREATING)')
      .option('--timeout <seconds>', 'how long to wait for RUNNING', int('--timeout'), 120),
  ).action(
    async (o: RemoteCommandOptions & { name: string; engineVersion: string; flavor?: string; storage?: number; brokers?: number; wait: boolean; timeout: number }) => {
      const client = clientOf(o);
      const created = await client.call<InstanceView>('POST', '/hangar/v1/instances', {
        name: o.name,
        engineVersion: o.engineVersion,
        ...(o.flavor === undefined ? {} : { flavor: o.flavor }),
        ...(o.storage === undefined ? {} : { storageGb: o.storage }),
        ...(o.brokers === undefined ? {} : { brokers: o.brokers }),
      });
      const i = o.wait ? await waitUntilRunning(client, created, o.timeout * 1000) : created;
      print(o.output, i, () => showInstance(i));
    },
  );

  withRemoteOptions(instances.command('delete').description('delete an instance and all its data').argument('<instance>', 'Huawei id, Alibaba id or name')).action(
    async (ref: string, o: RemoteCommandOptions) => {
      const i = await clientOf(o).call<InstanceView>('DELETE', `/hangar/v1/instances/${seg(ref)}`);
      print(o.output, i, () => `${i.name} (${i.huaweiId}, ${i.alibabaId}): ${i.status}\n`);
    },
  );

  withRemoteOptions(
    instances
      .command('restart')
      .description("restart an instance's broker and wait until it is RUNNING again")
      .argument('<instance>', 'Huawei id, Alibaba id or name')
      .option('--no-wait', 'return once the restart is recorded')
      .option('--timeout <seconds>', 'how long to wait for RUNNING', int('--timeout'), 120),
  ).action(async (ref: string, o: RemoteCommandOptions & { wait: boolean; timeout: number }) => {
    const client = clientOf(o);
    const asked = await client.call<InstanceView>('POST', `/hangar/v1/instances/${seg(ref)}/restart`);
    const i = o.wait ? await waitUntilRunning(client, asked, o.timeout * 1000) : asked;
    print(o.output, i, () => showInstance(i));
  });
}
