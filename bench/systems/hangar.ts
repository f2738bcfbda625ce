// Hangar through the official rocketmq-client-nodejs: a Producer and one SimpleConsumer against an instance created
// through the Huawei API, with a topic and a consumer group of its own per measurement.
import type { MessageView, Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import type { HuaweiApi } from '../lib/hangar-api.js';
import type { MessagingClient } from './messaging.js';
import { newProducer, newSimpleConsumer } from './rocketmq-client.js';

const RECEIVE_BATCH = 32; // messages per ReceiveMessage call
// Receive calls in flight (each acks its batch before receiving again): up to 8 × 32 = 256 messages held by the
// consumer, the same window as the baselines' pull batch (NATS max_messages 256) and prefetch (RabbitMQ 256). With one
// receive the consumer holds 32 messages per two round trips (receive, then acks) against the producer's 64 per round
// trip, so it falls further behind the longer the run (round-trip p50 1.3–2.4 s at 3,000 messages, 0.36–0.5 s with 8).
const RECEIVERS = 8;
const AWAIT_MS = 1000; // long-polling wait of an empty receive
const INVISIBLE_MS = 30_000;

export interface HangarTarget {
  api: HuaweiApi;
  instanceId: string;
  endpoint: string;
  productId: string;
  /** The broker processes serving the instance. */
  brokerPids(): number[];
  /** Credentials of a user, on an instance with access control on (every request is then signed and checked). */
  credentials?: { accessKey: string; accessSecret: string };
}

/** `tls`: the client connects over TLS (sslEnabled), trusting the CA named by GRPC_DEFAULT_SSL_ROOTS_FILE_PATH. */
export async function hangarClient(target: HangarTarget, name: string, o: { tls?: boolean } = {}): Promise<MessagingClient> {
  const tls = o.tls ?? false;
  const topic = `bench-${name}`;
  const group = `bench-${name}-readers`;
  await target.api.createTopic(target.instanceId, topic);
  await target.api.createGroup(target.instanceId, group);
  const creds = target.credentials;
  const producer: Producer = newProducer(target.endpoint, [topic], tls, creds);
  await producer.startup();
  let consumer: SimpleConsumer | undefined;
  let running = false;
  let loops: Promise<void>[] = [];

  const receiveLoop = async (c: SimpleConsumer, onMessage: (body: Buffer) => void): Promise<void> => {
    while (running) {
      let msgs: MessageView[];
      try {
        msgs = await c.receive(RECEIVE_BATCH, INVISIBLE_MS);
      } catch (e) {
        if (!running) return;
        // An empty long poll surfaces as a "no new message" error in this client.
        if (/no new message|MESSAGE_NOT_FOUND|40401/i.test(String((e as Error).message))) continue;
        throw e;
      }
      for (const m of msgs) onMessage(m.body);
      await Promise.all(msgs.map((m) => c.ack(m)));
    }
  };

  return {
    system: tls ? 'hangar-tls' : creds ? 'hangar-acl' : 'hangar',
    flushSetting: 'ASYNC_FLUSH: acked once in the page cache, flushed to disk in the background',
    settings: { client: 'rocketmq-client-nodejs', tls, accessControl: creds !== undefined, productId: target.productId, receiveBatch: RECEIVE_BATCH, receivers: RECEIVERS, ack: 'each message' },
    serverPids: () => target.brokerPids(),
    async send(body) {
      await producer.send({ topic, body });
    },
    async startConsumer(onMessage, onError) {
      consumer = newSimpleConsumer(target.endpoint, group, topic, AWAIT_MS, tls, creds);
      await consumer.startup();
      running = true;
      const c = consumer;
      loops = Array.from({ length: RECEIVERS }, () => receiveLoop(c, onMessage).catch((e: unknown) => onError(e as Error)));
    },
    async stopConsumer() {
      running = false;
      await Promise.allSettled(loops);
      await consumer?.shutdown();
      consumer = undefined;
    },
    async close() {
      await producer.shutdown();
    },
  };
}
