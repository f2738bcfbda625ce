// SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320): a 4.x producer picked the queue; the message
// goes through the engine like any other, so 5.x consumers receive it too.

import { decodeBatch } from './batch.js';
import { RequestCode, ResponseCode } from './codes.js';
import { createResponse } from './command.js';
import type { BrokerRequest, BrokerHandler } from './auth.js';
import { engineQueueOf, remotingQueueIdOf, requireTopic, type RemotingContext } from './context.js';
import { incomingFromSend } from './message-mapping.js';
import { encodeOffsetMessageId } from './message-id.js';
import { RequestRejected } from './reply-error.js';
import { parseSendMessageHeader, type SendMessageHeader } from './request-headers.js';
import type { EngineQueue, SendOutcome } from './backend.js';
import { DLQ_PREFIX, RETRY_PREFIX } from '../../engine/index.js';

export const sendHandlers = (ctx: RemotingContext): Map<number, BrokerHandler> => {
  const h = new Map<number, BrokerHandler>();

  const target = (header: SendMessageHeader): { topicName: string; queue: EngineQueue | undefined; remotingQueueId: (q: EngineQueue) => number } => {
    let topicName = header.topic;
    // A producer-side retry (ali-ons falls back to this when CONSUMER_SEND_MSG_BACK fails) past its limit goes to the DLQ.
    if (topicName.startsWith(RETRY_PREFIX) && header.maxReconsumeTimes !== undefined && header.reconsumeTimes > header.maxReconsumeTimes) {
      topicName = DLQ_PREFIX + topicName.slice(RETRY_PREFIX.length);
    }
    const topic = requireTopic(ctx, topicName);
    const sameTopic = topicName === header.topic;
    const queue = sameTopic && header.queueId >= 0 && header.queueId < topic.queues.length ? engineQueueOf(topic, header.queueId) : undefined;
    return { topicName, queue, remotingQueueId: (q) => Math.max(0, remotingQueueIdOf(topic, q)) };
  };

  const reply = (ctx2: BrokerRequest, outcomes: SendOutcome[], queueIdOf: (q: EngineQueue) => number) => {
    const first = outcomes[0]!;
    // msgId is the offset message id (what 4.x clients show as msgId when they set no id of their own).
    const ids = outcomes.map((o) => encodeOffsetMessageId(ctx.storeHost, o.commitLogOffset));
    const ext: Record<string, string> = {
      msgId: ids.join(','),
      queueId: String(queueIdOf(first.queue)),
      queueOffset: String(first.queueOffset),
      MSG_REGION: 'DefaultRegion',
      TRACE_ON: 'true',
    };
    if (first.transactionId) ext.transactionId = first.transactionId;
    return createResponse(ctx2.request, ResponseCode.SUCCESS, { extFields: ext });
  };

  const single = (v2: boolean): BrokerHandler => async (rc) => {
    const header = parseSendMessageHeader(rc.request.extFields, v2);
    const { topicName, queue, remotingQueueId } = target(header);
    const msg = incomingFromSend({ ...header, topic: topicName }, rc.request.body ?? Buffer.alloc(0), ctx.clock.now());
    const [outcome] = await ctx.backend.send([msg], queue, rc.peer.remoteAddress, rc.who);
    if (msg.messageType === 'TRANSACTION' && header.producerGroup) ctx.transactionGroups.set(outcome!.messageId, header.producerGroup);
    return reply(rc, [outcome!], remotingQueueId);
  };

  h.set(RequestCode.SEND_MESSAGE, single(false));
  h.set(RequestCode.SEND_MESSAGE_V2, single(true));

  h.set(RequestCode.SEND_BATCH_MESSAGE, async (rc) => {
    const header = parseSendMessageHeader(rc.request.extFields, true);
    const entries = decodeBatch(rc.request.body ?? Buffer.alloc(0));
    if (entries.length === 0) throw new RequestRejected(ResponseCode.MESSAGE_ILLEGAL, 'the batch is empty');
    const { topicName, queue, remotingQueueId } = target(header);
    const msgs = entries.map((e) => incomingFromSend({ ...header, topic: topicName, flag: e.flag, properties: e.properties }, e.body, ctx.clock.now()));
    // One engine call: every message of the batch is checked before any is stored.
    // All messages of a batch land in one queue (Java semantics), also when the client left the queue open.
    const outcomes: SendOutcome[] = await ctx.backend.send(msgs, queue ?? engineQueueOf(requireTopic(ctx, topicName), 0), rc.peer.remoteAddress, rc.who);
    return reply(rc, outcomes, remotingQueueId);
  });

  return h;
};
