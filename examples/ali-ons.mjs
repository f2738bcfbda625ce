// A RocketMQ 4.x client (ali-ons) on a Hangar 4.8.0 instance: create the instance, a topic and a group (Huawei SDK),
// wait until RUNNING, then send and receive through the instance's name server (TCP remoting).
//   node examples/ali-ons.mjs
import core from '@huaweicloud/huaweicloud-sdk-core';
import rocketmq from '@huaweicloud/huaweicloud-sdk-rocketmq';
import ons from 'ali-ons';
import { accessKey, endpoint, pollUntil, projectId, secretKey } from './connection.mjs';

const api = rocketmq.RocketMQClient.newBuilder()
  .withCredential(new core.BasicCredentials().withAk(accessKey).withSk(secretKey).withProjectId(projectId))
  .withEndpoint(endpoint)
  .build();
const { instance_id } = await api.createPostPaidInstance({
  body: {
    name: `remoting-example-${Date.now() % 100000}`,
    engine: 'reliability',
    engine_version: '4.8.0',
    product_id: 'c6.4u8g.cluster',
    broker_num: 1, // required for 4.8.0
    storage_space: 300,
    storage_spec_code: 'dms.physical.storage.ultra.v2',
    vpc_id: 'vpc-example',
    subnet_id: 'subnet-example',
    security_group_id: 'sg-example',
    available_zones: ['az-example'],
  },
});
const { namesrv_address } = await pollUntil('RUNNING', () => api.showInstance({ instance_id }), (i) => i.status === 'RUNNING');
await api.createTopicOrBatchDeleteTopic({ instance_id, body: { name: 'orders' } });
await api.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id, body: { name: 'billing' } });

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
