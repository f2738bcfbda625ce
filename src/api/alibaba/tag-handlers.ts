// TagResources, UntagResources, ListTagResources, ChangeResourceGroup: instance tags and resource groups, kept on
// the neutral instance (tags) and its Alibaba attributes (resource group). All parameters arrive in the query.
import { invalid, missing } from '../../domain/errors.js';
import type { Instance, Tag } from '../../domain/instance.js';
import { authorize } from '../../service/authorize.js';
import { checkTagList, MAX_TAGS } from './fields.js';
import type { AlibabaContext, AlibabaHandler } from './context.js';
import { findAlibabaInstance } from './instance-handlers.js';
import { alibabaAttributesOf } from './instance-views.js';
import { Reader } from './read.js';
import { alibabaSpecs } from './specs.js';

const RESOURCE_GROUP = /^[A-Za-z0-9_*-]{1,64}$/;

/** regionId must be this server's region; resourceType must be instance. */
const checkScope = (ctx: AlibabaContext, r: Reader, requireType = true): void => {
  const region = r.string('regionId', { required: true })!;
  if (region !== ctx.deps.config.region) {
    throw invalid('regionId', `The region ${region} is not served here; this region is ${ctx.deps.config.region}.`);
  }
  const type = r.string('resourceType', { required: requireType });
  if (type !== undefined && type.toLowerCase() !== 'instance') {
    throw invalid('resourceType', 'The parameter resourceType must be instance.');
  }
};

/** resourceId as a JSON array of ids (`["rmq-cn-…"]`) or a single id. */
const resourceIds = (r: Reader, required: boolean): string[] | undefined => {
  const raw = r.string('resourceId', { required });
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (!text.startsWith('[')) return [text];
  const v = r.json('resourceId');
  if (!Array.isArray(v) || v.length === 0 || !v.every((s) => typeof s === 'string' && s !== '')) {
    throw invalid('resourceId', 'The parameter resourceId must be a JSON array of instance ids.');
  }
  if (v.length > 50) throw invalid('resourceId', 'The parameter resourceId takes at most 50 ids.');
  return [...new Set(v as string[])];
};

const tagsParam = (r: Reader, required: boolean): Tag[] | undefined => {
  const v = r.json('tag', { required });
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw invalid('tag', 'The parameter tag must be a JSON array of {key, value}.');
  return checkTagList(v, 'tag');
};

const instancesOf = async (ctx: AlibabaContext, ids: string[]): Promise<Instance[]> => {
  const out: Instance[] = [];
  for (const id of ids) out.push(await findAlibabaInstance(ctx.deps, ctx.caller, id));
  return out;
};

const tagResources: AlibabaHandler = async (ctx) => {
  const r = Reader.query(ctx.query);
  checkScope(ctx, r);
  const ids = resourceIds(r, true)!;
  const tags = tagsParam(r, true)!;
  if (tags.length === 0) throw missing('tag');
  const targets = await instancesOf(ctx, ids);
  // Check every instance before changing any, so a failed request changes nothing.
  const next = targets.map((i) => {
    authorize(ctx.caller, 'rocketmq:TagResources', { instanceId: i.alibabaId, region: ctx.deps.config.region });
    const merged = [...i.tags.filter((t) => !tags.some((n) => n.key === t.key)), ...tags];
    if (merged.length > MAX_TAGS) throw invalid('tag', `The instance ${i.alibabaId} would have more than ${MAX_TAGS} tags.`);
    return { i, tags: merged };
  });
  for (const n of next) await ctx.deps.instances.update(ctx.caller, n.i.id, { tags: n.tags });
  return true;
};

const untagResources: AlibabaHandler = async (ctx) => {
  const r = Reader.query(ctx.query);
  checkScope(ctx, r);
  const ids = resourceIds(r, true)!;
  const all = r.boolean('all') ?? false;
  let keys: string[] | undefined;
  const rawKeys = r.json('tagKey');
  if (rawKeys !== undefined) {
    const list = Array.isArray(rawKeys) ? rawKeys : [rawKeys];
    if (!list.every((k) => typeof k === 'string')) throw invalid('tagKey', 'The parameter tagKey must be a JSON array of tag keys.');
    keys = list;
  }
  if (!all && (!keys || keys.length === 0)) throw missing('tagKey');
  const targets = await instancesOf(ctx, ids);
  for (const i of targets) authorize(ctx.caller, 'rocketmq:UntagResources', { instanceId: i.alibabaId, region: ctx.deps.config.region });
  for (const i of targets) {
    const remaining = all ? [] : i.tags.filter((t) => !keys!.includes(t.key));
    if (remaining.length !== i.tags.length) await ctx.deps.instances.update(ctx.caller, i.id, { tags: remaining });
  }
  return true;
};

const listTagResources: AlibabaHandler = async (ctx) => {
  const r = Reader.query(ctx.query);
  checkScope(ctx, r);
  const ids = resourceIds(r, false);
  const filter = tagsParam(r, false);
  const group = r.string('resourceGroupId', { max: 64 });
  r.string('nextToken', { max: 256 });
  authorize(ctx.caller, 'rocketmq:ListTagResources', { region: ctx.deps.config.region });
  const { items } = await ctx.deps.instances.list(ctx.caller, {
    includeFailed: true,
    where: (i) =>
      i.status !== 'deleting' &&
      (!ids || ids.includes(i.alibabaId)) &&
      (!group || alibabaAttributesOf(i, alibabaSpecs.viewOf(i)).resourceGroupId === group) &&
      (!filter?.length || filter.every((f) => i.tags.some((t) => t.key === f.key && (f.value === '' || t.value === f.value)))),
  });
  const tagResources = items.flatMap((i) =>
    i.tags.map((t) => ({ resourceId: i.alibabaId, resourceType: 'instance', tagKey: t.key, tagValue: t.value, category: 'custom', scope: 'public' })),
  );
  return { tagResources };
};

const changeResourceGroup: AlibabaHandler = async (ctx) => {
  const r = Reader.query(ctx.query);
  checkScope(ctx, r);
  const group = r.string('resourceGroupId', { required: true, pattern: RESOURCE_GROUP, patternText: 'like rg-aekzy6pist7uuna' })!;
  const id = r.string('resourceId', { required: true })!;
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, id);
  authorize(ctx.caller, 'rocketmq:ChangeResourceGroup', { instanceId: i.alibabaId, region: ctx.deps.config.region });
  const current = alibabaAttributesOf(i, alibabaSpecs.viewOf(i));
  await ctx.deps.instances.update(ctx.caller, i.id, { attributes: { alibaba: { ...current, resourceGroupId: group } } });
  return true;
};

export const tagHandlers: Record<string, AlibabaHandler> = {
  TagResources: tagResources,
  UntagResources: untagResources,
  ListTagResources: listTagResources,
  ChangeResourceGroup: changeResourceGroup,
};
