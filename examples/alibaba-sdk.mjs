// The Alibaba Cloud SDK (@alicloud/rocketmq20220801) against Hangar: create an instance, wait until it is RUNNING, add a
// topic and a consumer group, show where clients connect, delete it.
//   node examples/alibaba-sdk.mjs
import openapi from '@alicloud/openapi-core';
import RocketMQ from '@alicloud/rocketmq20220801';
import { accessKey, endpoint, pollUntil, secretKey } from './connection.mjs';

const { $OpenApiUtil } = openapi;
const { default: Client } = RocketMQ;
const client = new Client(
  new $OpenApiUtil.Config({
    accessKeyId: accessKey,
    accessKeySecret: secretKey,
    endpoint: new URL(endpoint).host, // host:port, without the scheme
    protocol: 'HTTP', // the SDK speaks HTTPS by default; Hangar's API listens on plain HTTP
  }),
);

const created = await client.createInstance(
  new RocketMQ.CreateInstanceRequest({
    instanceName: `alibaba-example-${Date.now() % 100000}`,
    serviceCode: 'rmq',
    seriesCode: 'standard',
    subSeriesCode: 'cluster_ha',
    paymentType: 'PayAsYouGo',
    productInfo: new RocketMQ.CreateInstanceRequestProductInfo({ msgProcessSpec: 'rmq.s2.2xlarge' }),
    networkInfo: new RocketMQ.CreateInstanceRequestNetworkInfo({
      vpcInfo: new RocketMQ.CreateInstanceRequestNetworkInfoVpcInfo({
        vpcId: 'vpc-example',
        vSwitches: [new RocketMQ.CreateInstanceRequestNetworkInfoVpcInfoVSwitches({ vSwitchId: 'vsw-example' })],
      }),
      internetInfo: new RocketMQ.CreateInstanceRequestNetworkInfoInternetInfo({ internetSpec: 'disable', flowOutType: 'uninvolved' }),
    }),
  }),
);
const instanceId = created.body.data; // rmq-cn-…
const instance = await pollUntil('RUNNING', async () => (await client.getInstance(instanceId)).body.data, (i) => i.status === 'RUNNING');
const vpc = instance.networkInfo.endpoints.find((e) => e.endpointType === 'TCP_VPC');
console.log(`instance ${instance.instanceName} (${instanceId}) is ${instance.status}; RocketMQ 5.x clients connect to ${vpc.endpointUrl}`);

await client.createTopic(instanceId, 'orders', new RocketMQ.CreateTopicRequest({ messageType: 'NORMAL' }));
await client.createConsumerGroup(
  instanceId,
  'billing',
  new RocketMQ.CreateConsumerGroupRequest({ deliveryOrderType: 'Concurrently', consumeRetryPolicy: new RocketMQ.CreateConsumerGroupRequestConsumeRetryPolicy({ retryPolicy: 'DefaultRetryPolicy', maxRetryTimes: 16 }) }),
);
const topics = (await client.listTopics(instanceId, new RocketMQ.ListTopicsRequest({}))).body.data.list;
console.log(`topics: ${topics.map((t) => t.topicName).join(', ')}`);

await client.deleteInstance(instanceId);
console.log('deleted');
