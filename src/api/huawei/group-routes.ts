// Huawei consumer-group operations over the neutral group service.
import { DomainError } from '../../domain/errors.js';
import { instanceLimits } from '../../domain/catalogue.js';
import { brokerNames } from '../../domain/instance.js';
import type { ConsumerClient, Group } from '../../domain/topic.js';
import type { UpdateGroupInput } from '../../service/groups.js';
import { bad, parseJsonObjectBody, read, page, paged, resourceName, type Json } from './body.js';
import { paths } from './message-routes.js';
import type { RawRouter } from './router.js';
import type { HuaweiOperation, HuaweiRequest, HuaweiResponse } from './operation.js';

const op = (name: string, run: (r: HuaweiRequest) => Promise<HuaweiResponse>): HuaweiOperation => ({ name, run });

/** One connected consumer as ShowConsumerConnections lists it (ClientData). */
const clientData = (c: ConsumerClient): Record<string, unknown> => ({
  client_id: c.clientId,
  client_addr: c.address,
  language: c.language,
  version: c.version,
  consume_type: c.consumeType,
  subscriptions: c.subscriptions.map((s) => ({ topic: s.topic, type: s.type, expression: s.expression })),
});

/** True when every client subscribes to the same topics with the same filters. */
const sameSubscriptions = (clients: ConsumerClient[]): boolean => {
  const keys = clients.map((c) => JSON.stringify([...c.subscriptions].sort((a, b) => a.topic.localeCompare(b.topic))));
  return keys.every((k) => k === keys[0]);
};

/** The group's connected consumers; none while the instance's broker is not serving. */
async function liveClients(deps: HuaweiRequest['deps'], caller: HuaweiRequest['caller'], instanceId: string, group: string): Promise<ConsumerClient[]> {
  try {
    return await deps.groups.clients(caller, instanceId, group);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'StateConflict') return [];
    throw e;
  }
}

export function groupView(g: Group, brokers: string[], online: boolean): Record<string, unknown> {
  return {
    enabled: g.enabled,
    broadcast: g.broadcast,
    brokers,
    name: g.name,
    group_desc: g.remark,
    retry_max_time: g.maxRetries,
    created_at: g.createdAt,
    permissions: ['sub'],
    consume_orderly: g.consumeOrderly,
    group_online: online,
  };
}

function groupPatch(b: Json): UpdateGroupInput {
  const f = read(b);
  return {
    enabled: f.boolean('enabled'),
    broadcast: f.boolean('broadcast'),
    maxRetries: f.integer('retry_max_time', { min: 0, max: 16 }),
    consumeOrderly: f.boolean('consume_orderly'),
    remark: f.string('group_desc', { max: 200 }),
  };
}

