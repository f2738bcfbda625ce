// PULL_MESSAGE (11) with long polling: read from the requested offset, filter by tag, and when nothing matches
// suspend until messages arrive or the client's suspend timeout passes. Every response carries nextBeginOffset,
// minOffset, maxOffset and suggestWhichBrokerId (ali-ons dereferences all four).

import { sleep } from '../../../domain/clock.js';
import { RequestCode, ResponseCode } from './codes.js';
import { createResponse, type RemotingCommand } from './command.js';
import type { BrokerRequest, BrokerHandler } from './auth.js';
import { engineQueueOf, requireTopic, type RemotingContext } from './context.js';
import { messageExtOf } from './message-mapping.js';
import { PullSysFlag } from './message-sys-flag.js';
import { RequestRejected } from './reply-error.js';
import { parsePullMessageHeader } from './request-headers.js';
import { encodeMessageExt } from './stored-message.js';
import { engineCallSync } from './engine-errors.js';

export const pullHandlers = (ctx: RemotingContext): Map<number, BrokerHandler> => {
  const h = new Map<number, BrokerHandler>();

  h.set(RequestCode.PULL_MESSAGE, async (rc: BrokerRequest): Promise<RemotingCommand> => {
    const p = parsePullMessageHeader(rc.request.extFields);
    const topic = requireTopic(ctx, p.topic);
    const queue = engineQueueOf(topic, p.queueId);

    const hasSub = (p.sysFlag & PullSysFlag.SUBSCRIPTION) !== 0;
    const sub = hasSub ? { subString: p.subscription, expressionType: p.expressionType ?? 'TAG' } : ctx.clients.subscription(p.consumerGroup, p.topic);
    if (sub && sub.expressionType && sub.expressionType.toUpperCase() !== 'TAG') {
      throw new RequestRejected(ResponseCode.SUBSCRIPTION_PARSE_FAILED, `expression type ${sub.expressionType} is not supported, only TAG`);
    }

    const group = ctx.backend.group(p.consumerGroup);
    if (group && !group.broadcast && (p.sysFlag & PullSysFlag.COMMIT_OFFSET) !== 0 && p.commitOffset >= 0) {
      engineCallSync(() => ctx.backend.commitConsumerOffset(p.consumerGroup, p.topic, queue, p.commitOffset, rc.who));
    }

    const maxMsgs = Math.max(1, Math.min(p.maxMsgNums, 1024));
    const suspend = (p.sysFlag & PullSysFlag.SUSPEND) !== 0 ? Math.min(Math.max(p.suspendTimeoutMillis, 0), ctx.maxSuspendMs) : 0;
    const deadline = ctx.clock.now() + suspend;

    const answer = (code: number, next: number, body: Buffer | null): RemotingCommand => {
      const range = ctx.backend.range(p.topic, queue, rc.who);
      return createResponse(rc.request, code, {
        extFields: { nextBeginOffset: String(next), minOffset: String(range.min), maxOffset: String(range.max), suggestWhichBrokerId: '0' },
        body,
        remark: code === ResponseCode.PULL_NOT_FOUND ? 'no new message' : null,
      });
    };

    let offset = p.queueOffset;
    for (;;) {
      const range = ctx.backend.range(p.topic, queue, rc.who);
      if (offset < range.min) return answer(ResponseCode.PULL_OFFSET_MOVED, range.min, null);
      if (offset > range.max) return answer(ResponseCode.PULL_OFFSET_MOVED, range.max, null);
      // The engine checks the group, the topic's permission and the group's receive TPS, and filters by tag.
      const r = await ctx.backend.pull({ group: p.consumerGroup, topic: p.topic, queue, offset, maxCount: maxMsgs, maxBytes: ctx.maxPullBytes, filter: sub?.subString }, rc.who);
      // The group's offsets were reset: the consumer continues from there (it commits its stale offset no more).
      if (r.movedTo !== undefined) return answer(ResponseCode.PULL_OFFSET_MOVED, r.movedTo, null);
      if (r.messages.length > 0) {
        const view = { topic: p.topic, queueId: p.queueId, storeHost: ctx.storeHost, fallbackBornHost: { ip: rc.peer.remoteIp, port: rc.peer.remotePort } };
        const body = Buffer.concat(r.messages.map((m) => encodeMessageExt(messageExtOf(m, view))));
        return answer(ResponseCode.SUCCESS, r.nextOffset, body);
      }
      const left = deadline - ctx.clock.now();
      if (r.dueAt !== undefined) {
        if (left <= 0 || rc.signal.aborted) return answer(ResponseCode.PULL_NOT_FOUND, r.nextOffset, null);
        await sleep(ctx.clock, Math.min(left, r.dueAt - ctx.clock.now()), rc.signal);
        offset = r.nextOffset;
        continue;
      }
      // Only filtered-out messages and more to read: let the client come back at once.
      if (r.nextOffset > offset && r.nextOffset < r.range.max) return answer(ResponseCode.PULL_RETRY_IMMEDIATELY, r.nextOffset, null);
      // An entry below max that cannot be read (Java: OFFSET_FOUND_NULL): step over it rather than spin.
      if (r.nextOffset === offset && offset < r.range.max) return answer(ResponseCode.PULL_NOT_FOUND, offset + 1, null);
      offset = r.nextOffset;
      if (left <= 0 || rc.signal.aborted) return answer(ResponseCode.PULL_NOT_FOUND, offset, null);
      await ctx.backend.waitForMessages(p.topic, queue, offset, left, rc.signal, p.consumerGroup);
      if (ctx.backend.range(p.topic, queue, rc.who).max <= offset && ctx.clock.now() >= deadline) return answer(ResponseCode.PULL_NOT_FOUND, offset, null);
    }
  });

  return h;
};
