// CreateConsumerGroup, GetConsumerGroup, ListConsumerGroups, UpdateConsumerGroup, DeleteConsumerGroup.
import { invalid } from '../../domain/errors.js';
import type { Group } from '../../domain/topic.js';
import type { UpdateGroupInput } from '../../service/groups.js';
import { checkResourceName } from './fields.js';
import type { AlibabaContext, AlibabaHandler } from './context.js';
import { findAlibabaInstance } from './instance-handlers.js';
import { clampPage } from './list-instances.js';
import { parseJsonBody, Reader } from './read.js';
import { alibabaTime } from './status.js';
import { MAX_TPS } from './topic-handlers.js';

export const DELIVERY_ORDER_TYPES = ['Concurrently', 'Orderly'] as const;
export const RETRY_POLICIES = ['DefaultRetryPolicy', 'FixedRetryPolicy'] as const;
export const MESSAGE_MODELS = ['CLUSTERING', 'BROADCASTING'] as const;
export const MAX_RETRY_TIMES = 1000;

/** Alibaba-only group fields, kept under attributes.alibaba. */
interface GroupAttributes {
  retryPolicy?: (typeof RETRY_POLICIES)[number];
  fixedIntervalRetryTime?: number;
}

interface RetryPolicy {
  retryPolicy: (typeof RETRY_POLICIES)[number];
  maxRetryTimes?: number;
  deadLetterTargetTopic?: string;
  fixedIntervalRetryTime?: number;
}

/** consumeRetryPolicy: DefaultRetryPolicy (backoff) only for Concurrently, FixedRetryPolicy only for Orderly. */
const parseRetryPolicy = (r: Reader, orderly: boolean): RetryPolicy => {
  const p = r.object('consumeRetryPolicy', { required: true })!;
  const retryPolicy = p.enumOf('retryPolicy', RETRY_POLICIES, { required: true })!;
  if (retryPolicy === 'DefaultRetryPolicy' && orderly) {
    throw invalid('consumeRetryPolicy.retryPolicy', 'DefaultRetryPolicy applies to Concurrently delivery only; Orderly groups use FixedRetryPolicy.');
  }
  if (retryPolicy === 'FixedRetryPolicy' && !orderly) {
    throw invalid('consumeRetryPolicy.retryPolicy', 'FixedRetryPolicy applies to Orderly delivery only; Concurrently groups use DefaultRetryPolicy.');
  }
  const maxRetryTimes = p.integer('maxRetryTimes', { min: 0, max: MAX_RETRY_TIMES });
  const deadLetterTargetTopic = p.string('deadLetterTargetTopic', { max: 60 });
  if (deadLetterTargetTopic) checkResourceName(deadLetterTargetTopic, 'topicName');
  const fixedIntervalRetryTime = p.integer('fixedIntervalRetryTime', orderly ? { min: 1, max: 600 } : { min: 10, max: 1800 });
  return {
    retryPolicy,
    ...(maxRetryTimes !== undefined ? { maxRetryTimes } : {}),
    ...(deadLetterTargetTopic ? { deadLetterTargetTopic } : {}),
    ...(fixedIntervalRetryTime !== undefined ? { fixedIntervalRetryTime } : {}),
  };
};

const deliveryOrderType = (r: Reader, required: boolean) => r.enumOf('deliveryOrderType', DELIVERY_ORDER_TYPES, { required });

const groupAttributes = (g: Group): GroupAttributes => (g.attributes['alibaba'] ?? {});

export const groupView = (g: Group, instanceId: string, region: string) => {
  const a = groupAttributes(g);
  return {
    consumerGroupId: g.name,
    instanceId,
    regionId: region,
    status: 'RUNNING',
    deliveryOrderType: g.consumeOrderly ? 'Orderly' : 'Concurrently',
    consumeRetryPolicy: {
      retryPolicy: a.retryPolicy ?? (g.consumeOrderly ? 'FixedRetryPolicy' : 'DefaultRetryPolicy'),
      maxRetryTimes: g.maxRetries,
      ...(g.deadLetterTopic ? { deadLetterTargetTopic: g.deadLetterTopic } : {}),
      ...(a.fixedIntervalRetryTime !== undefined ? { fixedIntervalRetryTime: a.fixedIntervalRetryTime } : {}),
    },
    ...(g.maxReceiveTps !== undefined ? { maxReceiveTps: g.maxReceiveTps } : {}),
    messageModel: g.broadcast ? 'BROADCASTING' : 'CLUSTERING',
    remark: g.remark,
    createTime: alibabaTime(g.createdAt),
    updateTime: alibabaTime(g.updatedAt),
  };
};

const groupListItemView = (g: Group, instanceId: string, region: string) => {
  const v = groupView(g, instanceId, region);
  return {
    consumerGroupId: v.consumerGroupId,
    instanceId,
    regionId: region,
    status: v.status,
    remark: v.remark,
    ...(v.maxReceiveTps !== undefined ? { maxReceiveTps: v.maxReceiveTps } : {}),
    messageModel: v.messageModel,
    createTime: v.createTime,
    updateTime: v.updateTime,
  };
};

