// Neutral objects → the exact Huawei wire JSON (snake_case keys, Huawei's JSON types). Pure functions.
// Field lists: huawei-models.md (ShowInstanceResponse, InstanceDetail, ListEngineProductsResponse, …). A field Hangar
// cannot know (VPC names, EIP addresses, billing ids) is left out rather than invented; the SDK tolerates missing keys.
import { createHash } from 'node:crypto';
import {
  ENGINE_VERSIONS,
  flavour,
  huaweiProductIdOf,
  instanceLimits,
  listFlavours,
  type Flavour,
} from '../../domain/catalogue.js';
import { invalid } from '../../domain/errors.js';
import { brokerNames, type Instance } from '../../domain/instance.js';
import type { TaskKind, TaskStatus } from '../../domain/status.js';
import { huaweiStatusWord, huaweiTaskStatusWord } from './status-words.js';

type WireObject = Record<string, unknown>;

/** What a view may know beyond the instance. A Config object fits (only `region` is read from it). */
export interface HuaweiViewContext {
  region?: string;
  /** The Huawei user owning the project, when Hangar knows one. */
  userId?: string;
  userName?: string;
  /** Display names of AZ ids; an id without a name is shown as itself. */
  zoneNames?: Record<string, string>;
}

/** Huawei's default maintenance window. */
const MAINTAIN_BEGIN = '22:00:00';
const MAINTAIN_END = '02:00:00';
const GIB = 1024 ** 3;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Instance / product type word: single | cluster for 4.8.0, single.basic | cluster.basic for 5.x. */
export const huaweiTypeWord = (f: Pick<Flavour, 'type'>, engineVersion: string): string =>
  engineVersion === '5.x' ? `${f.type}.basic` : f.type;

const productIdOf = (i: Instance): string => {
  try {
    return huaweiProductIdOf(i.flavorId);
  } catch {
    return i.flavorId;
  }
};

const tpsOf = (i: Instance): number | undefined => {
  try {
    return instanceLimits(i.flavorId, i.brokerNum).tps;
  } catch {
    return undefined;
  }
};

/** The fields ShowInstance and the ListInstances element share. */
const commonFields = (i: Instance, ctx: HuaweiViewContext): WireObject => {
  const f = flavour(i.flavorId);
  const productId = productIdOf(i);
  const a = i.attributes;
  const out: WireObject = {
    name: i.name,
    engine: str(a.engine) ?? 'reliability',
    status: huaweiStatusWord(i.status),
    description: i.description,
    type: huaweiTypeWord(f ?? { type: i.brokerNum > 1 ? 'cluster' : 'single' }, i.engineVersion),
    specification: i.engineVersion === '4.8.0' ? `${productId} * ${i.brokerNum} broker` : productId,
    engine_version: i.engineVersion,
    instance_id: i.huaweiId,
    arch_type: i.options.archType,
    charging_mode: 1,
    vpc_id: i.network.vpcId,
    created_at: String(i.createdAt),
    product_id: productId,
    security_group_id: i.network.securityGroupId,
    subnet_id: i.network.subnetIds[0] ?? '',
    available_zones: [...i.network.zones],
    available_zone_names: i.network.zones.map((z) => ctx.zoneNames?.[z] ?? z),
    maintain_begin: str(a.maintainBegin) ?? MAINTAIN_BEGIN,
    maintain_end: str(a.maintainEnd) ?? MAINTAIN_END,
    enable_log_collection: false,
    storage_space: i.storageSpaceGb,
    used_storage_space: Math.round(i.usedStorageBytes / GIB),
    enable_publicip: i.options.enablePublicIp,
    publicip_id: i.options.publicIpId,
    ssl_enable: i.options.sslEnable,
    storage_spec_code: i.storageSpecCode,
    service_type: 'advanced',
    storage_type: 'hec',
    extend_times: 0,
    ipv6_enable: i.options.ipv6Enable,
    disk_encrypted: i.options.diskEncrypted,
    node_num: i.brokerNum,
    enable_acl: i.options.enableAcl,
    broker_num: i.brokerNum,
    dns_enable: false,
    namesrv_address: i.endpoints.namesrv.join(';'),
    broker_address: i.endpoints.broker.join(';'),
    grpc_address: i.endpoints.grpc.join(';'),
    enterprise_project_id: i.options.enterpriseProjectId,
    tags: i.tags.map((t) => ({ key: t.key, value: t.value })),
    total_storage_space: i.storageSpaceGb,
    dr_enable: false,
    config_ssl_need_restart_process: false,
    tls_mode: i.options.tlsMode,
    enable_elastic_tps: false,
  };
  if (ctx.userId !== undefined) out.user_id = ctx.userId;
  if (ctx.userName !== undefined) out.user_name = ctx.userName;
  const tps = tpsOf(i);
  if (tps !== undefined) out.max_msg_process_tps = tps;
  const ipv6Broker = str(a.ipv6BrokerAddress);
  const ipv6Namesrv = str(a.ipv6NamesrvAddress);
  if (ipv6Broker) out.ipv6_broker_address = ipv6Broker;
  if (ipv6Namesrv) out.ipv6_namesrv_address = ipv6Namesrv;
  return out;
};

