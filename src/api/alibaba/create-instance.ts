// CreateInstance request (JSON body + clientToken query) → neutral CreateInstanceCommand.
// Every rule is the seed page's (ApsaraMQ for RocketMQ 5.x CreateInstance); Alibaba-only fields go to `attributes`.
import { invalid } from '../../domain/errors.js';
import { DEFAULT_INSTANCE_OPTIONS, type CreateInstanceCommand, type Tag } from '../../domain/instance.js';
import { isIpOrCidr, Reader, type Json } from './read.js';
import { DEFAULT_MESSAGE_RETENTION_HOURS, MESSAGE_RETENTION_HOURS, parseTags, readAclTypes } from './fields.js';

export const SERIES_CODES = ['standard', 'professional', 'ultimate', 'dedicated', 'shared'] as const;
export type SeriesCode = (typeof SERIES_CODES)[number];
export const SUB_SERIES_CODES = ['cluster_ha', 'single_node', 'serverless'] as const;
export type SubSeriesCode = (typeof SUB_SERIES_CODES)[number];
export const PAYMENT_TYPES = ['PayAsYouGo', 'Subscription'] as const;
export const PERIOD_UNITS = ['Month', 'Year'] as const;
export const AUTO_RENEW_PERIODS = [1, 2, 3, 6, 12] as const;
export const COMMODITY_CODES = [
  'ons_rmqpost_public_intl',
  'ons_rmqsub_public_intl',
  'ons_rmqsrvlesspost_public_intl',
  'ons_rmqpost_public_cn',
  'ons_rmqsub_public_cn',
  'ons_rmqsrvlesspost_public_cn',
] as const;

/** What the spec catalogue tells the dialect about a computing spec. */
export interface ResolvedSpec {
  msgProcessSpec: string;
  /** The neutral catalogue flavour (Huawei product_id spelling). */
  flavorId: string;
  brokerNum: number;
  storageSpaceGb: number;
  storageSpecCode: string;
  /** Whether the spec's edition offers elastic TPS. */
  supportAutoScaling: boolean;
}

/** Spec lookups the parser needs; implemented over the domain catalogue (./specs.ts). */
export interface AlibabaSpecs {
  /** The spec for series/sub-series: msgProcessSpec when given (must belong to the series), else the default. */
  resolve(seriesCode: SeriesCode, subSeriesCode: SubSeriesCode, msgProcessSpec: string | undefined): ResolvedSpec;
}

export interface InternetInfo {
  internetSpec: 'enable' | 'disable';
  flowOutType: 'payByBandwidth' | 'payByTraffic' | 'uninvolved';
  flowOutBandwidth?: number;
  ipWhitelist: string[];
}

/** The Alibaba-only attributes stored with an instance and echoed by the views. */
export interface AlibabaAttributes {
  seriesCode: SeriesCode;
  subSeriesCode: SubSeriesCode;
  paymentType: 'PayAsYouGo' | 'Subscription';
  period?: number;
  periodUnit?: 'Month' | 'Year';
  autoRenew?: boolean;
  autoRenewPeriod?: number;
  commodityCode?: string;
  resourceGroupId?: string;
  msgProcessSpec: string;
  sendReceiveRatio: number;
  autoScaling: boolean;
  supportAutoScaling: boolean;
  storageSecretKey?: string;
  capacityType?: string;
  provisionedCapacity?: number;
  traceOn?: boolean;
  drReplicationMode?: string;
  securityGroupIds?: string;
  vSwitchIdLegacy?: string;
  internetInfo: InternetInfo;
  aclInfo: { defaultVpcAuthFree: boolean; aclTypes: string[] };
}

export interface ParsedCreateInstance {
  command: CreateInstanceCommand;
  clientToken?: string;
  /** True when the caller gave no instanceName: the instance is then named after its id. */
  nameFromId: boolean;
}

/** Instance names: letters (any script), digits, `_` and `-`, 1–128 characters. */
export const INSTANCE_NAME = /^[\p{L}\p{N}_\- .]{1,128}$/u;

const RESOURCE_GROUP = /^[A-Za-z0-9_*-]{1,64}$/;

