// Re-sending dead letters: a message of %DLQ%<group> goes back to the group's consumers (and only theirs) as a fresh
// copy in the group's retry queue %RETRY%<group>, due at once, with its original topic and attempts counted anew. The
// dead letter itself stays where it is.
import { dlqTopicOf } from '../../domain/topic.js';
import type { ResendResult } from '../../domain/message.js';
import type { Appender } from './appender.js';
import { EngineError, groupNotFound } from './errors.js';
import type { Metadata } from './metadata.js';
import { Prop, withoutProps } from './properties.js';
import { brokerOrdinalOf } from './queue-map.js';
import { retryRecord } from './redelivery.js';
import type { MessageStoreApi } from './store-api.js';

export async function resendDeadLetters(
  d: { store: MessageStoreApi; meta: Metadata; appender: Appender },
  group: string,
  messageIds: string[],
): Promise<ResendResult[]> {
  const g = d.meta.group(group);
  if (!g) throw groupNotFound(group);
  if (!Array.isArray(messageIds) || !messageIds.every((x) => typeof x === 'string')) throw new EngineError('BAD_REQUEST', 'messageIds must be a list of message ids');
  const dlq = dlqTopicOf(group);
  const out: ResendResult[] = [];
  for (const id of messageIds) {
    const [m] = (await d.store.messagesById(id, 16)).filter((x) => x.topic === dlq);
    if (!m) {
      out.push({ messageId: id, error: { code: 'MessageNotFound', message: `message ${id} is not in ${dlq}` } });
      continue;
    }
    const props = withoutProps(m.properties, [Prop.DLQ_ORIGIN_TOPIC, Prop.DLQ_ORIGIN_MESSAGE_ID, Prop.MAX_RECONSUME_TIMES]);
    const origin = m.properties[Prop.DLQ_ORIGIN_TOPIC] ?? m.topic;
    const ordinal = Math.min(brokerOrdinalOf(m.queueId), d.meta.brokerNames.length - 1);
    await d.appender.append([retryRecord(g, ordinal, { ...m, properties: { ...props, [Prop.RETRY_TOPIC]: origin } }, 0)]);
    out.push({ messageId: id });
  }
  return out;
}
