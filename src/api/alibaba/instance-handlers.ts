// CreateInstance, GetInstance, ListInstances, UpdateInstance, DeleteInstance.
import { randomBytes } from 'node:crypto';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Instance } from '../../domain/instance.js';
import type { Caller } from '../../service/caller.js';
import type { ApiDeps } from '../deps.js';
import { parseCreateInstance } from './create-instance.js';
import type { AlibabaContext, AlibabaHandler } from './context.js';
import { alibabaAttributesOf, instanceListItemView, instanceView, PLACEHOLDER_PREFIX, type InstanceViewContext } from './instance-views.js';
import { instanceMatches, parseListInstances } from './list-instances.js';
import { parseJsonBody } from './read.js';
import { alibabaSpecs } from './specs.js';
import { parseUpdateInstance } from './update-instance.js';
import { countsOf } from './counts.js';

/** The tenant's instance by its Alibaba id; a Huawei UUID or a released instance is not found here. */
export const findAlibabaInstance = async (deps: ApiDeps, caller: Caller, instanceId: string | undefined): Promise<Instance> => {
  if (!instanceId) throw notFound('instance', '');
  const i = await deps.instances.get(caller, instanceId);
  if (i.alibabaId !== instanceId || i.status === 'deleting') throw notFound('instance', instanceId);
  return i;
};

export const viewContext = async (ctx: AlibabaContext, i: Instance): Promise<InstanceViewContext> => {
  const counts = await countsOf(ctx, i);
  return {
    region: ctx.deps.config.region,
    publicHost: ctx.deps.config.publicHost,
    spec: alibabaSpecs.viewOf(i),
    topicCount: counts.topics,
    groupCount: counts.groups,
    defaultRetentionHours: Math.max(1, Math.round(ctx.deps.config.broker.store.retentionMs / 3_600_000)),
    defaultUsername: ctx.deps.access.defaultAccount(i).username,
  };
};

const createInstance: AlibabaHandler = async (ctx) => {
  const parsed = parseCreateInstance(parseJsonBody(ctx.body), ctx.query, alibabaSpecs);
  // Without instanceName Alibaba names the instance after its id, which only the service knows: create under a
  // unique placeholder, then rename (also when a replayed clientToken finds a create whose rename was cut short).
  const placeholder = `${PLACEHOLDER_PREFIX}${randomBytes(8).toString('hex')}`;
  const cmd = parsed.nameFromId ? { ...parsed.command, name: placeholder } : parsed.command;
  const i = await ctx.deps.instances.create(ctx.caller, cmd, parsed.clientToken ? { idempotencyKey: parsed.clientToken } : {});
  if (i.name.startsWith(PLACEHOLDER_PREFIX)) {
    try {
      await ctx.deps.instances.update(ctx.caller, i.id, { name: i.alibabaId });
    } catch (e) {
      // A caller allowed to create but not to update keeps the placeholder; views show the id for it anyway.
      if (!(e instanceof DomainError && e.code === 'Forbidden')) throw e;
    }
  }
  return i.alibabaId;
};

const getInstance: AlibabaHandler = async (ctx) => {
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  return instanceView(i, await viewContext(ctx, i));
};

const listInstances: AlibabaHandler = async (ctx) => {
  const q = parseListInstances(ctx.query);
  const { items, total } = await ctx.deps.instances.list(ctx.caller, {
    includeFailed: true,
    where: (i) => instanceMatches(i, q, alibabaSpecs.viewOf(i)),
    offset: (q.pageNumber - 1) * q.pageSize,
    limit: q.pageSize,
  });
  const list = [];
  for (const i of items) list.push(instanceListItemView(i, await viewContext(ctx, i)));
  return { pageNumber: q.pageNumber, pageSize: q.pageSize, totalCount: total, list };
};

const updateInstance: AlibabaHandler = async (ctx) => {
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const cmd = parseUpdateInstance(parseJsonBody(ctx.body), alibabaAttributesOf(i, alibabaSpecs.viewOf(i)));
  await ctx.deps.instances.update(ctx.caller, i.id, cmd);
  return true;
};

const deleteInstance: AlibabaHandler = async (ctx) => {
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await ctx.deps.instances.delete(ctx.caller, i.id);
  return true;
};

export const instanceHandlers: Record<string, AlibabaHandler> = {
  CreateInstance: createInstance,
  GetInstance: getInstance,
  ListInstances: listInstances,
  UpdateInstance: updateInstance,
  DeleteInstance: deleteInstance,
};
