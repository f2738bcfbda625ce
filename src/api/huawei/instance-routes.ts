// Huawei instance lifecycle, flavour catalogue, zones, quotas, brokers, nodes and background tasks.
import { DomainError } from '../../domain/errors.js';
import type { Instance } from '../../domain/instance.js';
import { parseJsonObjectBody, read, page } from './body.js';
import type { RawRouter } from './router.js';
import type { HuaweiOperation, HuaweiRequest, HuaweiResponse } from './operation.js';
import { parseCreateInstanceBody, parseListInstancesQuery, parseTlsSwitchBody, parseUpdateInstanceBody } from './create-instance.js';
import {
  availableZonesView,
  brokersView,
  defaultZones,
  listInstancesView,
  listProductsView,
  nodesView,
  quotasView,
  showInstanceView,
  tasksView,
  type HuaweiViewContext,
} from './views.js';

const op = (name: string, run: (r: HuaweiRequest) => Promise<HuaweiResponse>): HuaweiOperation => ({ name, run });

// ShowInstance's JSON by instance: the service hands out one frozen object per instance until the database changes, so
// repeated reads serialise the view once. Unfrozen (mutable) instances are never remembered.
const shown = new WeakMap<Instance, { ctx: HuaweiViewContext; json: string }>();

const showInstanceJson = (i: Instance, ctx: HuaweiViewContext): string => {
  const hit = shown.get(i);
  if (hit && hit.ctx === ctx) return hit.json;
  const json = JSON.stringify(showInstanceView(i, ctx));
  if (Object.isFrozen(i)) shown.set(i, { ctx, json });
  return json;
};

const create = op('CreateInstance', async ({ caller, params, body, deps }) => {
  const cmd = parseCreateInstanceBody(body, params.engine);
  const i = await deps.instances.create(caller, cmd, { uniqueName: true });
  return { status: 200, body: { instance_id: i.huaweiId } };
});

