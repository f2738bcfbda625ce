// CreateTopic, GetTopic, ListTopics, UpdateTopic, DeleteTopic over the neutral topic service.
import { invalid } from '../../domain/errors.js';
import type { Topic } from '../../domain/topic.js';
import { checkResourceName } from './fields.js';
import type { AlibabaContext, AlibabaHandler } from './context.js';
import { findAlibabaInstance } from './instance-handlers.js';
import { clampPage } from './list-instances.js';
import { parseJsonBody, Reader } from './read.js';
import { alibabaTime } from './status.js';

export const ALIBABA_MESSAGE_TYPES = ['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION'] as const;
type AlibabaMessageType = (typeof ALIBABA_MESSAGE_TYPES)[number];

export const MAX_TPS = 1_000_000;

/** A 4.x MIXED topic (Huawei) accepts every type; Alibaba has no such word and shows it as NORMAL. */
const messageTypeView = (t: Topic): AlibabaMessageType => (t.messageType === 'MIXED' ? 'NORMAL' : t.messageType);

export const topicView = (t: Topic, instanceId: string, region: string) => {
  const lite = (t.attributes['alibaba'] as { liteTopicExpiration?: number } | undefined)?.liteTopicExpiration;
  return {
    topicName: t.name,
    instanceId,
    regionId: region,
    messageType: messageTypeView(t),
    status: 'RUNNING',
    remark: t.remark,
    ...(t.maxSendTps !== undefined ? { maxSendTps: t.maxSendTps } : {}),
    ...(lite !== undefined ? { liteTopicExpiration: lite } : {}),
    createTime: alibabaTime(t.createdAt),
    updateTime: alibabaTime(t.updatedAt),
  };
};

const topicBody = (ctx: AlibabaContext) => {
  const r = new Reader(parseJsonBody(ctx.body));
  const remark = r.string('remark', { max: 128 });
  const maxSendTps = r.integer('maxSendTps', { min: 1, max: MAX_TPS });
  const liteTopicExpiration = r.integer('liteTopicExpiration');
  if (liteTopicExpiration !== undefined) {
    throw invalid('liteTopicExpiration', 'The parameter liteTopicExpiration applies to Lite topics, which Hangar does not provide.');
  }
  return { r, remark, maxSendTps };
};

const createTopic: AlibabaHandler = async (ctx) => {
  const name = checkResourceName(ctx.params.topicName ?? '', 'topicName');
  const { r, remark, maxSendTps } = topicBody(ctx);
  const messageType = r.enumOf('messageType', ALIBABA_MESSAGE_TYPES, { required: true })!;
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await ctx.deps.topics.create(ctx.caller, i.id, {
    name,
    messageType,
    ...(remark !== undefined ? { remark } : {}),
    ...(maxSendTps !== undefined ? { maxSendTps } : {}),
  });
  return true;
};

const getTopic: AlibabaHandler = async (ctx) => {
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const t = await ctx.deps.topics.get(ctx.caller, i.id, ctx.params.topicName ?? '');
  return topicView(t, i.alibabaId, ctx.deps.config.region);
};

const listTopics: AlibabaHandler = async (ctx) => {
  const q = Reader.query(ctx.query);
  const page = clampPage(q, { min: 1, max: 200, def: 10 });
  const filter = q.string('filter', { max: 256 });
  const types = q.csv('messageTypes');
  for (const t of types ?? []) {
    if (!(ALIBABA_MESSAGE_TYPES as readonly string[]).includes(t)) throw invalid('messageTypes', `The parameter messageTypes has an unknown type ${t}.`);
  }
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const all = (await ctx.deps.topics.list(ctx.caller, i.id))
    .filter((t) => !filter || t.name.includes(filter))
    .filter((t) => !types?.length || types.includes(messageTypeView(t)))
    .sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1));
  const start = (page.pageNumber - 1) * page.pageSize;
  return {
    pageNumber: page.pageNumber,
    pageSize: page.pageSize,
    totalCount: all.length,
    list: all.slice(start, start + page.pageSize).map((t) => topicView(t, i.alibabaId, ctx.deps.config.region)),
  };
};

const updateTopic: AlibabaHandler = async (ctx) => {
  const { remark, maxSendTps } = topicBody(ctx);
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await ctx.deps.topics.update(ctx.caller, i.id, ctx.params.topicName ?? '', {
    ...(remark !== undefined ? { remark } : {}),
    ...(maxSendTps !== undefined ? { maxSendTps } : {}),
  });
  return true;
};

const deleteTopic: AlibabaHandler = async (ctx) => {
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await ctx.deps.topics.delete(ctx.caller, i.id, ctx.params.topicName ?? '');
  return true;
};

export const topicHandlers: Record<string, AlibabaHandler> = {
  CreateTopic: createTopic,
  GetTopic: getTopic,
  ListTopics: listTopics,
  UpdateTopic: updateTopic,
  DeleteTopic: deleteTopic,
};
