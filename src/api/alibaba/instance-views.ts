// Neutral Instance → the exact JSON of GetInstance.data and ListInstances.data.list[] (types as the SDK casts them).
import type { Instance, Tag } from '../../domain/instance.js';
import type { AlibabaAttributes, InternetInfo, SeriesCode, SubSeriesCode } from './create-instance.js';
import { alibabaInstanceStatus, alibabaTime } from './status.js';

/** How an instance appears in Alibaba terms, whichever dialect created it (from the catalogue for Huawei ones). */
export interface AlibabaSpecView {
  seriesCode: SeriesCode;
  subSeriesCode: SubSeriesCode;
  msgProcessSpec: string;
  supportAutoScaling: boolean;
  /** Topics the spec allows (instanceQuotas TOPIC_COUNT totalCount) and how many are free of charge. */
  topicQuota: number;
  freeTopics: number;
}

export interface InstanceViewContext {
  region: string;
  /** Host of TCP_INTERNET endpoints. */
  publicHost: string;
  spec: AlibabaSpecView;
  topicCount: number;
  groupCount: number;
  /** Retention of an instance that has none of its own (created through Huawei): the server's default, in hours. */
  defaultRetentionHours: number;
  /** Username of the instance's default account. */
  defaultUsername: string;
}

/** Access control is one neutral switch (Huawei enable_acl): `apache_acl` is listed exactly when it is on. */
export const aclInfoView = (i: Instance, a: AlibabaAttributes) => {
  const others = a.aclInfo.aclTypes.filter((t) => t !== 'apache_acl');
  const aclTypes = i.options.enableAcl ? [...others, 'apache_acl'] : others.length > 0 ? others : ['default'];
  return { aclType: aclTypes[0], aclTypes, defaultVpcAuthFree: i.options.vpcAuthFree === true || a.aclInfo.defaultVpcAuthFree };
};

export const SOFTWARE_VERSION = '5.0-rmq-hangar';

/** The Alibaba attributes of an instance; defaults for instances created through another dialect. */
export const alibabaAttributesOf = (i: Instance, spec: AlibabaSpecView): AlibabaAttributes => {
  // Namespaced so the other dialect's attributes never collide with these.
  const a = (i.attributes['alibaba'] ?? {}) as Partial<AlibabaAttributes>;
  const internetInfo: InternetInfo = a.internetInfo ?? {
    internetSpec: i.options.enablePublicIp ? 'enable' : 'disable',
    flowOutType: i.options.enablePublicIp ? 'payByTraffic' : 'uninvolved',
    ipWhitelist: [],
  };
  return {
    seriesCode: a.seriesCode ?? spec.seriesCode,
    subSeriesCode: a.subSeriesCode ?? spec.subSeriesCode,
    paymentType: a.paymentType ?? 'PayAsYouGo',
    msgProcessSpec: a.msgProcessSpec ?? spec.msgProcessSpec,
    sendReceiveRatio: a.sendReceiveRatio ?? 0.5,
    autoScaling: a.autoScaling ?? false,
    supportAutoScaling: a.supportAutoScaling ?? spec.supportAutoScaling,
    internetInfo,
    aclInfo: a.aclInfo ?? { defaultVpcAuthFree: false, aclTypes: ['default'] },
    ...a,
  };
};

/** Name given to an instance created without instanceName until it is renamed after its id. */
export const PLACEHOLDER_PREFIX = 'hangar-pending-';

/** Alibaba names an instance created without instanceName after its id. */
export const instanceName = (i: Instance): string => (!i.name || i.name.startsWith(PLACEHOLDER_PREFIX) ? i.alibabaId : i.name);

const tagsView = (tags: Tag[]): Array<{ key: string; value: string }> => tags.map((t) => ({ key: t.key, value: t.value }));

const expireTime = (i: Instance, a: AlibabaAttributes): string | undefined => {
  if (a.paymentType !== 'Subscription' || !a.period) return undefined;
  const d = new Date(i.createdAt);
  if (a.periodUnit === 'Year') d.setUTCFullYear(d.getUTCFullYear() + a.period);
  else d.setUTCMonth(d.getUTCMonth() + a.period);
  return alibabaTime(d.getTime());
};

const commodityCode = (a: AlibabaAttributes): string =>
  a.commodityCode ??
  (a.subSeriesCode === 'serverless' ? 'ons_rmqsrvlesspost_public_intl' : a.paymentType === 'Subscription' ? 'ons_rmqsub_public_intl' : 'ons_rmqpost_public_intl');

const portOf = (hostPort: string): string => hostPort.slice(hostPort.lastIndexOf(':') + 1);

export const endpointsView = (i: Instance, a: AlibabaAttributes, publicHost: string) => {
  const suffix = i.alibabaId.replace(/^rmq-cn-/, '');
  const grpc = i.endpoints.grpc[0];
  if (!grpc) return [];
  const list: Array<{ endpointId: string; endpointType: string; endpointUrl: string; ipWhitelist: string[] }> = [
    { endpointId: `ep-vpc-${suffix}`, endpointType: 'TCP_VPC', endpointUrl: grpc, ipWhitelist: [] },
  ];
  if (a.internetInfo.internetSpec === 'enable') {
    list.push({
      endpointId: `ep-internet-${suffix}`,
      endpointType: 'TCP_INTERNET',
      endpointUrl: `${publicHost}:${portOf(grpc)}`,
      ipWhitelist: [...a.internetInfo.ipWhitelist],
    });
  }
  return list;
};

