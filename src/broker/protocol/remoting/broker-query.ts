// VIEW_MESSAGE_BY_ID (33, by commit-log offset decoded from an offset message id) and QUERY_MESSAGE (12, by key or,
// with _UNIQUE_KEY_QUERY, by unique message id). Both answer with stored-message records.

import { Prop, type StoredMessage } from '../../engine/index.js';
import { RequestCode, ResponseCode } from './codes.js';
import { createResponse } from './command.js';
import type { BrokerHandler } from './auth.js';
import { remotingQueueIdOf, type RemotingContext } from './context.js';
import { messageExtOf } from './message-mapping.js';
import { intField, parseQueryMessageHeader } from './request-headers.js';
import { encodeMessageExt } from './stored-message.js';

/** A stored message as 4.x clients see it: the topic a retry copy came from stays visible in RETRY_TOPIC. */
export const encodeForClient = (ctx: RemotingContext, m: StoredMessage): Buffer => {
  const realTopic = m.properties[Prop.REAL_TOPIC] ?? m.topic;
  const topic = ctx.backend.topic(m.topic);
  const queueId = topic ? Math.max(0, remotingQueueIdOf(topic, ctx.backend.queueOfStored(m))) : 0;
  return encodeMessageExt(messageExtOf(m, { topic: topic ? m.topic : realTopic, queueId, storeHost: ctx.storeHost, fallbackBornHost: ctx.storeHost }));
};

export const queryHandlers = (ctx: RemotingContext): Map<number, BrokerHandler> => {
  const h = new Map<number, BrokerHandler>();

  h.set(RequestCode.VIEW_MESSAGE_BY_ID, async ({ request, who }) => {
    const offset = intField(request.extFields, 'offset');
    const m = await ctx.backend.messageByCommitLogOffset(offset, who);
    if (!m) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `can not find message by the offset, ${offset}` });
    return createResponse(request, ResponseCode.SUCCESS, { body: encodeForClient(ctx, m) });
  });

  h.set(RequestCode.QUERY_MESSAGE, async ({ request, who }) => {
    const q = parseQueryMessageHeader(request.extFields);
    let found: StoredMessage[];
    if (request.extFields._UNIQUE_KEY_QUERY === 'true') {
      const m = await ctx.backend.messageById(q.key, who);
      found = m && (m.topic === q.topic || m.properties[Prop.RETRY_TOPIC] === q.topic) ? [m] : [];
    } else {
      found = await ctx.backend.messagesByKey(q.topic, q.key, Math.max(1, q.maxNum), q.beginTimestamp, q.endTimestamp, who);
    }
    if (found.length === 0) return createResponse(request, ResponseCode.QUERY_NOT_FOUND, { remark: 'can not find message, maybe time range not correct' });
    const last = found[found.length - 1]!;
    return createResponse(request, ResponseCode.SUCCESS, {
      extFields: { indexLastUpdateTimestamp: String(last.storeTimestamp), indexLastUpdatePhyoffset: String(last.commitLogOffset) },
      body: Buffer.concat(found.map((m) => encodeForClient(ctx, m))),
    });
  });

  return h;
};
