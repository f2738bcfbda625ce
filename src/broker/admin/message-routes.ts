// Admin routes over a topic's messages and a group's offsets: queries, API sends, offset resets, dead-letter resends
// and consume verification. The engine holds every rule; these routes only shape its answers.
import type { ApiMessage, ApiSendResult } from '../../domain/message.js';
import { newMessageId } from '../engine/ids.js';
import { messageView } from '../engine/message-view.js';
import { EngineError, SYSTEM, type Engine, type OutgoingMessage } from '../engine/index.js';
import { ADMIN_OPERATIONS as OP } from './contract.js';
import { guard } from './engine-routes.js';
import { adminRoute, type AdminRoute } from './server.js';

/** The engine's message for an API send: its type follows from what the caller set. */
function outgoingOf(engine: Engine, topic: string, m: ApiMessage, bornHost: string): OutgoingMessage {
  if (typeof m.body !== 'string') throw new EngineError('BAD_REQUEST', 'body must be a string');
  const out: OutgoingMessage = {
    topic,
    body: Buffer.from(m.body, 'utf8'),
    messageId: newMessageId(),
    messageType: m.messageGroup ? 'FIFO' : m.deliveryTimestamp !== undefined ? 'DELAY' : 'NORMAL',
    bornTimestamp: engine.clock.now(),
    bornHost,
  };
  if (m.tag) out.tag = m.tag;
  if (m.keys && m.keys.length > 0) out.keys = m.keys;
  if (m.messageGroup) out.messageGroup = m.messageGroup;
  if (m.deliveryTimestamp !== undefined) out.deliveryTimestamp = m.deliveryTimestamp;
  if (m.userProperties && Object.keys(m.userProperties).length > 0) out.userProperties = m.userProperties;
  return out;
}

export function messageRoutes(engine: Engine, storeHost: string): AdminRoute[] {
  return [
    adminRoute(OP.queryMessages, ({ params, body }) =>
      guard(async () => {
        const found = await engine.findMessages(params.topic, body);
        return { total: found.total, messages: found.messages.map((m) => messageView(m, engine.queueOf(m), storeHost, body.maxBodyBytes)) };
      }),
    ),
    adminRoute(OP.getMessage, ({ params }) =>
      guard(async () => {
        const [m] = (await engine.findMessages(params.topic, { messageId: params.messageId, offset: 0, limit: 1 })).messages;
        if (!m) throw new EngineError('MESSAGE_NOT_FOUND', `message ${params.messageId} is not in topic ${params.topic}`);
        return messageView(m, engine.queueOf(m), storeHost);
      }),
    ),
    adminRoute(OP.sendMessage, ({ params, body }) =>
      guard(async (): Promise<ApiSendResult> => {
        // The control plane's own send (an API call already authorised by its caller's policy).
        const [r] = await engine.send([outgoingOf(engine, params.topic, body, storeHost)], SYSTEM);
        return { messageId: r!.messageId, brokerName: r!.brokerName, queueId: r!.queueId, queueOffset: r!.offset };
      }),
    ),
    adminRoute(OP.resetOffset, ({ params, body }) => guard(() => engine.resetOffset(params.group, params.topic, body))),
    adminRoute(OP.resendDeadLetters, ({ params, body }) => guard(() => engine.resendDeadLetters(params.group, body.messageIds))),
    adminRoute(OP.verifyConsume, ({ params, body }) => guard(() => engine.verifyConsume(params.group, body.topic, body.clientId, body.messageId))),
  ];
}
