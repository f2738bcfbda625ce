// What Hangar's own API answers: the neutral model in camelCase with both clouds' ids, never the internal one.
import type { Instance } from '../../domain/instance.js';
import { statusWord } from '../../domain/status.js';
import type { Group, Topic } from '../../domain/topic.js';

export const instanceView = (i: Instance): Record<string, unknown> => ({
  name: i.name,
  huaweiId: i.huaweiId,
  alibabaId: i.alibabaId,
  status: statusWord(i.status),
  statusReason: i.statusReason,
  engineVersion: i.engineVersion,
  flavor: i.flavorId,
  brokers: i.brokerNum,
  storageGb: i.storageSpaceGb,
  endpoints: { grpc: i.endpoints.grpc, namesrv: i.endpoints.namesrv, broker: i.endpoints.broker },
  createdAt: new Date(i.createdAt).toISOString(),
  updatedAt: new Date(i.updatedAt).toISOString(),
});

export const topicView = (t: Topic): Record<string, unknown> => ({
  name: t.name,
  messageType: t.messageType,
  queueNum: t.queueNum,
  brokers: t.brokers,
  permission: t.perm,
  remark: t.remark,
  createdAt: new Date(t.createdAt).toISOString(),
});

export const groupView = (g: Group): Record<string, unknown> => ({
  name: g.name,
  maxRetries: g.maxRetries,
  consumeOrderly: g.consumeOrderly,
  broadcast: g.broadcast,
  enabled: g.enabled,
  remark: g.remark,
  createdAt: new Date(g.createdAt).toISOString(),
});
