// A RocketMQ 4.x client (ali-ons) on a Hangar 4.8.0 instance (made by huawei-instance.mjs): send and receive through the
// instance's name server (TCP remoting).
//   node examples/ali-ons.mjs
import ons from 'ali-ons';
import { api, runningInstance } from './huawei-instance.mjs';

const { instance_id, namesrv_address } = await runningInstance(`remoting-example-${Date.now() % 100000}`, '4.8.0');

// ali-ons wants an access key even on an instance without ACL (any value then), and an httpclient it does not use here.
const options = { nameSrv: namesrv_address, accessKeyId: 'any', accessKeySecret: 'any', httpclient: {}, logger: { info() {}, warn() {}, error: console.error, debug() {} } };
const producer = new ons.Producer({ ...options, producerGroup: 'orders-producer' });
await producer.ready();
const sent = await producer.send(new ons.Message('orders', 'paid', 'hello from 4.x'));
console.log(`sent ${sent.msgId}: ${sent.sendStatus}`);

const consumer = new ons.Consumer({ ...options, consumerGroup: 'billing', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
const received = new Promise((resolve) => {
  consumer.subscribe('orders', '*', async (msg) => resolve(msg));
});
await consumer.ready();
const msg = await received;
console.log(`received ${msg.msgId}: ${msg.body.toString()} (tag ${msg.tags})`);

await api.deleteInstance({ instance_id });
// ali-ons keeps scheduled tasks after close(): end the process here.
process.exit(0);
