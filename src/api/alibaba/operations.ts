// All 69 operations of ApsaraMQ for RocketMQ 2022-08-01 (method, ROA path, action). Those without a handler here
// answer 501 NotImplemented in the Alibaba envelope.
export interface OperationSpec {
  action: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
}

const op = (action: string, method: OperationSpec['method'], path: string): OperationSpec => ({ action, method, path });

export const OPERATIONS: readonly OperationSpec[] = [
  op('CreateInstance', 'POST', '/instances'),
  op('GetInstance', 'GET', '/instances/{instanceId}'),
  op('ListInstances', 'GET', '/instances'),
  op('UpdateInstance', 'PATCH', '/instances/{instanceId}'),
  op('DeleteInstance', 'DELETE', '/instances/{instanceId}'),

  op('CreateTopic', 'POST', '/instances/{instanceId}/topics/{topicName}'),
  op('GetTopic', 'GET', '/instances/{instanceId}/topics/{topicName}'),
  op('ListTopics', 'GET', '/instances/{instanceId}/topics'),
  op('UpdateTopic', 'PATCH', '/instances/{instanceId}/topics/{topicName}'),
  op('DeleteTopic', 'DELETE', '/instances/{instanceId}/topics/{topicName}'),
  op('ListTopicSubscriptions', 'GET', '/instances/{instanceId}/topics/{topicName}/subscriptions'),

  op('CreateConsumerGroup', 'POST', '/instances/{instanceId}/consumerGroups/{consumerGroupId}'),
  op('GetConsumerGroup', 'GET', '/instances/{instanceId}/consumerGroups/{consumerGroupId}'),
  op('ListConsumerGroups', 'GET', '/instances/{instanceId}/consumerGroups'),
  op('UpdateConsumerGroup', 'PATCH', '/instances/{instanceId}/consumerGroups/{consumerGroupId}'),
  op('DeleteConsumerGroup', 'DELETE', '/instances/{instanceId}/consumerGroups/{consumerGroupId}'),
  op('GetConsumerGroupLag', 'GET', '/instances/{instanceId}/consumerGroups/{consumerGroupId}/lag'),
  op('GetConsumerGroupSubscription', 'GET', '/instances/{instanceId}/consumerGroups/{consumerGroupId}/subscriptions/{topicName}'),
  op('ListConsumerGroupSubscriptions', 'GET', '/instances/{instanceId}/consumerGroups/{consumerGroupId}/subscriptions'),
  op('DeleteConsumerGroupSubscription', 'DELETE', '/instances/{instanceId}/consumerGroups/{consumerGroupId}/subscriptions'),
  op('ListConsumerConnections', 'GET', '/instances/{instanceId}/consumerGroups/{consumerGroupId}/connections'),
  op('GetConsumerStack', 'GET', '/instances/{instanceId}/consumerGroups/{consumerGroupId}/stack'),
  op('GetConsumeTimespan', 'GET', '/instances/{instanceId}/consumerGroups/{consumerGroupId}/consumeTimespan/{topicName}'),
  op('ResetConsumeOffset', 'PATCH', '/instances/{instanceId}/consumerGroups/{consumerGroupId}/consumeOffsets/{topicName}'),

  op('CreateInstanceAccount', 'POST', '/instances/{instanceId}/accounts'),
  op('GetInstanceAccount', 'GET', '/instances/{instanceId}/account'),
  op('ListInstanceAccount', 'GET', '/instances/{instanceId}/accounts'),
  op('UpdateInstanceAccount', 'PATCH', '/instances/{instanceId}/accounts/{username}'),
  op('DeleteInstanceAccount', 'DELETE', '/instances/{instanceId}/accounts/{username}'),
  op('CreateInstanceAcl', 'POST', '/instances/{instanceId}/acl/account/{username}'),
  op('GetInstanceAcl', 'GET', '/instances/{instanceId}/acl/account/{username}'),
  op('ListInstanceAcl', 'GET', '/instances/{instanceId}/acl'),
  op('UpdateInstanceAcl', 'PATCH', '/instances/{instanceId}/acl/account/{username}'),
  op('DeleteInstanceAcl', 'DELETE', '/instances/{instanceId}/acl/account/{username}'),
  op('CreateInstanceIpWhitelist', 'POST', '/instances/{instanceId}/ip/whitelist'),
  op('GetInstanceIpWhitelist', 'GET', '/instances/{instanceId}/ip/whitelists'),
  op('ListInstanceIpWhitelist', 'GET', '/instances/{instanceId}/ip/whitelist'),
  op('DeleteInstanceIpWhitelist', 'DELETE', '/instances/{instanceId}/ip/whitelist'),

  op('ListMessages', 'GET', '/instances/{instanceId}/topics/{topicName}/messages'),
  op('GetMessageDetail', 'GET', '/instances/{instanceId}/topics/{topicName}/messages/{messageId}'),
  op('VerifySendMessage', 'POST', '/instances/{instanceId}/topics/{topicName}/messages'),
  op('VerifyConsumeMessage', 'POST', '/instances/{instanceId}/topics/{topicName}/messages/{messageId}/action/verifyConsume'),
  op('ListTraces', 'GET', '/instances/{instanceId}/topics/{topicName}/traces'),
  op('GetTrace', 'GET', '/instances/{instanceId}/topics/{topicName}/traces/{messageId}'),

  op('ListRegions', 'GET', '/regions'),
  op('ListAvailableZones', 'GET', '/zones'),
  op('ListMetricMeta', 'GET', '/monitor/metrics/meta'),

  op('TagResources', 'POST', '/resourceTag/create'),
  op('UntagResources', 'DELETE', '/resourceTag/delete'),
  op('ListTagResources', 'GET', '/resourceTag/list'),
  op('ChangeResourceGroup', 'POST', '/resourceGroup/change'),

  op('CreateDisasterRecoveryPlan', 'POST', '/disaster_recovery'),
  op('GetDisasterRecoveryPlan', 'GET', '/disaster_recovery/{planId}'),
  op('ListDisasterRecoveryPlans', 'GET', '/disaster_recovery'),
  op('UpdateDisasterRecoveryPlan', 'PATCH', '/disaster_recovery/{planId}'),
  op('DeleteDisasterRecoveryPlan', 'DELETE', '/disaster_recovery/{planId}'),
  op('AddDisasterRecoveryItem', 'POST', '/disaster_recovery/{planId}/items'),
  op('ListDisasterRecoveryItems', 'GET', '/disaster_recovery/{planId}/items'),
  op('GetDisasterRecoveryItem', 'GET', '/disaster_recovery/{planId}/items/{itemId}'),
  op('UpdateDisasterRecoveryItem', 'PATCH', '/disaster_recovery/{planId}/items/{itemId}'),
  op('DeleteDisasterRecoveryItem', 'DELETE', '/disaster_recovery/{planId}/items/{itemId}'),
  op('StartDisasterRecoveryItem', 'POST', '/disaster_recovery/{planId}/items/{itemId}/start'),
  op('StopDisasterRecoveryItem', 'POST', '/disaster_recovery/{planId}/items/{itemId}/stop'),
  op('ListDisasterRecoveryCheckpoints', 'GET', '/disaster_recovery/{planId}/items/{itemId}/checkpoints'),
  op('SyncDisasterRecoveryCheckpoint', 'POST', '/disaster_recovery/{planId}/items/{itemId}/checkpoints/{checkpointId}'),

  op('ListMigrations', 'GET', '/migrations'),
  op('ListMigrationOperations', 'GET', '/migrations/{migrationId}/stages/{stageType}/operations'),
  op('ExecuteMigrationOperation', 'POST', '/migrations/{migrationId}/stages/{stageType}/operations/{operationId}/execute'),
  op('FinishMigrationStage', 'POST', '/migrations/{migrationId}/stages/{stageType}/finish'),
];
