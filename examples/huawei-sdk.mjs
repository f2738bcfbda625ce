// The Huawei Cloud SDK (@huaweicloud/huaweicloud-sdk-rocketmq) against Hangar: create a RocketMQ 5.x instance, wait
// until it is RUNNING, add a topic and a consumer group, show where clients connect, delete it.
//   node examples/huawei-sdk.mjs
import core from '@huaweicloud/huaweicloud-sdk-core';
import rocketmq from '@huaweicloud/huaweicloud-sdk-rocketmq';
import { accessKey, endpoint, pollUntil, projectId, secretKey } from './connection.mjs';

const client = rocketmq.RocketMQClient.newBuilder()
  .withCredential(new core.BasicCredentials().withAk(accessKey).withSk(secretKey).withProjectId(projectId))
  .withEndpoint(endpoint)
  .build();

const { instance_id } = await client.createPostPaidInstance({
  body: {
    name: `huawei-example-${Date.now() % 100000}`,
    engine: 'reliability', // required by the SDK; Huawei calls RocketMQ instances "reliability" (or "rocketmq")
    engine_version: '5.x',
    product_id: 'rocketmq.b2.large.4',
    storage_space: 200,
    storage_spec_code: 'dms.physical.storage.ultra.v2',
    vpc_id: 'vpc-example', // network ids are recorded, not enforced: any non-empty value works
    subnet_id: 'subnet-example',
    security_group_id: 'sg-example',
    available_zones: ['az-example'],
  },
});
const shown = await pollUntil('RUNNING', () => client.showInstance({ instance_id }), (i) => i.status === 'RUNNING');
console.log(`instance ${shown.name} (${instance_id}) is ${shown.status}; RocketMQ 5.x clients connect to ${shown.grpc_address}`);

await client.createTopicOrBatchDeleteTopic({ instance_id, body: { name: 'orders', message_type: 'NORMAL' } });
await client.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id, body: { name: 'billing' } });
const { topics } = await client.listRocketInstanceTopics({ instance_id });
console.log(`topics: ${topics.map((t) => t.name).join(', ')}`);

await client.deleteInstance({ instance_id });
console.log('deleted');
