// CONSUMER_SEND_MSG_BACK (36): a 4.x consumer failed a message. The message is found by the PHYSICALOFFSET the
// client received and copied to %RETRY%<group> (delayed) or, past the group's max retries, to %DLQ%<group>.

import { RequestCode, ResponseCode } from './codes.js';
import { createResponse } from './command.js';
import type { BrokerHandler } from './auth.js';
import type { RemotingContext } from './context.js';
import { delayLevelToMs } from './delay-level.js';
import { RequestRejected } from './reply-error.js';
import { parseConsumerSendMsgBackHeader } from './request-headers.js';

export const retryHandlers = (ctx: RemotingContext): Map<number, BrokerHandler> => {
  const h = new Map<number, BrokerHandler>();

  h.set(RequestCode.CONSUMER_SEND_MSG_BACK, async ({ request, who }) => {
    const b = parseConsumerSendMsgBackHeader(request.extFields);
    const msg = await ctx.backend.messageByCommitLogOffset(b.offset, who);
    if (!msg) throw new RequestRejected(ResponseCode.SYSTEM_ERROR, `look message by offset failed, ${b.offset}`);
    // The engine applies the group's max retries (a client asking for fewer is honoured); delayLevel < 0 asks for the
    // DLQ at once (Java semantics).
    const maxTimes = b.delayLevel < 0 ? 0 : b.maxReconsumeTimes !== undefined && b.maxReconsumeTimes >= 0 ? b.maxReconsumeTimes : undefined;
    const delayMs = b.delayLevel > 0 ? delayLevelToMs(b.delayLevel) : undefined;
    const outcome = await ctx.backend.sendBack(b.group, msg, delayMs, maxTimes, who);
    ctx.log.debug({ group: b.group, offset: b.offset, outcome }, 'message sent back');
    return createResponse(request, ResponseCode.SUCCESS);
  });

  return h;
};
