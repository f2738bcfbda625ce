// Client bookkeeping: HEART_BEAT (34), UNREGISTER_CLIENT (35), GET_CONSUMER_LIST_BY_GROUP (38), LOCK_BATCH_MQ (41),
// UNLOCK_BATCH_MQ (42), CHECK_CLIENT_CONFIG (46).

import { RETRY_PREFIX } from '../../engine/index.js';
import { RequestCode, ResponseCode } from './codes.js';
import { createResponse } from './command.js';
import type { BrokerHandler } from './auth.js';
import type { RemotingContext } from './context.js';
import { parseHeartbeat } from './client-registry.js';
import { parseLockBatchBody } from './queue-locks.js';
import { RequestRejected } from './reply-error.js';
import { optionalField, requiredField } from './request-headers.js';

const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v), 'utf8');

export const clientHandlers = (ctx: RemotingContext): Map<number, BrokerHandler> => {
  const h = new Map<number, BrokerHandler>();

  h.set(RequestCode.HEART_BEAT, ({ request, peer }) => {
    let hb;
    try {
      hb = parseHeartbeat(request.body);
    } catch (e) {
      throw new RequestRejected(ResponseCode.SYSTEM_ERROR, `heartbeat body is not valid JSON: ${(e as Error).message}`);
    }
    if (!hb.clientId) throw new RequestRejected(ResponseCode.SYSTEM_ERROR, 'heartbeat without clientID');
    ctx.clients.heartbeat(peer, hb);
    for (const c of hb.consumers) {
      ctx.backend.consumerSeen({
        clientId: hb.clientId,
        group: c.groupName,
        consumeType: c.consumeType,
        subscriptions: c.subscriptions
          .filter((s) => !s.topic.startsWith(RETRY_PREFIX))
          .map((s) => ({ topic: s.topic, type: s.expressionType.toUpperCase(), expression: s.subString })),
        address: peer.remoteAddress,
        language: request.language,
        version: request.version,
      });
    }
    return createResponse(request, ResponseCode.SUCCESS);
  });

  h.set(RequestCode.UNREGISTER_CLIENT, ({ request }) => {
    const clientId = requiredField(request.extFields, 'clientID');
    const consumerGroup = optionalField(request.extFields, 'consumerGroup');
    ctx.clients.unregister(clientId, { producerGroup: optionalField(request.extFields, 'producerGroup'), consumerGroup });
    if (consumerGroup) {
      ctx.locks.releaseClient(clientId);
      ctx.backend.consumerGone(clientId, consumerGroup);
    }
    return createResponse(request, ResponseCode.SUCCESS);
  });

  h.set(RequestCode.GET_CONSUMER_LIST_BY_GROUP, ({ request }) => {
    const group = requiredField(request.extFields, 'consumerGroup');
    const ids = ctx.clients.consumerIds(group);
    if (ids.length === 0) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `no consumer for this group, ${group}` });
    return createResponse(request, ResponseCode.SUCCESS, { body: json({ consumerIdList: ids }) });
  });

  h.set(RequestCode.LOCK_BATCH_MQ, ({ request }) => {
    const b = parseLockBatchBody(request.body);
    if (!b.consumerGroup || !b.clientId) throw new RequestRejected(ResponseCode.SYSTEM_ERROR, 'lock request without consumerGroup or clientId');
    const held = ctx.locks.lock(b.consumerGroup, b.clientId, b.mqSet);
    return createResponse(request, ResponseCode.SUCCESS, { body: json({ lockOKMQSet: held }) });
  });

  h.set(RequestCode.UNLOCK_BATCH_MQ, ({ request }) => {
    const b = parseLockBatchBody(request.body);
    ctx.locks.unlock(b.consumerGroup, b.clientId, b.mqSet);
    return createResponse(request, ResponseCode.SUCCESS);
  });

  // Java clients check SQL92 subscriptions here; only TAG expressions are served.
  h.set(RequestCode.CHECK_CLIENT_CONFIG, ({ request }) => {
    let type = 'TAG';
    try {
      const body = JSON.parse(request.body?.toString('utf8') ?? '{}') as { subscriptionData?: { expressionType?: string } };
      type = body.subscriptionData?.expressionType ?? 'TAG';
    } catch {
      // an unreadable body is treated as a TAG subscription
    }
    if (type.toUpperCase() !== 'TAG') {
      return createResponse(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED, { remark: `expression type ${type} is not supported, only TAG` });
    }
    return createResponse(request, ResponseCode.SUCCESS);
  });

  return h;
};