/** GetInstance.data */
export const instanceView = (i: Instance, ctx: InstanceViewContext) => {
  const a = alibabaAttributesOf(i, ctx.spec);
  const expire = expireTime(i, a);
  const internetInfo = {
    internetSpec: a.internetInfo.internetSpec,
    flowOutType: a.internetInfo.flowOutType,
    ...(a.internetInfo.flowOutBandwidth !== undefined ? { flowOutBandwidth: a.internetInfo.flowOutBandwidth } : {}),
    ipWhitelist: [...a.internetInfo.ipWhitelist],
  };
  const productInfo = {
    msgProcessSpec: a.msgProcessSpec,
    sendReceiveRatio: a.sendReceiveRatio,
    autoScaling: a.autoScaling,
    supportAutoScaling: a.supportAutoScaling,
    messageRetentionTime: i.messageRetentionHours ?? ctx.defaultRetentionHours,
    storageEncryption: false,
    traceOn: a.traceOn ?? true,
    ...(a.storageSecretKey !== undefined ? { storageSecretKey: a.storageSecretKey } : {}),
    ...(a.capacityType !== undefined ? { capacityType: a.capacityType } : {}),
    ...(a.provisionedCapacity !== undefined ? { provisionedCapacity: a.provisionedCapacity } : {}),
    ...(a.drReplicationMode !== undefined ? { drReplicationMode: a.drReplicationMode } : {}),
  };
  return {
    instanceId: i.alibabaId,
    instanceName: instanceName(i),
    serviceCode: 'rmq',
    seriesCode: a.seriesCode,
    subSeriesCode: a.subSeriesCode,
    paymentType: a.paymentType,
    commodityCode: commodityCode(a),
    regionId: ctx.region,
    userId: i.tenantId,
    remark: i.description,
    ...(a.resourceGroupId !== undefined ? { resourceGroupId: a.resourceGroupId } : {}),
    status: alibabaInstanceStatus(i.status),
    createTime: alibabaTime(i.createdAt),
    updateTime: alibabaTime(i.updatedAt),
    startTime: alibabaTime(i.createdAt),
    ...(expire !== undefined ? { expireTime: expire } : {}),
    ...(i.status === 'deleting' ? { releaseTime: alibabaTime(i.updatedAt) } : {}),
    topicCount: ctx.topicCount,
    groupCount: ctx.groupCount,
    productInfo,
    networkInfo: {
      vpcInfo: {
        vpcId: i.network.vpcId,
        ...(i.network.securityGroupId ? { securityGroupIds: i.network.securityGroupId } : {}),
        vSwitchId: i.network.subnetIds.join('|'),
        vSwitches: i.network.subnetIds.map((id, n) => ({ vSwitchId: id, zoneId: i.network.zones[n] ?? `${ctx.region}-a` })),
      },
      internetInfo,
      endpoints: endpointsView(i, a, ctx.publicHost),
    },
    accountInfo: { username: ctx.defaultUsername },
    aclInfo: aclInfoView(i, a),
    instanceQuotas: [
      {
        quotaName: 'TOPIC_COUNT',
        totalCount: ctx.spec.topicQuota,
        usedCount: ctx.topicCount,
        freeCount: ctx.spec.freeTopics,
      },
    ],
    software: { softwareVersion: SOFTWARE_VERSION, maintainTime: '02:00-06:00', upgradeMethod: 'auto' },
    tags: tagsView(i.tags),
    extConfig: {
      aclType: 'default',
      autoScaling: a.autoScaling,
      supportAutoScaling: a.supportAutoScaling,
      flowOutBandwidth: a.internetInfo.flowOutBandwidth ?? 0,
      flowOutType: a.internetInfo.flowOutType,
      internetSpec: a.internetInfo.internetSpec,
      messageRetentionTime: i.messageRetentionHours ?? ctx.defaultRetentionHours,
      msgProcessSpec: a.msgProcessSpec,
      sendReceiveRatio: a.sendReceiveRatio,
    },
  };
};

/** ListInstances.data.list[] item. */
export const instanceListItemView = (i: Instance, ctx: InstanceViewContext) => {
  const a = alibabaAttributesOf(i, ctx.spec);
  const expire = expireTime(i, a);
  return {
    instanceId: i.alibabaId,
    instanceName: instanceName(i),
    serviceCode: 'rmq',
    seriesCode: a.seriesCode,
    subSeriesCode: a.subSeriesCode,
    paymentType: a.paymentType,
    commodityCode: commodityCode(a),
    status: alibabaInstanceStatus(i.status),
    regionId: ctx.region,
    userId: i.tenantId,
    topicCount: ctx.topicCount,
    groupCount: ctx.groupCount,
    createTime: alibabaTime(i.createdAt),
    updateTime: alibabaTime(i.updatedAt),
    startTime: alibabaTime(i.createdAt),
    ...(expire !== undefined ? { expireTime: expire } : {}),
    ...(i.status === 'deleting' ? { releaseTime: alibabaTime(i.updatedAt) } : {}),
    remark: i.description,
    ...(a.resourceGroupId !== undefined ? { resourceGroupId: a.resourceGroupId } : {}),
    tags: tagsView(i.tags),
    productInfo: { ...(a.capacityType !== undefined ? { capacityType: a.capacityType } : {}), traceOn: a.traceOn ?? true },
  };
};
