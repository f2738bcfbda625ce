// RabbitMQ through amqplib: a durable queue, persistent messages, publisher confirms, a consumer with manual acks.
import amqp from 'amqplib';
import { pidsByName } from '../lib/process-stats.js';
import { SystemUnavailableError, type MessagingClient } from './messaging.js';

export const RABBITMQ_URL = process.env.BENCH_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const HINT = 'start it with: apt-get install rabbitmq-server && service rabbitmq-server start (guest/guest on 127.0.0.1:5672)';
const PREFETCH = 256;

export async function rabbitmqClient(name: string): Promise<MessagingClient> {
  let conn: amqp.ChannelModel;
  try {
    conn = await amqp.connect(RABBITMQ_URL);
  } catch (e) {
    throw new SystemUnavailableError('rabbitmq', `no RabbitMQ at ${RABBITMQ_URL.replace(/\/\/[^@]*@/, '//')}: ${String(e)}`, HINT);
  }
  const queue = `bench.${name}`;
  const pub = await conn.createConfirmChannel();
  await pub.assertQueue(queue, { durable: true });
  let sub: amqp.Channel | undefined;
  return {
    system: 'rabbitmq',
    flushSetting: 'durable classic queue, persistent messages; publisher confirm sent once the message is on disk (fsync)',
    settings: { queue: 'durable', delivery: 'persistent', confirms: true, ack: 'manual', prefetch: PREFETCH },
    serverPids: () => pidsByName('beam.smp'),
    send(body) {
      return new Promise<void>((resolve, reject) => {
        pub.sendToQueue(queue, body, { persistent: true }, (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()));
      });
    },
    async startConsumer(onMessage, onError) {
      const ch = await conn.createChannel();
      sub = ch;
      ch.on('error', onError);
      await ch.prefetch(PREFETCH);
      await ch.consume(
        queue,
        (m) => {
          if (!m) return;
          onMessage(m.content);
          ch.ack(m);
        },
        { noAck: false },
      );
    },
    async stopConsumer() {
      await sub?.close();
      sub = undefined;
    },
    async close() {
      await pub.deleteQueue(queue).catch(() => undefined);
      await conn.close();
    },
  };
}
