// The Settings a client gets back on its Telemetry stream: its own settings merged with what the server decides.
// Every field the official Node client reads is present (§8.3: no backoff policy crashes a producer, no body size
// limit fails every send, no batch size makes push consumers ask for 0 messages).
import type { Engine } from '../../engine/index.js';
import { OK, status } from './status.js';
import { toDuration, type Settings, type TelemetryCommand } from './wire.js';

/** Push consumers never long-poll longer than this, whatever HANGAR_LONG_POLL_MS allows. */
const PUSH_LONG_POLL_CAP_MS = 20_000;
const RECEIVE_BATCH_SIZE = 32;

const exponential = (initialMs: number, maxMs: number, multiplier: number) => ({
  initial: toDuration(initialMs),
  max: toDuration(maxMs),
  multiplier,
});

export const settingsReply = (engine: Engine, client: Settings): TelemetryCommand => {
  const t = engine.tunables;
  const reply: Settings = { ...client, metric: { on: false } };
  if (client.client_type === 'PRODUCER' || client.publishing) {
    reply.publishing = {
      topics: client.publishing?.topics ?? [],
      validate_message_type: true,
      max_body_size: t.maxBodyBytes,
    };
    reply.backoff_policy = { max_attempts: 3, exponential_backoff: exponential(10, 1_000, 2) };
    return { status: OK, settings: reply };
  }
  const groupName = client.subscription?.group?.name ?? '';
  const group = engine.group(groupName);
  if (!group) return { status: status('CONSUMER_GROUP_NOT_FOUND', `consumer group ${groupName} does not exist`) };
  const backoff = t.retryBackoffMs;
  reply.subscription = {
    ...client.subscription,
    fifo: group.consumeOrderly,
    receive_batch_size: RECEIVE_BATCH_SIZE,
    long_polling_timeout: toDuration(Math.min(t.longPollMs, PUSH_LONG_POLL_CAP_MS)),
  };
  reply.backoff_policy = {
    max_attempts: group.maxRetries + 1,
    exponential_backoff: exponential(backoff[0] ?? 1_000, backoff[backoff.length - 1] ?? 1_000, 2),
  };
  return { status: OK, settings: reply };
};
