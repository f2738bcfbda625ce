// NATS JetStream through the `nats` client: a file-storage stream, a durable pull consumer with explicit acks.
import { AckPolicy, connect, StorageType, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import { pidsByName } from '../lib/process-stats.js';
import { SystemUnavailableError, type MessagingClient } from './messaging.js';

export const NATS_URL = process.env.BENCH_NATS_URL ?? '127.0.0.1:4222';
const HINT = 'start it with: apt-get install nats-server && nats-server -js -sd /var/lib/nats-server -p 4222 &';
const MAX_MESSAGES = 256; // pull batch the consume() loop keeps requested

export async function natsClient(name: string): Promise<MessagingClient> {
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: NATS_URL, timeout: 2000 });
  } catch (e) {
    throw new SystemUnavailableError('nats', `no NATS server at ${NATS_URL}: ${String(e)}`, HINT);
  }
  let jsm: JetStreamManager;
  try {
    jsm = await nc.jetstreamManager();
  } catch (e) {
    await nc.close();
    throw new SystemUnavailableError('nats', `NATS at ${NATS_URL} has no JetStream: ${String(e)}`, 'restart nats-server with -js');
  }
  const stream = name.replace(/[^A-Za-z0-9_-]/g, '_');
  const subject = `bench.${stream}`;
  await jsm.streams.add({ name: stream, subjects: [subject], storage: StorageType.File });
  await jsm.consumers.add(stream, { durable_name: 'bench', ack_policy: AckPolicy.Explicit });
  const js: JetStreamClient = nc.jetstream();
  let messages: ConsumerMessages | undefined;
  let loop: Promise<void> | undefined;
  return {
    system: 'nats',
    flushSetting: 'JetStream file storage, periodic fsync (server sync_interval, default 2 min); publish acked once stored',
    settings: { storage: 'file', consumer: 'durable pull, explicit ack', pullMaxMessages: MAX_MESSAGES },
    serverPids: () => pidsByName('nats-server'),
    async send(body) {
      await js.publish(subject, body);
    },
    async startConsumer(onMessage, onError) {
      const consumer = await js.consumers.get(stream, 'bench');
      messages = await consumer.consume({ max_messages: MAX_MESSAGES });
      const iter = messages;
      loop = (async () => {
        for await (const m of iter) {
          onMessage(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
          m.ack();
        }
      })().catch((e: unknown) => onError(e as Error));
    },
    async stopConsumer() {
      messages?.stop();
      await loop;
      messages = undefined;
    },
    async close() {
      await jsm.streams.delete(stream).catch(() => false);
      await nc.drain();
    },
  };
}
