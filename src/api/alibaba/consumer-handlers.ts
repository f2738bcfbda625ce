// ListConsumerConnections and GetConsumerGroupLag: who is connected to a group now, and what it has not acked, as
// the running broker reports it.
import { invalid } from '../../domain/errors.js';
import type { ConsumerClient, Group, QueueProgress } from '../../domain/topic.js';
import type { AlibabaContext, AlibabaHandler } from './context.js';
import { findAlibabaInstance } from './instance-handlers.js';
import { Reader } from './read.js';

/** One connected client as ApsaraMQ's connection DTOs show it. */
export const connectionView = (c: ConsumerClient, g: Group) => ({
  clientId: c.clientId,
  egressIp: c.address.replace(/:\d+$/, ''),
  hostname: c.clientId.split('@')[0] ?? '',
  language: c.language,
  version: c.version,
  messageModel: g.broadcast ? 'BROADCASTING' : 'CLUSTERING',
});

const groupOf = async (ctx: AlibabaContext) => {
  const q = Reader.query(ctx.query);
  const topicName = q.string('topicName', { max: 128 });
  if (q.string('liteTopicName') !== undefined) throw invalid('liteTopicName', 'The parameter liteTopicName applies to Lite topics, which Hangar does not provide.');
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const group = await ctx.deps.groups.get(ctx.caller, i.id, ctx.params.consumerGroupId ?? '');
  if (topicName !== undefined) await ctx.deps.topics.get(ctx.caller, i.id, topicName);
  return { i, group, topicName, head: { instanceId: i.alibabaId, regionId: ctx.deps.config.region, consumerGroupId: group.name } };
};

const listConnections: AlibabaHandler = async (ctx) => {
  const { i, group, topicName, head } = await groupOf(ctx);
  const clients = await ctx.deps.groups.clients(ctx.caller, i.id, group.name);
  const listed = topicName === undefined ? clients : clients.filter((c) => c.subscriptions.some((s) => s.topic === topicName));
  return { ...head, connections: listed.map((c) => connectionView(c, group)) };
};

/**
 * Ready (stored, not yet delivered) and inflight (delivered, not acked) over some queues, and deliveryDuration: how
 * many seconds the oldest message not yet consumed has waited.
 */
const lagOf = (rows: QueueProgress[], now: number) => {
  const inflightCount = rows.reduce((n, q) => n + q.inflight, 0);
  const waiting = rows.map((q) => q.oldestUnackedTime).filter((t) => t > 0);
  const deliveryDuration = waiting.length ? Math.max(0, Math.floor((now - Math.min(...waiting)) / 1000)) : 0;
  return { readyCount: rows.reduce((n, q) => n + q.lag, 0) - inflightCount, inflightCount, deliveryDuration };
};

const getLag: AlibabaHandler = async (ctx) => {
  const { i, group, topicName, head } = await groupOf(ctx);
  const userTopics = new Set((await ctx.deps.topics.list(ctx.caller, i.id)).map((t) => t.name));
  const rows = (await ctx.deps.groups.progress(ctx.caller, i.id, group.name)).filter((q) => userTopics.has(q.topic) && (topicName === undefined || q.topic === topicName));
  const now = ctx.deps.clock.storeNow();
  const topicLagMap: Record<string, ReturnType<typeof lagOf>> = {};
  for (const t of new Set(rows.map((q) => q.topic))) topicLagMap[t] = lagOf(rows.filter((q) => q.topic === t), now);
  return { ...head, ...(topicName === undefined ? {} : { topicName }), topicLagMap, totalLag: lagOf(rows, now) };
};

export const consumerHandlers: Record<string, AlibabaHandler> = {
  ListConsumerConnections: listConnections,
  GetConsumerGroupLag: getLag,
};