const parseInternetInfo = (r: Reader): InternetInfo => {
  const internetSpec = r.enumOf('internetSpec', ['enable', 'disable'] as const, { required: true })!;
  const allowed = internetSpec === 'enable' ? (['payByBandwidth', 'payByTraffic'] as const) : (['uninvolved'] as const);
  const flowOutType = r.enumOf<InternetInfo['flowOutType']>('flowOutType', allowed, { required: true })!;
  let flowOutBandwidth: number | undefined;
  if (flowOutType === 'payByBandwidth') {
    flowOutBandwidth = r.integer('flowOutBandwidth', { required: true, min: 1, max: 1000 });
  } else if (r.has('flowOutBandwidth') && r.obj['flowOutBandwidth'] !== 0) {
    throw invalid(r.field('flowOutBandwidth'), `The parameter ${r.field('flowOutBandwidth')} is only valid when flowOutType is payByBandwidth.`);
  }
  const ipWhitelist =
    r.stringArray('ipWhitelist', {
      max: 100,
      item: (s, f) => {
        if (!isIpOrCidr(s)) throw invalid(f, `The parameter ${f} must be an IP address or CIDR block.`);
      },
    }) ?? [];
  return { internetSpec, flowOutType, ...(flowOutBandwidth !== undefined ? { flowOutBandwidth } : {}), ipWhitelist };
};

const parseVSwitches = (vpc: Reader): { ids: string[]; legacy?: string } => {
  const list = vpc.objectArray('vSwitches', { max: 20 });
  const ids = (list ?? []).map((v) => v.string('vSwitchId', { required: true, max: 64 })!);
  const legacy = vpc.string('vSwitchId', { max: 1024 });
  const legacyIds = legacy ? legacy.split('|').map((s) => s.trim()).filter((s) => s !== '') : [];
  const all = [...new Set([...ids, ...legacyIds])];
  if (all.length === 0) throw invalid(vpc.field('vSwitches'), `The parameter ${vpc.field('vSwitches')} is mandatory (at least one vSwitch).`);
  return { ids: all, ...(legacy !== undefined ? { legacy } : {}) };
};

