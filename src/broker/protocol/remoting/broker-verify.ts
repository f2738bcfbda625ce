// CONSUME_MESSAGE_DIRECTLY (309), broker → consumer: the console's "verify consumption". One 4.x consumer of the group
// is asked to consume one stored message and answers a ConsumeMessageDirectlyResult (JSON body, `consumeResult`
// CR_SUCCESS when its listener took it). Java clients answer; ali-ons does not listen, so its call times out.
import { sleep } from '../../../domain/clock.js';
import type { VerifyOutcome } from '../../../domain/message.js';
import type { ClientInfo, StoredMessage } from '../../engine/index.js';
import { RequestCode, ResponseCode } from './codes.js';
import { remotingQueueIdOf, type RemotingContext } from './context.js';
import { messageExtOf } from './message-mapping.js';
import { encodeMessageExt } from './stored-message.js';

/** How long a consumer has to answer (the API call waits for it). */
const VERIFY_TIMEOUT_MS = 2_000;

export type RemotingVerifier = (client: ClientInfo, m: StoredMessage) => Promise<VerifyOutcome | undefined>;

export const remotingVerifier = (ctx: RemotingContext): RemotingVerifier => async (client, m) => {
  if (!client.group) return undefined;
  // The engine knows a 4.x consumer as "<client id>#<group>" (see EngineRemotingBackend.consumerSeen).
  const suffix = `#${client.group}`;
  const clientId = client.clientId.endsWith(suffix) ? client.clientId.slice(0, -suffix.length) : client.clientId;
  const peer = ctx.clients.consumerPeer(client.group, clientId);
  if (!peer) return undefined;
  const topic = ctx.backend.topic(m.topic);
  const queue = ctx.backend.queueOfStored(m);
  const ext = messageExtOf(m, { topic: m.topic, queueId: topic ? Math.max(0, remotingQueueIdOf(topic, queue)) : 0, storeHost: ctx.storeHost, fallbackBornHost: ctx.storeHost });
  const stop = new AbortController();
  const answer = peer.invoke(
    RequestCode.CONSUME_MESSAGE_DIRECTLY,
    { consumerGroup: client.group, clientId, msgId: m.messageId, brokerName: queue.brokerName },
    encodeMessageExt(ext),
    stop.signal,
  );
  const response = await Promise.race([answer, sleep(ctx.clock, VERIFY_TIMEOUT_MS, stop.signal).then(() => undefined)]);
  stop.abort();
  if (!response) return undefined;
  if (response.code !== ResponseCode.SUCCESS) return { consumed: false, answer: `code ${response.code}${response.remark ? ` (${response.remark})` : ''}` };
  let result: unknown;
  try {
    result = JSON.parse(response.body?.toString('utf8') ?? '');
  } catch {
    return { consumed: false, answer: 'an answer that is not a ConsumeMessageDirectlyResult' };
  }
  const r = (typeof result === 'object' && result !== null ? result : {}) as { consumeResult?: unknown; remark?: unknown };
  const consumeResult = typeof r.consumeResult === 'string' ? r.consumeResult : 'no consumeResult';
  const remark = r.remark;
  return { consumed: consumeResult === 'CR_SUCCESS', answer: typeof remark === 'string' && remark ? `${consumeResult} (${remark})` : consumeResult };
};
