// Consumer offsets and queue offsets: QUERY/UPDATE_CONSUMER_OFFSET (14/15), GET_MIN/MAX_OFFSET (31/30),
// SEARCH_OFFSET_BY_TIMESTAMP (29), GET_EARLIEST_MSG_STORETIME (32). Offsets live in the engine's store, shared with
// the gRPC side; broadcasting consumers keep theirs on the client.

import { RequestCode, ResponseCode } from './codes.js';
import { engineCallSync } from './engine-errors.js';
import { createResponse } from './command.js';
import type { BrokerHandler } from './auth.js';
import { engineQueueOf, requireTopic, type RemotingContext } from './context.js';
import {
  parseQueryConsumerOffsetHeader, parseQueueHeader, parseSearchOffsetHeader, parseUpdateConsumerOffsetHeader,
} from './request-headers.js';

const offsetResponse = (request: Parameters<BrokerHandler>[0]['request'], offset: number) =>
  createResponse(request, ResponseCode.SUCCESS, { extFields: { offset: String(offset) } });

export const offsetHandlers = (ctx: RemotingContext): Map<number, BrokerHandler> => {
  const h = new Map<number, BrokerHandler>();

  h.set(RequestCode.QUERY_CONSUMER_OFFSET, ({ request, who }) => {
    const q = parseQueryConsumerOffsetHeader(request.extFields);
    const topic = requireTopic(ctx, q.topic);
    const queue = engineQueueOf(topic, q.queueId);
    const committed = ctx.backend.consumerOffset(q.consumerGroup, q.topic, queue, who);
    if (committed !== undefined && committed >= 0) return offsetResponse(request, committed);
    // Like the Java broker: a new group starts at 0 while the queue still holds its first message, so messages sent
    // before the consumer's first start are not skipped by CONSUME_FROM_LAST_OFFSET.
    if (ctx.backend.range(q.topic, queue, who).min === 0) return offsetResponse(request, 0);
    return createResponse(request, ResponseCode.QUERY_NOT_FOUND, { remark: 'Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first' });
  });

  h.set(RequestCode.UPDATE_CONSUMER_OFFSET, ({ request, who }) => {
    const u = parseUpdateConsumerOffsetHeader(request.extFields);
    const topic = requireTopic(ctx, u.topic);
    const queue = engineQueueOf(topic, u.queueId);
    const range = ctx.backend.range(u.topic, queue, who);
    engineCallSync(() => ctx.backend.commitConsumerOffset(u.consumerGroup, u.topic, queue, Math.min(Math.max(u.commitOffset, 0), range.max), who));
    return createResponse(request, ResponseCode.SUCCESS);
  });

  h.set(RequestCode.GET_MAX_OFFSET, ({ request, who }) => {
    const q = parseQueueHeader(request.extFields);
    const topic = requireTopic(ctx, q.topic);
    return offsetResponse(request, ctx.backend.range(q.topic, engineQueueOf(topic, q.queueId), who).max);
  });

  h.set(RequestCode.GET_MIN_OFFSET, ({ request, who }) => {
    const q = parseQueueHeader(request.extFields);
    const topic = requireTopic(ctx, q.topic);
    return offsetResponse(request, ctx.backend.range(q.topic, engineQueueOf(topic, q.queueId), who).min);
  });

  h.set(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, ({ request, who }) => {
    const s = parseSearchOffsetHeader(request.extFields);
    const topic = requireTopic(ctx, s.topic);
    return offsetResponse(request, ctx.backend.searchOffset(s.topic, engineQueueOf(topic, s.queueId), s.timestamp, who));
  });

  h.set(RequestCode.GET_EARLIEST_MSG_STORETIME, async ({ request, who }) => {
    const q = parseQueueHeader(request.extFields);
    const topic = requireTopic(ctx, q.topic);
    const timestamp = await ctx.backend.earliestStoreTime(q.topic, engineQueueOf(topic, q.queueId), who);
    return createResponse(request, ResponseCode.SUCCESS, { extFields: { timestamp: String(timestamp) } });
  });

  return h;
};