/** Parses and validates a CreateInstance request; throws DomainError naming the first bad field. */
export const parseCreateInstance = (body: Json, query: Record<string, string>, specs: AlibabaSpecs): ParsedCreateInstance => {
  const q = Reader.query(query);
  const clientToken = q.string('clientToken', { max: 64, pattern: /^[\x20-\x7e]+$/, patternText: 'ASCII characters only' });

  const r = new Reader(body);
  r.enumOf('serviceCode', ['rmq'] as const, { required: true });
  const seriesCode = r.enumOf('seriesCode', SERIES_CODES, { required: true })!;
  const subSeriesCode = r.enumOf('subSeriesCode', SUB_SERIES_CODES, { required: true })!;
  if (seriesCode === 'ultimate' && subSeriesCode !== 'cluster_ha') {
    throw invalid('subSeriesCode', 'The parameter subSeriesCode must be cluster_ha when seriesCode is ultimate.');
  }
  const paymentType = r.enumOf('paymentType', PAYMENT_TYPES, { required: true })!;
  const periodUnit = r.enumOf('periodUnit', PERIOD_UNITS);
  const unit = periodUnit ?? 'Month';
  const period = r.integer('period', {
    required: paymentType === 'Subscription',
    min: 1,
    max: unit === 'Month' ? 6 : 3,
  });
  const autoRenew = r.boolean('autoRenew');
  const autoRenewPeriod = r.integer('autoRenewPeriod');
  if (autoRenewPeriod !== undefined && !(AUTO_RENEW_PERIODS as readonly number[]).includes(autoRenewPeriod)) {
    throw invalid('autoRenewPeriod', `The parameter autoRenewPeriod must be one of ${AUTO_RENEW_PERIODS.join(', ')}; got ${autoRenewPeriod}.`);
  }
  const instanceName = r.string('instanceName', { max: 128, pattern: INSTANCE_NAME, patternText: 'use 1-128 letters, digits, _ or -' });
  const remark = r.string('remark', { max: 1024 }) ?? '';
  const resourceGroupId = r.string('resourceGroupId', { pattern: RESOURCE_GROUP, patternText: 'like rg-aekzy6pist7uuna' });
  const commodityCode = r.enumOf('commodityCode', COMMODITY_CODES);
  const tags: Tag[] = parseTags(r, 'tags');

  const product = r.object('productInfo') ?? new Reader({}, 'productInfo');
  const msgProcessSpecIn = product.string('msgProcessSpec', { max: 64 });
  const sendReceiveRatio = product.number('sendReceiveRatio', { min: 0.05, max: 0.95 }) ?? 0.5;
  const autoScaling = product.boolean('autoScaling') ?? false;
  const messageRetentionHours =
    product.integer('messageRetentionTime', { min: MESSAGE_RETENTION_HOURS.min, max: MESSAGE_RETENTION_HOURS.max }) ??
    DEFAULT_MESSAGE_RETENTION_HOURS;
  if (product.boolean('storageEncryption') === true) {
    throw invalid('productInfo.storageEncryption', 'The parameter productInfo.storageEncryption=true is not supported by Hangar yet (no encryption at rest).');
  }
  const storageSecretKey = product.string('storageSecretKey', { max: 256 });
  const capacityType = product.enumOf('capacityType', ['provisioned', 'ondemand'] as const);
  const provisionedCapacity = product.integer('provisionedCapacity', { min: 0 });
  const traceOn = product.boolean('traceOn');
  const drReplicationMode = product.enumOf('drReplicationMode', ['async_cross_az', 'sync_cross_az'] as const);
  const spec = specs.resolve(seriesCode, subSeriesCode, msgProcessSpecIn);

  const network = r.object('networkInfo', { required: true })!;
  const vpc = network.object('vpcInfo', { required: true })!;
  const vpcId = vpc.string('vpcId', { required: true, max: 64 })!;
  const vSwitches = parseVSwitches(vpc);
  const securityGroupIds = vpc.string('securityGroupIds', { max: 256 });
  const internetInfo = parseInternetInfo(network.object('internetInfo', { required: true })!);

  const acl = r.object('aclInfo');
  const defaultVpcAuthFree = acl?.boolean('defaultVpcAuthFree') ?? false;
  // The SDK's create model carries only defaultVpcAuthFree; aclTypes is taken too, as UpdateInstance takes it.
  const aclTypes = acl && readAclTypes(acl);

  const attributes: AlibabaAttributes = {
    seriesCode,
    subSeriesCode,
    paymentType,
    ...(period !== undefined ? { period, periodUnit: unit } : periodUnit ? { periodUnit } : {}),
    ...(autoRenew !== undefined ? { autoRenew } : {}),
    ...(autoRenewPeriod !== undefined ? { autoRenewPeriod } : {}),
    ...(commodityCode !== undefined ? { commodityCode } : {}),
    ...(resourceGroupId !== undefined ? { resourceGroupId } : {}),
    msgProcessSpec: spec.msgProcessSpec,
    sendReceiveRatio,
    autoScaling: autoScaling && spec.supportAutoScaling,
    supportAutoScaling: spec.supportAutoScaling,
    ...(storageSecretKey !== undefined ? { storageSecretKey } : {}),
    ...(capacityType !== undefined ? { capacityType } : {}),
    ...(provisionedCapacity !== undefined ? { provisionedCapacity } : {}),
    ...(traceOn !== undefined ? { traceOn } : {}),
    ...(drReplicationMode !== undefined ? { drReplicationMode } : {}),
    ...(securityGroupIds !== undefined ? { securityGroupIds } : {}),
    ...(vSwitches.legacy !== undefined ? { vSwitchIdLegacy: vSwitches.legacy } : {}),
    internetInfo,
    aclInfo: { defaultVpcAuthFree, aclTypes: aclTypes ?? ['default'] },
  };

  const command: CreateInstanceCommand = {
    name: instanceName ?? '',
    description: remark,
    engineVersion: '5.x',
    flavorId: spec.flavorId,
    brokerNum: spec.brokerNum,
    storageSpaceGb: spec.storageSpaceGb,
    storageSpecCode: spec.storageSpecCode,
    network: { vpcId, subnetIds: vSwitches.ids, securityGroupId: securityGroupIds ?? '', zones: [] },
    options: {
      ...DEFAULT_INSTANCE_OPTIONS,
      enablePublicIp: internetInfo.internetSpec === 'enable',
      enableAcl: aclTypes?.includes('apache_acl') === true,
      vpcAuthFree: defaultVpcAuthFree,
    },
    messageRetentionHours,
    tags,
    origin: 'alibaba',
    attributes: { alibaba: attributes },
  };
  return { command, ...(clientToken !== undefined ? { clientToken } : {}), nameFromId: instanceName === undefined };
};
