// ListTopicSubscriptions, ListConsumerGroupSubscriptions, GetConsumerGroupSubscription: which groups consume which
// topics, as the running broker reports it (a group's consumption progress per topic and its connected clients).
import { DomainError, missing } from '../../domain/errors.js';
import { DLQ_PREFIX, RETRY_PREFIX, type ConsumerClient, type Group, type QueueProgress } from '../../domain/topic.js';
import type { AlibabaContext, AlibabaHandler } from './context.js';
import { connectionView } from './consumer-handlers.js';
import { findAlibabaInstance } from './instance-handlers.js';
import { Reader } from './read.js';

const isSystemTopic = (t: string): boolean => t.startsWith(RETRY_PREFIX) || t.startsWith(DLQ_PREFIX) || t.startsWith('rmq_sys_');

interface Subscription {
  group: Group;
  topic: string;
  lag: number;
  clients: ConsumerClient[];
}

/** The group's subscribed topics with their lag; a broker that is not serving reports none. */
const subscriptionsOf = async (ctx: AlibabaContext, instanceId: string, group: Group): Promise<Subscription[]> => {
  let progress: QueueProgress[] = [];
  let clients: ConsumerClient[] = [];
  try {
    progress = await ctx.deps.groups.progress(ctx.caller, instanceId, group.name);
    clients = await ctx.deps.groups.clients(ctx.caller, instanceId, group.name);
  } catch (e) {
    if (!(e instanceof DomainError) || (e.code !== 'StateConflict' && e.code !== 'NotFound')) throw e;
  }
  const byTopic = new Map<string, number>();
  for (const q of progress) {
    if (isSystemTopic(q.topic)) continue;
    byTopic.set(q.topic, (byTopic.get(q.topic) ?? 0) + Math.max(0, q.lag));
  }
  return [...byTopic].map(([topic, lag]) => ({ group, topic, lag, clients }));
};

const subscriptionFields = (s: Subscription) => ({
  consumerGroupId: s.group.name,
  topicName: s.topic,
  filterExpression: '*',
  filterExpressionType: 'TAG',
  messageModel: s.group.broadcast ? 'BROADCASTING' : 'CLUSTERING',
  subscriptionStatus: s.clients.length > 0 ? 'ONLINE' : 'OFFLINE',
});

const listTopicSubscriptions: AlibabaHandler = async (ctx) => {
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const topic = await ctx.deps.topics.get(ctx.caller, i.id, ctx.params.topicName ?? '');
  const out = [];
  for (const g of await ctx.deps.groups.list(ctx.caller, i.id)) {
    for (const s of await subscriptionsOf(ctx, i.id, g)) {
      if (s.topic === topic.name) out.push({ ...subscriptionFields(s), consistency: String(s.lag === 0) });
    }
  }
  return out;
};

const listGroupSubscriptions: AlibabaHandler = async (ctx) => {
  const topicName = Reader.query(ctx.query).string('topicName', { max: 128 });
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const group = await ctx.deps.groups.get(ctx.caller, i.id, ctx.params.consumerGroupId ?? '');
  const topics = new Set((await ctx.deps.topics.list(ctx.caller, i.id)).map((t) => t.name));
  return (await subscriptionsOf(ctx, i.id, group))
    .filter((s) => !topicName || s.topic === topicName)
    .map((s) => ({ ...subscriptionFields(s), consistency: s.lag === 0, topicCreated: topics.has(s.topic) }));
};

const getGroupSubscription: AlibabaHandler = async (ctx) => {
  const topicName = ctx.params.topicName;
  if (!topicName) throw missing('topicName');
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const group = await ctx.deps.groups.get(ctx.caller, i.id, ctx.params.consumerGroupId ?? '');
  await ctx.deps.topics.get(ctx.caller, i.id, topicName);
  const out = [];
  for (const s of await subscriptionsOf(ctx, i.id, group)) {
    if (s.topic !== topicName) continue;
    const subscriptionDTO = subscriptionFields(s);
    if (s.clients.length === 0) out.push({ subscriptionDTO });
    for (const c of s.clients) {
      out.push({
        subscriptionDTO,
        connectionDTO: connectionView(c, group),
      });
    }
  }
  return out;
};

// Removing a subscription drops the group's offsets and consumption state on the topic in the broker; a client that
// still subscribes brings it back (as on ApsaraMQ, where subscriptions are what clients report).
const deleteGroupSubscription: AlibabaHandler = async (ctx) => {
  const q = Reader.query(ctx.query);
  const topicName = q.string('topicName', { required: true, max: 128 })!;
  q.enumOf('filterType', ['TAG', 'SQL'] as const, { required: true });
  q.string('filterExpression', { required: true, max: 4096 });
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await ctx.deps.groups.get(ctx.caller, i.id, ctx.params.consumerGroupId ?? '');
  await ctx.deps.topics.get(ctx.caller, i.id, topicName);
  await ctx.deps.groups.deleteSubscription(ctx.caller, i.id, ctx.params.consumerGroupId ?? '', topicName);
  return true;
};

export const subscriptionHandlers: Record<string, AlibabaHandler> = {
  ListTopicSubscriptions: listTopicSubscriptions,
  ListConsumerGroupSubscriptions: listGroupSubscriptions,
  GetConsumerGroupSubscription: getGroupSubscription,
  DeleteConsumerGroupSubscription: deleteGroupSubscription,
};