const createGroup: AlibabaHandler = async (ctx) => {
  const name = checkResourceName(ctx.params.consumerGroupId ?? '', 'consumerGroupId', 'InvalidConsumerGroupId');
  const r = new Reader(parseJsonBody(ctx.body));
  const order = deliveryOrderType(r, true)!;
  const retry = parseRetryPolicy(r, order === 'Orderly');
  const maxReceiveTps = r.integer('maxReceiveTps', { min: 1, max: MAX_TPS });
  const messageModel = r.enumOf('messageModel', MESSAGE_MODELS);
  if (r.boolean('exclusive') === true) throw invalid('exclusive', 'The parameter exclusive applies to Lite groups, which Hangar does not provide.');
  if (r.string('topicName') !== undefined) throw invalid('topicName', 'The parameter topicName applies to Lite groups, which Hangar does not provide.');
  const remark = r.string('remark', { max: 128 });
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const attributes: GroupAttributes = {
    retryPolicy: retry.retryPolicy,
    ...(retry.fixedIntervalRetryTime !== undefined ? { fixedIntervalRetryTime: retry.fixedIntervalRetryTime } : {}),
  };
  await ctx.deps.groups.create(ctx.caller, i.id, {
    name,
    consumeOrderly: order === 'Orderly',
    broadcast: messageModel === 'BROADCASTING',
    ...(retry.maxRetryTimes !== undefined ? { maxRetries: retry.maxRetryTimes } : {}),
    ...(retry.deadLetterTargetTopic ? { deadLetterTopic: retry.deadLetterTargetTopic } : {}),
    ...(maxReceiveTps !== undefined ? { maxReceiveTps } : {}),
    ...(remark !== undefined ? { remark } : {}),
    attributes: { alibaba: attributes },
  });
  return true;
};

const getGroup: AlibabaHandler = async (ctx) => {
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  return groupView(await ctx.deps.groups.get(ctx.caller, i.id, ctx.params.consumerGroupId ?? ''), i.alibabaId, ctx.deps.config.region);
};

const listGroups: AlibabaHandler = async (ctx) => {
  const q = Reader.query(ctx.query);
  const page = clampPage(q, { min: 10, max: 100, def: 10 });
  const filter = q.string('filter', { max: 256 });
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const all = (await ctx.deps.groups.list(ctx.caller, i.id))
    .filter((g) => !filter || g.name.includes(filter))
    .sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1));
  const start = (page.pageNumber - 1) * page.pageSize;
  return {
    pageNumber: page.pageNumber,
    pageSize: page.pageSize,
    totalCount: all.length,
    list: all.slice(start, start + page.pageSize).map((g) => groupListItemView(g, i.alibabaId, ctx.deps.config.region)),
  };
};

const updateGroup: AlibabaHandler = async (ctx: AlibabaContext) => {
  const r = new Reader(parseJsonBody(ctx.body));
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const current = await ctx.deps.groups.get(ctx.caller, i.id, ctx.params.consumerGroupId ?? '');
  const order = deliveryOrderType(r, false);
  const orderly = order ? order === 'Orderly' : current.consumeOrderly;
  const retry = parseRetryPolicy(r, orderly);
  const maxReceiveTps = r.integer('maxReceiveTps', { min: 1, max: MAX_TPS });
  const remark = r.string('remark', { max: 128 });
  const patch: UpdateGroupInput = {
    consumeOrderly: orderly,
    ...(retry.maxRetryTimes !== undefined ? { maxRetries: retry.maxRetryTimes } : {}),
    ...(retry.deadLetterTargetTopic ? { deadLetterTopic: retry.deadLetterTargetTopic } : {}),
    ...(maxReceiveTps !== undefined ? { maxReceiveTps } : {}),
    ...(remark !== undefined ? { remark } : {}),
    attributes: {
      alibaba: {
        ...groupAttributes(current),
        retryPolicy: retry.retryPolicy,
        ...(retry.fixedIntervalRetryTime !== undefined ? { fixedIntervalRetryTime: retry.fixedIntervalRetryTime } : {}),
      },
    },
  };
  await ctx.deps.groups.update(ctx.caller, i.id, current.name, patch);
  return true;
};

const deleteGroup: AlibabaHandler = async (ctx) => {
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await ctx.deps.groups.delete(ctx.caller, i.id, ctx.params.consumerGroupId ?? '');
  return true;
};

export const groupHandlers: Record<string, AlibabaHandler> = {
  CreateConsumerGroup: createGroup,
  GetConsumerGroup: getGroup,
  ListConsumerGroups: listGroups,
  UpdateConsumerGroup: updateGroup,
  DeleteConsumerGroup: deleteGroup,
};