/** ShowInstanceResponse. */
export const showInstanceView = (i: Instance, ctx: HuaweiViewContext = {}): WireObject => ({
  ...commonFields(i, ctx),
  auto_volume_expand_enable: false,
});

/** One element of ListInstancesResponse.instances (InstanceDetail). */
export const instanceDetailView = (i: Instance, ctx: HuaweiViewContext = {}): WireObject => ({
  ...commonFields(i, ctx),
  disk_encrypted_key: '',
});

/** ListInstancesResponse. */
export const listInstancesView = (items: Instance[], total: number, ctx: HuaweiViewContext = {}): WireObject => ({
  instances: items.map((i) => instanceDetailView(i, ctx)),
  instance_num: total,
});

// ---- products --------------------------------------------------------------------------------------------------

const productProperties = (f: Flavour): Record<string, string> => {
  const p: Record<string, string> = {
    engine_versions: f.engineVersions.join(','),
    min_broker: String(f.brokers.min),
    max_broker: String(f.brokers.max),
    broker_num: String(f.brokers.default),
  };
  if (f.alias) p.product_alias = f.alias;
  if (f.vcpus !== undefined) p.core = String(f.vcpus);
  if (f.scale === 'broker') {
    Object.assign(p, {
      max_tps_per_broker: String(f.tps),
      max_topic_per_broker: String(f.maxTopics),
      max_consumer_per_broker: String(f.maxGroups),
      min_storage_per_node: String(f.storageGb.min),
      max_storage_per_node: String(f.storageGb.max),
      max_topic: String(f.maxTopics * f.brokers.max),
      max_consumer: String(f.maxGroups * f.brokers.max),
      min_storage: String(f.storageGb.min * f.brokers.min),
      max_storage: String(f.storageGb.max * f.brokers.max),
    });
  } else {
    Object.assign(p, {
      max_topic: String(f.maxTopics),
      max_consumer: String(f.maxGroups),
      min_storage: String(f.storageGb.min),
      max_storage: String(f.storageGb.max),
    });
  }
  return p;
};

const productEntity = (f: Flavour, zones: readonly string[]): WireObject => ({
  type: huaweiTypeWord(f, f.engineVersions[0]!),
  product_id: f.id,
  arch_types: [...f.archTypes],
  charging_mode: ['hourly'],
  ios: f.storageSpecCodes.map((io) => ({ io_spec: io, type: 'evs', available_zones: [...zones], unavailable_zones: [] })),
  support_features: [],
  properties: productProperties(f),
  qingtian_incompatible: false,
});

const pageNumber = (q: URLSearchParams, field: string, min: number): number | undefined => {
  const v = q.get(field);
  if (v === null || v === '') return undefined;
  const n = /^\d{1,15}$/.test(v) ? Number(v) : NaN;
  if (!(n >= min)) throw invalid(field, `The parameter ${field} must be an integer ≥ ${min}.`, 'DMS.00400800');
  return n;
};

/**
 * ListEngineProductsResponse from the catalogue (Huawei products only). Query: product_id (exact), type (single,
 * cluster, single.basic, cluster.basic filter; other values such as "advanced" do not), limit (default: all), offset.
 * zones fills each io entry's available_zones.
 */
export const listProductsView = (engine: string, query: URLSearchParams, zones: readonly string[] = []): WireObject => {
  if (engine !== 'rocketmq' && engine !== 'reliability') {
    throw invalid('engine', 'The parameter engine must be reliability or rocketmq.', 'DMS.00400007');
  }
  const productId = query.get('product_id') || undefined;
  const type = query.get('type') || undefined;
  const all = listFlavours({ cloud: 'huawei' }).filter(
    (f) =>
      (productId === undefined || f.id === productId) &&
      (type === undefined || !['single', 'cluster', 'single.basic', 'cluster.basic'].includes(type) || type === f.type || type === huaweiTypeWord(f, f.engineVersions[0]!)),
  );
  const offset = pageNumber(query, 'offset', 0) ?? 0;
  const limit = pageNumber(query, 'limit', 1) ?? all.length;
  const page = all.slice(offset, offset + limit);
  return {
    engine,
    versions: [...ENGINE_VERSIONS],
    total: all.length,
    next_offset: Math.min(offset + page.length, all.length),
    previous_offset: Math.max(0, offset - limit),
    products: page.map((f) => productEntity(f, zones)),
  };
};