export function groupRoutes(r: RawRouter<HuaweiOperation>): void {
  const base = '/v2/{project_id}/instances/{instance_id}/groups';

  r.add(
    'POST',
    base,
    op('CreateConsumerGroupOrBatchDeleteConsumerGroup', async ({ caller, params, query, body, deps }) => {
      const b = parseJsonObjectBody(body);
      const id = params.instance_id!;
      if (query.get('action') === 'delete') {
        const names = read(b).stringArray('groups');
        if (!names?.length) throw new DomainError('MissingParameter', 'The parameter groups is mandatory.', { field: 'groups' });
        for (const n of names) await deps.groups.get(caller, id, n);
        for (const n of names) await deps.groups.delete(caller, id, n);
        return { status: 204 };
      }
      if (query.get('action') !== null) throw new DomainError('InvalidParameter', 'Invalid action: only delete is supported.', { field: 'action' });
      const name = resourceName(b, 'name');
      read(b).stringArray('brokers');
      const g = await deps.groups.create(caller, id, { name, ...groupPatch(b) });
      return { status: 200, body: { name: g.name } };
    }),
  );

  r.add(
    'GET',
    base,
    op('ListInstanceConsumerGroups', async ({ caller, params, query, deps }) => {
      const i = await deps.instances.get(caller, params.instance_id!);
      const filter = query.get('group');
      const all = (await deps.groups.list(caller, params.instance_id!)).filter((g) => !filter || g.name.includes(filter));
      const { slice, next_offset, previous_offset } = paged(all, page(query));
      const max = instanceLimits(i.flavorId, i.brokerNum).maxGroups;
      const brokers = brokerNames(i.brokerNum);
      return {
        status: 200,
        body: {
          total: all.length,
          max,
          remaining: Math.max(0, max - all.length),
          next_offset,
          previous_offset,
          groups: await Promise.all(
            slice.map(async (g) => {
              const clients = await liveClients(deps, caller, params.instance_id!, g.name);
              const topics = new Set(clients.flatMap((c) => c.subscriptions.map((s) => s.topic)));
              return { ...groupView(g, brokers, clients.length > 0), topic_subscription_count: topics.size };
            }),
          ),
        },
      };
    }),
  );

  r.add(
    'PUT',
    base,
    op('BatchUpdateConsumerGroup', async ({ caller, params, body, deps }) => {
      const b = parseJsonObjectBody(body);
      const groups = b.groups;
      if (!Array.isArray(groups) || groups.length === 0) throw new DomainError('MissingParameter', 'The parameter groups is mandatory.', { field: 'groups' });
      const patches = groups.map((g: unknown) => {
        const o = (g ?? {}) as Json;
        if (typeof o.name !== 'string' || !o.name) throw new DomainError('MissingParameter', 'The parameter groups.name is mandatory.', { field: 'groups.name' });
        return { name: o.name, patch: groupPatch(o) };
      });
      for (const p of patches) await deps.groups.get(caller, params.instance_id!, p.name);
      for (const p of patches) await deps.groups.update(caller, params.instance_id!, p.name, p.patch);
      return { status: 200, body: { job_id: '' } };
    }),
  );

  r.add(
    'GET',
    `${base}/{group}`,
    op('ShowGroup', async ({ caller, params, deps }) => {
      const i = await deps.instances.get(caller, params.instance_id!);
      const g = await deps.groups.get(caller, params.instance_id!, params.group!);
      const online = (await liveClients(deps, caller, params.instance_id!, g.name)).length > 0;
      return { status: 200, body: groupView(g, brokerNames(i.brokerNum), online) };
    }),
  );

  r.add(
    'PUT',
    `${base}/{group}`,
    op('UpdateConsumerGroup', async ({ caller, params, body, deps }) => {
      await deps.groups.update(caller, params.instance_id!, params.group!, groupPatch(parseJsonObjectBody(body)));
      return { status: 204 };
    }),
  );

  r.add(
    'DELETE',
    `${base}/{group}`,
    op('DeleteConsumerGroup', async ({ caller, params, deps }) => {
      await deps.groups.delete(caller, params.instance_id!, params.group!);
      return { status: 204 };
    }),
  );

  const connections = op('ShowConsumerConnections', async ({ caller, params, query, deps }) => {
    // Details (subscriptions) are always listed; the flag is still checked so a typo is not silently accepted.
    const detail = query.get('is_detail');
    if (detail !== null && detail !== 'true' && detail !== 'false') throw bad('is_detail', 'The parameter is_detail must be true or false.');
    const clients = await deps.groups.clients(caller, params.instance_id!, params.group!);
    const { slice, next_offset, previous_offset } = paged(clients, page(query));
    return {
      status: 200,
      body: {
        group_name: params.group!,
        online: clients.length > 0,
        subscription_consistency: sameSubscriptions(clients),
        total: clients.length,
        next_offset,
        previous_offset,
        clients: slice.map(clientData),
      },
    };
  });
  for (const p of paths('/groups/{group}/clients')) r.add('GET', p, connections);

  r.add(
    'GET',
    `${base}/{group}/topics`,
    op('ShowConsumerListOrDetails', async ({ caller, params, query, deps }) => {
      const progress = await deps.groups.progress(caller, params.instance_id!, params.group!);
      const topic = query.get('topic');
      if (!topic) {
        const topics = [...new Set(progress.map((q) => q.topic))];
        const { slice } = paged(topics, page(query));
        return { status: 200, body: { topics: slice, total: topics.length } };
      }
      const rows = progress.filter((q) => q.topic === topic);
      const byBroker = new Map<string, typeof rows>();
      for (const q of rows) byBroker.set(q.brokerName, [...(byBroker.get(q.brokerName) ?? []), q]);
      return {
        status: 200,
        body: {
          lag: rows.reduce((n, q) => n + q.lag, 0),
          max_offset: rows.reduce((n, q) => n + q.brokerOffset, 0),
          consumer_offset: rows.reduce((n, q) => n + q.consumerOffset, 0),
          brokers: [...byBroker].map(([broker, qs]) => ({
            broker_name: broker,
            queues: qs.map((q) => ({
              id: q.queueId,
              lag: q.lag,
              broker_offset: q.brokerOffset,
              consumer_offset: q.consumerOffset,
              last_message_time: q.lastMessageTime,
              client_id: '',
            })),
          })),
        },
      };
    }),
  );
}
