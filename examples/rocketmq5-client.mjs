// The official RocketMQ 5.x client (rocketmq-client-nodejs) on a Hangar instance: create the instance, a topic and a
// group (Huawei SDK), wait until RUNNING, then send a message and receive it over gRPC.
//   node examples/rocketmq5-client.mjs
import core from '@huaweicloud/huaweicloud-sdk-core';
import rocketmq from '@huaweicloud/huaweicloud-sdk-rocketmq';
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { accessKey, endpoint, pollUntil, projectId, secretKey } from './connection.mjs';

const api = rocketmq.RocketMQClient.newBuilder()
  .withCredential(new core.BasicCredentials().withAk(accessKey).withSk(secretKey).withProjectId(projectId))
  .withEndpoint(endpoint)
  .build();
const { instance_id } = await api.createPostPaidInstance({
  body: {
    name: `grpc-example-${Date.now() % 100000}`,
    engine: 'reliability',
    engine_version: '5.x',
    product_id: 'rocketmq.b2.large.4',
    storage_space: 200,
    storage_spec_code: 'dms.physical.storage.ultra.v2',
    vpc_id: 'vpc-example',
    subnet_id: 'subnet-example',
    security_group_id: 'sg-example',
    available_zones: ['az-example'],
  },
});
const { grpc_address } = await pollUntil('RUNNING', () => api.showInstance({ instance_id }), (i) => i.status === 'RUNNING');
// No auto-creation, as on a managed instance: topics and groups are made through the API, usable when the call returns.
await api.createTopicOrBatchDeleteTopic({ instance_id, body: { name: 'orders', message_type: 'NORMAL' } });
await api.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id, body: { name: 'billing' } });

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