// ---- zones, quotas -----------------------------------------------------------------------------------------------

export interface HuaweiZone {
  id: string;
  code: string;
  name: string;
}

/** Hangar's zones of a region: three, so that both 1-AZ and 3-AZ placements can be tried. Ids are stable 32-hex. */
export const defaultZones = (region: string): HuaweiZone[] =>
  ['a', 'b', 'c'].map((s, n) => {
    const code = `${region}${s}`;
    return { id: createHash('md5').update(code).digest('hex'), code, name: `AZ${n + 1}` };
  });

/** ListAvailableZonesResponse (note the camelCase soldOut on the wire). */
export const availableZonesView = (region: string, zones: readonly HuaweiZone[] = defaultZones(region)): WireObject => ({
  region_id: region,
  available_zones: zones.map((z, n) => ({
    soldOut: false,
    id: z.id,
    code: z.code,
    name: z.name,
    resource_availability: 'true',
    default_az: n === 0,
    ipv6_enable: false,
  })),
});

/** ShowQuotasResponse: the project's instance quota. */
export const quotasView = (usage: { used: number; quota: number }): WireObject => ({
  quotas: { resources: [{ type: 'rocketmq', quota: usage.quota, used: usage.used }] },
});

// ---- brokers, nodes ------------------------------------------------------------------------------------------------

export interface Page {
  limit: number;
  offset: number;
}

const paging = (total: number, p: Page): { next_offset: number; previous_offset: number } => ({
  next_offset: Math.min(p.offset + p.limit, total),
  previous_offset: Math.max(0, p.offset - p.limit),
});

/** ListBrokersResponse: the instance's logical brokers (broker-a, broker-b, …), each a master with id 0. */
export const brokersView = (i: Instance, p: Page): WireObject => {
  const names = brokerNames(i.brokerNum);
  return {
    total: names.length,
    ...paging(names.length, p),
    brokers: names.slice(p.offset, p.offset + p.limit).map((broker_name) => ({ broker_name, ids: [0] })),
  };
};

const uuidFrom = (s: string): string => {
  const h = createHash('sha256').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** ShowInstanceNodesResponse: one node per logical broker; its address is that broker's endpoint (or the shared one). */
export const nodesView = (i: Instance, p: Page): WireObject => {
  const names = brokerNames(i.brokerNum);
  const nodes = names.map((broker_name, n) => ({
    id: uuidFrom(`${i.huaweiId}/${broker_name}`),
    broker_name,
    broker_id: 0,
    address: i.endpoints.broker[n] ?? i.endpoints.broker[0] ?? i.endpoints.grpc[0] ?? '',
    public_address: '',
  }));
  return { total: nodes.length, nodes: nodes.slice(p.offset, p.offset + p.limit) };
};

// ---- background tasks ----------------------------------------------------------------------------------------------

/** The neutral task fields a view needs (the store's Task fits). */
export interface TaskLike {
  id: string;
  kind: TaskKind;
  status: TaskStatus;
  reason: string;
  createdAt: number;
  updatedAt: number;
}

const TASK_NAMES: Record<TaskKind, string> = {
  create: 'createInstance',
  restart: 'restartInstance',
  delete: 'deleteInstance',
  update: 'modifyInstance',
  tls: 'modifyInstanceSsl',
};

/** One ListBackgroundTasksRespTasks element (also the element of ShowBackgroundTask). Times are ISO-8601 strings. */
export const taskView = (t: TaskLike, i: Pick<Instance, 'huaweiId' | 'name'>, ctx: HuaweiViewContext = {}): WireObject => {
  const params: Record<string, string> = { instance_id: i.huaweiId, instance_name: i.name };
  if (t.reason) params.reason = t.reason;
  return {
    id: t.id,
    name: TASK_NAMES[t.kind],
    user_name: ctx.userName ?? '',
    user_id: ctx.userId ?? '',
    params: JSON.stringify(params),
    status: huaweiTaskStatusWord(t.status),
    created_at: new Date(t.createdAt).toISOString(),
    updated_at: new Date(t.updatedAt).toISOString(),
  };
};

/** ListBackgroundTasksResponse / ShowBackgroundTaskResponse (task_count is a string on the wire). */
export const tasksView = (tasks: TaskLike[], i: Pick<Instance, 'huaweiId' | 'name'>, ctx: HuaweiViewContext = {}): WireObject => ({
  task_count: String(tasks.length),
  tasks: tasks.map((t) => taskView(t, i, ctx)),
});
