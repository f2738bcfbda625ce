// A RUNNING instance with a topic `orders` and a group `billing`, made through the Huawei SDK the way
// examples/huawei-sdk.mjs shows step by step; the client examples start from it.
import core from '@huaweicloud/huaweicloud-sdk-core';
import rocketmq from '@huaweicloud/huaweicloud-sdk-rocketmq';
import { accessKey, endpoint, pollUntil, projectId, secretKey } from './connection.mjs';

export const api = rocketmq.RocketMQClient.newBuilder()
  .withCredential(new core.BasicCredentials().withAk(accessKey).withSk(secretKey).withProjectId(projectId))
  .withEndpoint(endpoint)
  .build();

/** Creates the instance (engineVersion 5.x or 4.8.0), waits until RUNNING, adds the topic and group; returns ShowInstance. */
export async function runningInstance(name, engineVersion) {
  const v4 = engineVersion === '4.8.0';
  const { instance_id } = await api.createPostPaidInstance({
    body: {
      name,
      engine: 'reliability',
      engine_version: engineVersion,
      product_id: v4 ? 'c6.4u8g.cluster' : 'rocketmq.b2.large.4',
      ...(v4 ? { broker_num: 1 } : {}), // required for 4.8.0
      storage_space: v4 ? 300 : 200,
      storage_spec_code: 'dms.physical.storage.ultra.v2',
      vpc_id: 'vpc-example',
      subnet_id: 'subnet-example',
      security_group_id: 'sg-example',
      available_zones: ['az-example'],
    },
  });
  const shown = await pollUntil('RUNNING', () => api.showInstance({ instance_id }), (i) => i.status === 'RUNNING');
  // No auto-creation, as on a managed instance: topics and groups are made through the API, usable when the call returns.
  await api.createTopicOrBatchDeleteTopic({ instance_id, body: { name: 'orders' } });
  await api.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id, body: { name: 'billing' } });
  return shown;
}