export function instanceRoutes(r: RawRouter<HuaweiOperation>): void {
  r.add('POST', '/v2/{project_id}/instances', create)
    .add('POST', '/v2/{engine}/{project_id}/instances', create)
    .add('POST', '/v2/{project_id}/rocketmq/instances', create);

  r.add(
    'GET',
    '/v2/{project_id}/instances',
    op('ListInstances', async ({ caller, query, deps }) => {
      const f = parseListInstancesQuery(query);
      if (f.matchesNothing) return { status: 200, body: listInstancesView([], 0, deps.config) };
      const { items, total } = await deps.instances.list(caller, {
        name: f.name,
        exactName: f.exactMatchName,
        ids: f.instanceId ? [f.instanceId] : undefined,
        statuses: f.status ? [f.status] : undefined,
        includeFailed: f.includeFailure,
        where: f.enterpriseProjectId ? (i) => i.options.enterpriseProjectId === f.enterpriseProjectId : undefined,
        limit: f.limit,
        offset: f.offset,
      });
      return { status: 200, body: listInstancesView(items, total, deps.config) };
    }),
  );

  r.add(
    'GET',
    '/v2/{project_id}/instances/{instance_id}',
    op('ShowInstance', async ({ caller, params, deps }) => ({
      status: 200,
      json: showInstanceJson(await deps.instances.get(caller, params.instance_id!), deps.config),
    })),
  );

  r.add(
    'PUT',
    '/v2/{project_id}/instances/{instance_id}',
    op('UpdateInstance', async ({ caller, params, body, deps }) => {
      await deps.instances.update(caller, params.instance_id!, parseUpdateInstanceBody(body), { uniqueName: true });
      return { status: 204 };
    }),
  );

  r.add(
    'DELETE',
    '/v2/{project_id}/instances/{instance_id}',
    op('DeleteInstance', async ({ caller, params, deps }) => {
      await deps.instances.delete(caller, params.instance_id!);
      return { status: 204 };
    }),
  );

  r.add(
    'POST',
    '/v2/{project_id}/instances/action',
    op('BatchDeleteInstances', async ({ caller, body, deps }) => {
      const req = parseBatchDelete(body);
      let ids = req.instances;
      if (req.allFailure) {
        const failed = await deps.instances.list(caller, { statuses: ['create-failed'], includeFailed: true });
        ids = [...ids, ...failed.items.map((i) => i.huaweiId)];
      }
      const results = [];
      for (const id of ids) {
        try {
          await deps.instances.delete(caller, id);
          results.push({ result: 'success', instance: id });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          results.push({ result: 'failed', instance: id });
        }
      }
      return { status: 200, body: { results } };
    }),
  );

  r.add(
    'POST',
    '/v2/{project_id}/{engine}/instances/{instance_id}/restart',
    op('RestartInstance', async ({ caller, params, deps }) => {
      const i = await deps.instances.get(caller, params.instance_id!);
      await deps.instances.restart(caller, params.instance_id!);
      return { status: 200, body: { instance_id: i.huaweiId, nodes: i.endpoints.grpc, result: 'success' } };
    }),
  );

  r.add(
    'POST',
    '/v2/{project_id}/{engine}/instances/{instance_id}/plain-ssl-switch',
    op('ModifyInstanceSslConfig', async ({ caller, params, body, deps }) => {
      const i = await deps.instances.get(caller, params.instance_id!);
      const { task, instance } = await deps.instances.switchTls(caller, params.instance_id!, parseTlsSwitchBody(body, i.engineVersion));
      return { status: 200, body: { job_id: task.id, tls_mode: instance.options.tlsMode } };
    }),
  );

  r.add(
    'GET',
    '/v2/available-zones',
    op('ListAvailableZones', async ({ deps }) => ({ status: 200, body: availableZonesView(deps.config.region) })),
  );

  r.add(
    'GET',
    '/v2/{engine}/products',
    op('ListEngineProducts', async ({ params, query, deps }) => ({
      status: 200,
      body: listProductsView(params.engine!, query, defaultZones(deps.config.region).map((z) => z.id)),
    })),
  );

  r.add(
    'GET',
    '/v2/{project_id}/quotas',
    op('ShowQuotas', async ({ caller, deps }) => ({ status: 200, body: quotasView(await deps.instances.usage(caller)) })),
  );

  r.add(
    'GET',
    '/v2/{project_id}/instances/{instance_id}/brokers',
    op('ListBrokers', async ({ caller, params, query, deps }) => ({
      status: 200,
      body: brokersView(await deps.instances.get(caller, params.instance_id!), page(query)),
    })),
  );

  r.add(
    'GET',
    '/v2/{project_id}/{engine}/instances/{instance_id}/nodes',
    op('ShowInstanceNodes', async ({ caller, params, query, deps }) => ({
      status: 200,
      body: nodesView(await deps.instances.get(caller, params.instance_id!), page(query)),
    })),
  );

  r.add(
    'GET',
    '/v2/{project_id}/instances/{instance_id}/tasks',
    op('ListBackgroundTasks', async ({ caller, params, deps }) => {
      const instance = await deps.instances.get(caller, params.instance_id!);
      const tasks = await deps.instances.listTasks(caller, params.instance_id!);
      return { status: 200, body: tasksView(tasks, instance, deps.config) };
    }),
  );

  r.add(
    'GET',
    '/v2/{project_id}/instances/{instance_id}/tasks/{task_id}',
    op('ShowBackgroundTask', async ({ caller, params, deps }) => {
      const instance = await deps.instances.get(caller, params.instance_id!);
      const t = await deps.instances.getTask(caller, params.instance_id!, params.task_id!);
      return { status: 200, body: tasksView([t], instance, deps.config) };
    }),
  );
}

function parseBatchDelete(raw: Buffer): { instances: string[]; allFailure: boolean } {
  const b = parseJsonObjectBody(raw);
  if (b.action !== 'delete') throw new DomainError('InvalidParameter', 'Invalid action: must be "delete".', { field: 'action' });
  const f = read(b);
  const instances = f.stringArray('instances') ?? [];
  const allFailure = f.enumOf('all_failure', ['reliability', 'rocketmq'] as const) !== undefined;
  if (!instances.length && !allFailure) throw new DomainError('MissingParameter', 'The parameter instances is mandatory.', { field: 'instances' });
  return { instances, allFailure };
}
