// The three message queues the messaging scenarios compare, each behind its own client, and the loop that measures
// every one of them the same way (a system that is not reachable is reported n/a with how to start it).
import type { Row, SystemName, Unavailable } from './results.js';
import type { ScenarioContext, ScenarioResult } from './scenario.js';
import { hangarClient } from './systems/hangar.js';
import { SystemUnavailableError, type ClientFactory, type MessagingClient } from './systems/messaging.js';
import { natsClient } from './systems/nats.js';
import { rabbitmqClient } from './systems/rabbitmq.js';

export const MESSAGE_BYTES = 1024;

/**
 * `variants`: Hangar is also measured through a TLS client (hangar-tls, same instance and port) and with access control
 * on (hangar-acl: an instance of the same server whose every request is signed and checked).
 */
export function messagingFactories(ctx: ScenarioContext, variants = false): { system: SystemName; open: ClientFactory }[] {
  const all: { system: SystemName; open: ClientFactory }[] = [
    { system: 'hangar', open: async (name) => hangarClient(await ctx.hangarTarget(), name) },
    ...(variants
      ? [
          { system: 'hangar-tls' as const, open: async (name: string) => hangarClient(await ctx.hangarTarget(), name, { tls: true }) },
          { system: 'hangar-acl' as const, open: async (name: string) => hangarClient(await ctx.hangarAclTarget(), name) },
        ]
      : []),
    { system: 'nats', open: natsClient },
    { system: 'rabbitmq', open: rabbitmqClient },
  ];
  return all.filter((s) => !ctx.systems || ctx.systems.includes(s.system));
}

let runSeq = 0;
/** A destination name unique to this run and measurement. */
export const destination = (scenario: string, system: SystemName): string => `${scenario}-${system}-${process.pid}-${Date.now() % 1e8}-${runSeq++}`;

/**
 * For each system: open a client on a fresh destination, hand it to `measure`, close it. Unreachable systems become
 * n/a entries with the hint to start them; other failures are reported as n/a with the error too, so one broken
 * system does not hide the others' figures.
 */
export async function eachSystem(
  ctx: ScenarioContext,
  scenario: string,
  measure: (client: MessagingClient) => Promise<Row[]>,
  opts: { variants?: boolean } = {},
): Promise<ScenarioResult> {
  const rows: Row[] = [];
  const unavailable: Unavailable[] = [];
  const flushSettings: Partial<Record<SystemName, string>> = {};
  for (const { system, open } of messagingFactories(ctx, opts.variants)) {
    let client: MessagingClient;
    try {
      client = await open(destination(scenario, system));
    } catch (e) {
      const reason = e instanceof SystemUnavailableError ? `${e.message}; ${e.hint}` : `setup failed: ${String(e)}`;
      ctx.log(`${scenario}: ${system} n/a (${reason})`);
      unavailable.push({ scenario, system, reason });
      continue;
    }
    flushSettings[system] = client.flushSetting;
    try {
      rows.push(...(await measure(client)));
    } catch (e) {
      ctx.log(`${scenario}: ${system} failed: ${String((e as Error).stack ?? e)}`);
      unavailable.push({ scenario, system, reason: `failed: ${String((e as Error).message ?? e)}` });
    } finally {
      await client.close().catch((e: unknown) => ctx.log(`${scenario}: ${system} close: ${String(e)}`));
    }
  }
  return { rows, unavailable, flushSettings };
}
