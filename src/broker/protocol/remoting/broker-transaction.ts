// END_TRANSACTION (37) from 4.x producers, and the broker's check-back (CHECK_TRANSACTION_STATE, 39) to a producer
// of the half message's group when the engine asks for one.

import { Prop, type StoredMessage } from '../../engine/index.js';
import { RequestCode, ResponseCode } from './codes.js';
import { createResponse } from './command.js';
import type { BrokerHandler } from './auth.js';
import { remotingQueueIdOf, type RemotingContext } from './context.js';
import { encodeOffsetMessageId } from './message-id.js';
import { messageExtOf } from './message-mapping.js';
import { MessageSysFlag } from './message-sys-flag.js';
import { RequestRejected } from './reply-error.js';
import {
  TRANSACTION_COMMIT_TYPE, TRANSACTION_NOT_TYPE, TRANSACTION_ROLLBACK_TYPE, parseEndTransactionHeader,
} from './request-headers.js';
import { encodeMessageExt } from './stored-message.js';

export const transactionHandlers = (ctx: RemotingContext): Map<number, BrokerHandler> => {
  const h = new Map<number, BrokerHandler>();

  h.set(RequestCode.END_TRANSACTION, async ({ request, who }) => {
    const e = parseEndTransactionHeader(request.extFields);
    if (e.commitOrRollback === TRANSACTION_NOT_TYPE) return createResponse(request, ResponseCode.SUCCESS);
    if (e.commitOrRollback !== TRANSACTION_COMMIT_TYPE && e.commitOrRollback !== TRANSACTION_ROLLBACK_TYPE) {
      throw new RequestRejected(ResponseCode.SYSTEM_ERROR, `commitOrRollback ${e.commitOrRollback} is not 0, 8 or 12`);
    }
    if (!e.transactionId) throw new RequestRejected(ResponseCode.SYSTEM_ERROR, 'END_TRANSACTION without transactionId');
    await ctx.backend.endTransaction({
      transactionId: e.transactionId,
      messageId: e.msgId,
      commit: e.commitOrRollback === TRANSACTION_COMMIT_TYPE,
    }, who);
    return createResponse(request, ResponseCode.SUCCESS);
  });

  return h;
};

/** Same shape as the engine's transaction checker: (half message, transaction id) → whether a producer was asked. */
export type TransactionChecker = (half: StoredMessage, transactionId: string) => boolean;

/**
 * The check-back for half messages of 4.x producers: a oneway CHECK_TRANSACTION_STATE to a live producer of the
 * group that sent it (remembered at send time; PGROUP is a reserved property the engine does not store).
 */
export const remotingCheckBack = (ctx: RemotingContext): TransactionChecker => (half: StoredMessage, transactionId: string): boolean => {
  // The group is remembered in memory only (PGROUP is a reserved property engine.send does not store): after a
  // restart an old 4.x half message finds no producer here and the engine's check-back limit rolls it back. Asking
  // just any producer could resolve a transaction of another application.
  const producerGroup = ctx.transactionGroups.get(half.messageId) ?? half.properties[Prop.PGROUP];
  const peer = producerGroup ? ctx.clients.producerPeer(producerGroup) : undefined;
  if (!producerGroup || !peer) return false;
  const realTopic = half.properties[Prop.REAL_TOPIC] ?? half.topic;
  const topic = ctx.backend.topic(realTopic);
  // REAL_QID is the store queue the committed message will go to (the engine's queue band of its broker).
  const realQueue = ctx.backend.queueOfStored({ ...half, queueId: Number(half.properties[Prop.REAL_QID] ?? '0') });
  const queueId = topic ? Math.max(0, remotingQueueIdOf(topic, realQueue)) : 0;
  const ext = messageExtOf(half, { topic: realTopic, queueId, storeHost: ctx.storeHost, fallbackBornHost: ctx.storeHost });
  ext.sysFlag |= MessageSysFlag.TRANSACTION_PREPARED_TYPE;
  ext.properties[Prop.TRANSACTION_ID] = transactionId;
  ext.properties[Prop.PGROUP] = producerGroup;
  ext.properties[Prop.TRAN_MSG] = 'true';
  const offsetMsgId = encodeOffsetMessageId(ctx.storeHost, half.commitLogOffset);
  peer.sendOneway(RequestCode.CHECK_TRANSACTION_STATE, {
    tranStateTableOffset: String(half.queueOffset),
    commitLogOffset: String(half.commitLogOffset),
    msgId: half.messageId,
    transactionId,
    offsetMsgId,
  }, encodeMessageExt(ext));
  return true;
};
