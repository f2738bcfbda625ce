// PULL_MESSAGE (11) with long polling: read from the requested offset, filter by tag, and when nothing matches
// suspend until messages arrive or the client's suspend timeout passes. Every response carries nextBeginOffset,
// minOffset, maxOffset and suggestWhichBrokerId (ali-ons dereferences all four).

import type { StoredMessage } from '../../storage/types.js';
import { RequestCode, ResponseCode } from './codes.js';
import { createResponse, type RemotingCommand } from './command.js';
import type { RequestContext, RequestHandler } from './connection.js';
import { engineQueueOf, requireTopic, type RemotingContext } from './context.js';
import { messageExtOf, RETRY_DUE_PROPERTY } from './message-mapping.js';
import { PullSysFlag } from './message-sys-flag.js';
import { RequestRejected } from './reply-error.js';
import { parsePullMessageHeader } from './request-headers.js';
import { encodeMessageExt } from './stored-message.js';

/** Messages examined per pull before answering "retry immediately" (bounds work on a heavily filtered queue). */
const MAX_SCAN = 4096;

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

export type TagMatcher = (tag: string | undefined) => boolean;

/** `*`, empty, or `a || b` (TAG expressions); anything else is refused by the caller. */
export const tagMatcher = (expression: string | undefined): TagMatcher => {
  const expr = (expression ?? '').trim();
  if (expr === '' || expr === '*') return () => true;
  const tags = new Set(expr.split('||').map((t) => t.trim()).filter((t) => t !== ''));
  if (tags.has('*') || tags.size === 0) return () => true;
  return (tag) => tag !== undefined && tags.has(tag);
};

export const pullHandlers = (ctx: RemotingContext): Map<number, RequestHandler> => {
  const h = new Map<number, RequestHandler>();

  h.set(RequestCode.PULL_MESSAGE, async (rc: RequestContext): Promise<RemotingCommand> => {
    const p = parsePullMessageHeader(rc.request.extFields);
    const group = ctx.backend.group(p.consumerGroup);
    if (!group) throw new RequestRejected(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, `subscription group [${p.consumerGroup}] does not exist`);
    if (!group.enabled) throw new RequestRejected(ResponseCode.NO_PERMISSION, `subscription group no permission, ${p.consumerGroup}`);
    const topic = requireTopic(ctx, p.topic);
    if (topic.perm === 'pub') throw new RequestRejected(ResponseCode.NO_PERMISSION, `the topic[${p.topic}] pulling message is forbidden`);
    const queue = engineQueueOf(topic, p.queueId);

    const hasSub = (p.sysFlag & PullSysFlag.SUBSCRIPTION) !== 0;
    const sub = hasSub ? { subString: p.subscription, expressionType: p.expressionType ?? 'TAG' } : ctx.clients.subscription(p.consumerGroup, p.topic);
    if (sub && sub.expressionType && sub.expressionType.toUpperCase() !== 'TAG') {
      throw new RequestRejected(ResponseCode.SUBSCRIPTION_PARSE_FAILED, `expression type ${sub.expressionType} is not supported, only TAG`);
    }
    const matches = tagMatcher(sub?.subString);

    if ((p.sysFlag & PullSysFlag.COMMIT_OFFSET) !== 0 && p.commitOffset >= 0 && !group.broadcast) {
      ctx.backend.commitConsumerOffset(p.consumerGroup, p.topic, queue, p.commitOffset);
    }

    const maxMsgs = Math.max(1, Math.min(p.maxMsgNums, 1024));
    const suspend = (p.sysFlag & PullSysFlag.SUSPEND) !== 0 ? Math.min(Math.max(p.suspendTimeoutMillis, 0), ctx.maxSuspendMs) : 0;
    const deadline = Date.now() + suspend;

    const answer = (code: number, next: number, body: Buffer | null): RemotingCommand => {
      const range = ctx.backend.range(p.topic, queue);
      return createResponse(rc.request, code, {
        extFields: { nextBeginOffset: String(next), minOffset: String(range.min), maxOffset: String(range.max), suggestWhichBrokerId: '0' },
        body,
        remark: code === ResponseCode.SUCCESS ? null : code === ResponseCode.PULL_NOT_FOUND ? 'no new message' : null,
      });
    };

    let offset = p.queueOffset;
    for (;;) {
      const range = ctx.backend.range(p.topic, queue);
      if (offset < range.min) return answer(ResponseCode.PULL_OFFSET_MOVED, range.min, null);
      if (offset > range.max) return answer(ResponseCode.PULL_OFFSET_MOVED, range.max, null);

      // Scan forward for matching messages; a retry copy not yet due stops the scan (the queue is delivered in order).
      const found: StoredMessage[] = [];
      let scanned = 0;
      let bytes = 0;
      let dueAt = 0;
      let unreadable = false;
      scan: while (found.length === 0 && offset < range.max && scanned < MAX_SCAN) {
        const batch = await ctx.backend.read(p.topic, queue, offset, maxMsgs, ctx.maxPullBytes);
        if (batch.length === 0) {
          unreadable = true;
          break;
        }
        const now = Date.now();
        for (const m of batch) {
          scanned++;
          if (found.length >= maxMsgs || (found.length > 0 && bytes + m.body.length > ctx.maxPullBytes)) break scan;
          const due = Number(m.properties[RETRY_DUE_PROPERTY] ?? 0);
          if (due > now) {
            dueAt = due;
            break scan;
          }
          offset = m.queueOffset + 1;
          if (matches(m.tag)) {
            found.push(m);
            bytes += m.body.length + 200;
          }
        }
      }
      if (found.length > 0) {
        const view = { topic: p.topic, queueId: p.queueId, storeHost: ctx.storeHost, fallbackBornHost: { ip: rc.peer.remoteIp, port: rc.peer.remotePort } };
        const body = Buffer.concat(found.map((m) => encodeMessageExt(messageExtOf(m, view))));
        return answer(ResponseCode.SUCCESS, offset, body);
      }
      // An entry below max that cannot be read (Java: OFFSET_FOUND_NULL): step over it rather than spin.
      if (unreadable) return answer(ResponseCode.PULL_NOT_FOUND, offset + 1, null);
      const left = deadline - Date.now();
      if (dueAt > 0) {
        if (left <= 0 || rc.signal.aborted) return answer(ResponseCode.PULL_NOT_FOUND, offset, null);
        await sleep(Math.min(left, dueAt - Date.now()), rc.signal);
        continue;
      }
      // Only filtered-out messages and more to read: let the client come back at once.
      if (offset < ctx.backend.range(p.topic, queue).max) return answer(ResponseCode.PULL_RETRY_IMMEDIATELY, offset, null);
      if (left <= 0 || rc.signal.aborted) return answer(ResponseCode.PULL_NOT_FOUND, offset, null);
      await ctx.backend.waitForMessages(p.topic, queue, offset, left, rc.signal);
      if (ctx.backend.range(p.topic, queue).max <= offset) return answer(ResponseCode.PULL_NOT_FOUND, offset, null);
    }
  });

  return h;
};
