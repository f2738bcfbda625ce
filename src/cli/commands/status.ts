// hangar status — the server's /healthz: its state, version, database and every instance's broker. Exit 1 unless ok.
import { Option, type Command } from 'commander';
import { DEFAULT_ENDPOINT, endpointOf, HangarClient } from '../client.js';
import type { HealthReport } from '../../service/health.js';
import { print, record, table } from '../output.js';
import type { RemoteCommandOptions } from './remote.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description("the server's health: database, version and every instance's broker (exit 1 unless ok)")
    .option('--endpoint <url>', `Hangar server (or HANGAR_ENDPOINT; default ${DEFAULT_ENDPOINT})`)
    .addOption(new Option('-o, --output <format>', 'table for people, json for scripts').choices(['table', 'json']).default('table'))
    .action(async (o: Omit<RemoteCommandOptions, 'credentials'>) => {
      const client = new HangarClient(endpointOf(o));
      const { body } = await client.get<HealthReport>('/healthz');
      print(o.output, body, () => {
        const head = record({ status: body.status, version: body.version, database: `${body.database.kind} (${body.database.ok ? 'ok' : 'failing'})`, endpoint: client.endpoint.origin });
        return head + '\n' + table(body.instances, ['name', 'huaweiId', 'alibabaId', 'status', 'broker']);
      });
      if (body.status !== 'ok') process.exitCode = 1;
    });
}
