// The official RocketMQ 5.x client (rocketmq-client-nodejs) on a Hangar instance (made by huawei-instance.mjs): send a
// message and receive it over gRPC.
//   node examples/rocketmq5-client.mjs
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { api, runningInstance } from './huawei-instance.mjs';
import { pollUntil } from './connection.mjs';

const { instance_id, grpc_address } = await runningInstance(`grpc-example-${Date.now() % 100000}`, '5.x');

// The client's default logger writes files under ~/logs: give it the console instead.
const logger = { info() {}, debug() {}, warn: console.warn, error: console.error };
const producer = new Producer({ endpoints: grpc_address, namespace: '', topics: ['orders'], logger });
await producer.startup();
const sent = await producer.send({ topic: 'orders', tag: 'paid', keys: ['order-1'], body: Buffer.from('hello from 5.x') });
console.log(`sent ${sent.messageId}`);

const consumer = new SimpleConsumer({ endpoints: grpc_address, namespace: '', consumerGroup: 'billing', subscriptions: new Map([['orders', '*']]), awaitDuration: 3000, logger });
await consumer.startup();
const got = await pollUntil('a message', () => consumer.receive(16), (msgs) => msgs.length > 0, 30_000);
for (const m of got) {
  console.log(`received ${m.messageId}: ${m.body.toString()} (tag ${m.tag})`);
  await consumer.ack(m);
}

await api.deleteInstance({ instance_id });
// The client keeps timers running after shutdown(): end the process here.
process.exit(0);
