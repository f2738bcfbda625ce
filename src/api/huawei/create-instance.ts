// Huawei instance bodies and queries → neutral commands. Pure: bytes in, a command or a DomainError out.
// Validation rules: the seed page "Creating a Pay-per-Use Instance" and reference §3.1/§3.2/§7. Every error names the
// field in its wire (snake_case) spelling and carries the DMS code in dialectCode.
import {
  ARCH_TYPES,
  ENGINE_VERSIONS,
  STORAGE_SPEC_CODES,
  huaweiProduct,
  storageRangeGb,
  type ArchType,
  type Flavour,
  type StorageSpecCode,
} from '../../domain/catalogue.js';
import { DomainError, invalid } from '../../domain/errors.js';
import { DEFAULT_INSTANCE_OPTIONS, type CreateInstanceCommand, type EngineVersion, type Tag, type UpdateInstanceCommand } from '../../domain/instance.js';
import type { FieldReader } from '../http/fields.js';
import { GENERIC_CODE, huaweiFields, HUAWEI_FIELDS, parseJsonObjectBody, read, type Json } from './body.js';
import type { InstanceStatus } from '../../domain/status.js';
import { sslEnabledOf, TLS_MODES, tlsModesOf, type TlsMode } from '../../domain/tls.js';
import { isHuaweiStatusWord, neutralStatusOf } from './status-words.js';

export const HUAWEI_ENGINES = ['reliability', 'rocketmq'] as const;
export type HuaweiEngine = (typeof HUAWEI_ENGINES)[number];

/** Fields with their own DMS code (reference §7); every other field uses DMS.00400800. */
const FIELD_CODES: Record<string, string> = {
  name: 'DMS.00400010',
  description: 'DMS.00400011',
  engine: 'DMS.00400007',
  engine_version: 'DMS.00400008',
  product_id: 'DMS.00400009',
  vpc_id: 'DMS.00400013',
};
const codeOf = (field: string): string => FIELD_CODES[field] ?? GENERIC_CODE;
const FIELDS = huaweiFields(codeOf);
const bad = (field: string, message: string): DomainError => FIELDS.fieldError(field, { kind: 'message', message });
const absent = (field: string): DomainError => FIELDS.fieldError(field, { kind: 'missing' });
const refused = (field: string, value: string): DomainError =>
  bad(field, `The parameter ${field}=${value} is not supported by Hangar yet.`);

const NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;
const MAX_DESCRIPTION = 1024;
const MAX_ID = 256;
/** Huawei's limit of tags per resource. */
const MAX_TAGS = 20;
/** More AZs than any region has. */
const MAX_ZONES = 16;

/** A free-form id (VPC, subnet, security group): a non-empty string. */
const reqId = (r: FieldReader, field: string): string => {
  const v = r.string(field, { required: true })!;
  if (v.trim() === '') throw bad(field, `The parameter ${field} must not be empty.`);
  if (v.length > MAX_ID) throw bad(field, `The parameter ${field} is longer than ${MAX_ID} characters.`);
  return v;
};

const checkName = (name: string): string => {
  if (!NAME_RE.test(name)) {
    throw bad('name', 'The parameter name must start with a letter and have 4 to 64 letters, digits, underscores (_) or hyphens (-).');
  }
  return name;
};

const checkDescription = (d: string): string => {
  if (Array.from(d).length > MAX_DESCRIPTION) throw bad('description', `The parameter description is longer than ${MAX_DESCRIPTION} characters.`);
  return d;
};

const checkEngine = (field: string, v: string): HuaweiEngine => {
  if (!(HUAWEI_ENGINES as readonly string[]).includes(v)) throw invalid(field, `The parameter ${field} must be reliability or rocketmq.`, 'DMS.00400007');
  return v as HuaweiEngine;
};

const zones = (r: FieldReader): string[] => {
  const v = r.value('available_zones');
  if (v === undefined) throw absent('available_zones');
  if (!Array.isArray(v)) throw bad('available_zones', 'The parameter available_zones must be an array of AZ ids.');
  if (v.length === 0) throw bad('available_zones', 'The parameter available_zones must not be empty.');
  if (v.length > MAX_ZONES) throw bad('available_zones', `The parameter available_zones must name at most ${MAX_ZONES} AZs.`);
  for (const z of v) {
    if (typeof z !== 'string' || z.trim() === '' || z.length > MAX_ID) {
      throw bad('available_zones', 'The parameter available_zones must hold non-empty AZ id strings.');
    }
  }
  if (new Set(v).size !== v.length) throw bad('available_zones', 'The parameter available_zones lists an AZ twice.');
  if (v.length === 2) throw bad('available_zones', 'The parameter available_zones must name 1 AZ or 3 or more AZs.');
  return v as string[];
};

const tags = (r: FieldReader): Tag[] => {
  const v = r.value('tags');
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw bad('tags', 'The parameter tags must be an array of {key, value}.');
  if (v.length > MAX_TAGS) throw bad('tags', `The parameter tags must have at most ${MAX_TAGS} items.`);
  const out: Tag[] = [];
  for (const t of v) {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) throw bad('tags', 'The parameter tags must be an array of {key, value}.');
    const tag = read(t as Json, FIELDS, 'tags');
    const key = tag.string('key');
    const value = tag.string('value') ?? '';
    if (key === undefined || key === '' || key.length > 128) throw bad('tags.key', 'A tag key must have 1 to 128 characters.');
    if (value.length > 255) throw bad('tags.value', 'A tag value must have at most 255 characters.');
    out.push({ key, value });
  }
  if (new Set(out.map((t) => t.key)).size !== out.length) throw bad('tags', 'The parameter tags repeats a key.');
  return out;
};

/** CreateInstanceByEngineReq.bss_param: only pay-per-use (postPaid) is accepted. Returns the wire object to echo. */
const bssParam = (r: FieldReader): Json | undefined => {
  const p = r.object('bss_param');
  if (p === undefined) return undefined;
  const mode = p.enumOf('charging_mode', ['prePaid', 'postPaid']);
  if (mode === 'prePaid') throw refused('bss_param.charging_mode', 'prePaid');
  const periodNum = p.integer('period_num');
  if (periodNum !== undefined && periodNum < 1) throw bad('bss_param.period_num', 'The parameter bss_param.period_num must be positive.');
  // Only the fields of BssParam are kept, each checked: anything else a caller puts here is dropped, never stored.
  const known: Json = {
    charging_mode: 'postPaid',
    is_auto_renew: p.boolean('is_auto_renew'),
    is_auto_pay: p.boolean('is_auto_pay'),
    period_type: p.enumOf('period_type', ['month', 'year']),
    period_num: periodNum,
    order_id: p.string('order_id', { max: MAX_ID }),
  };
  return Object.fromEntries(Object.entries(known).filter(([, v]) => v !== undefined));
};

/** enable_publicip=true needs publicip_id (seed rule), and Hangar cannot bind EIPs yet. */
const checkPublicIp = (enable: boolean | undefined, publicIpId: string | undefined): void => {
  if (enable !== true) return;
  if (publicIpId === undefined || publicIpId.trim() === '') throw absent('publicip_id');
  throw refused('enable_publicip', 'true');
};

/** A mode the engine version offers (4.8.0 has no PERMISSIVE); refused naming the field otherwise. */
export const checkTlsMode = (field: string, mode: TlsMode, engineVersion: EngineVersion): TlsMode => {
  const offered = tlsModesOf(engineVersion);
  if (!offered.includes(mode)) {
    throw bad(field, `The parameter ${field}=${mode} is not offered for engine_version ${engineVersion}; use ${offered.join(' or ')}.`);
  }
  return mode;
};

/**
 * The instance's TLS mode from tls_mode and ssl_enable: tls_mode wins; ssl_enable alone means SSL (true) or PLAINTEXT
 * (false). When both are given they must agree: SSL goes with ssl_enable=true, PLAINTEXT with false, and PERMISSIVE
 * with either (it serves both; Huawei's guide counts it as SSL on and as plaintext access, and the seed body it is
 * added to says ssl_enable=false).
 */
const tlsModeOf = (r: FieldReader, engineVersion: EngineVersion): TlsMode => {
  const ssl = r.boolean('ssl_enable');
  const mode = r.enumOf('tls_mode', TLS_MODES);
  if (mode !== undefined && mode !== 'PERMISSIVE' && ssl !== undefined && sslEnabledOf(mode) !== ssl) {
    throw bad('tls_mode', `The parameters tls_mode=${mode} and ssl_enable=${ssl} disagree: tls_mode ${mode} means ssl_enable=${sslEnabledOf(mode)}.`);
  }
  return checkTlsMode('tls_mode', mode ?? (ssl ? 'SSL' : 'PLAINTEXT'), engineVersion);
};

/** A PlainSSLSwitchRep body (modifyInstanceSslConfig): the new tls_mode, one the instance's engine version offers. */
export const parseTlsSwitchBody = (raw: Buffer, engineVersion: EngineVersion): TlsMode => {
  const b = read(parseJsonObjectBody(raw), FIELDS);
  return checkTlsMode('tls_mode', b.enumOf('tls_mode', TLS_MODES, { required: true })!, engineVersion);
};

const productFor = (productId: string, engineVersion: EngineVersion): Flavour => {
  const f = huaweiProduct(productId);
  if (!f) throw bad('product_id', `The parameter product_id ${productId} is not a flavour of this service.`);
  if (!f.engineVersions.includes(engineVersion)) {
    throw bad('product_id', `The product_id ${productId} is a flavour of RocketMQ ${f.engineVersions.join('/')}, not of engine_version ${engineVersion}.`);
  }
  return f;
};

/**
 * Parse a CreatePostPaidInstanceReq / CreateInstanceByEngineReq body. engineFromPath is the {engine} path segment of
 * the by-engine routes. Name uniqueness is the service's check.
 */
export const parseCreateInstanceBody = (raw: Buffer, engineFromPath?: string): CreateInstanceCommand => {
  if (engineFromPath !== undefined) checkEngine('engine', engineFromPath);
  const b = read(parseJsonObjectBody(raw), FIELDS);

  const name = checkName(b.string('name', { required: true })!);
  const description = checkDescription(b.string('description') ?? '');
  const engine = checkEngine('engine', b.string('engine', { required: true })!);
  const engineVersion = b.enumOf('engine_version', ENGINE_VERSIONS, { required: true })!;
  const product = productFor(b.string('product_id', { required: true })!, engineVersion);

  const storageSpecCode = b.enumOf<StorageSpecCode>('storage_spec_code', STORAGE_SPEC_CODES, { required: true })!;
  if (!product.storageSpecCodes.includes(storageSpecCode)) {
    throw bad('storage_spec_code', `The storage_spec_code ${storageSpecCode} is not offered with product_id ${product.id}.`);
  }

  const givenBrokers = b.integer('broker_num');
  if (givenBrokers === undefined && engineVersion === '4.8.0') throw absent('broker_num');
  const brokerNum = givenBrokers ?? product.brokers.default;
  if (brokerNum < product.brokers.min || brokerNum > product.brokers.max) {
    throw bad('broker_num', `The parameter broker_num must be from ${product.brokers.min} to ${product.brokers.max} for product_id ${product.id}.`);
  }

  const storageSpaceGb = b.integer('storage_space', { required: true })!;
  const range = storageRangeGb(product, brokerNum);
  if (storageSpaceGb < range.min || storageSpaceGb > range.max) {
    throw bad('storage_space', `The parameter storage_space must be from ${range.min} to ${range.max} GB for ${product.id} with ${brokerNum} broker(s).`);
  }

  const vpcId = reqId(b, 'vpc_id');
  const subnetId = reqId(b, 'subnet_id');
  const securityGroupId = reqId(b, 'security_group_id');
  const availableZones = zones(b);

  const tlsMode = tlsModeOf(b, engineVersion);
  const enableAcl = b.boolean('enable_acl') ?? false;
  if (b.boolean('ipv6_enable') === true) throw refused('ipv6_enable', 'true');
  const proxyEnable = b.boolean('proxy_enable') ?? false;
  const publicIpId = b.string('publicip_id', { max: MAX_ID });
  checkPublicIp(b.boolean('enable_publicip'), publicIpId);
  if (b.boolean('disk_encrypted_enable') === true) throw refused('disk_encrypted_enable', 'true');
  b.string('disk_encrypted_key', { max: MAX_ID });

  const archType: ArchType = b.enumOf('arch_type', ARCH_TYPES) ?? product.archTypes[0]!;
  if (!product.archTypes.includes(archType)) throw bad('arch_type', `The arch_type ${archType} is not offered with product_id ${product.id}.`);

  const enterpriseProjectId = b.string('enterprise_project_id', { max: MAX_ID }) ?? '0';
  const ipv6BrokerAddress = b.string('ipv6_broker_address', { max: MAX_ID });
  const ipv6NamesrvAddress = b.string('ipv6_namesrv_address', { max: MAX_ID });
  const bss = bssParam(b);
  const tagList = tags(b);

  const attributes: Record<string, unknown> = { engine };
  if (ipv6BrokerAddress) attributes.ipv6BrokerAddress = ipv6BrokerAddress;
  if (ipv6NamesrvAddress) attributes.ipv6NamesrvAddress = ipv6NamesrvAddress;
  if (bss) attributes.bssParam = bss;

  return {
    name,
    description,
    engineVersion,
    flavorId: product.id,
    brokerNum,
    storageSpaceGb,
    storageSpecCode,
    network: { vpcId, subnetIds: [subnetId], securityGroupId, zones: availableZones },
    // IPv6, public IP and disk encryption were refused above when asked for: they keep their defaults.
    options: { ...DEFAULT_INSTANCE_OPTIONS, enableAcl, tlsMode, sslEnable: sslEnabledOf(tlsMode), proxyEnable, publicIpId: publicIpId ?? '', archType, enterpriseProjectId },
    // Huawei's create has no retention field: the instance keeps the server's default (HANGAR_STORE_RETENTION_MS).
    tags: tagList,
    origin: 'huawei',
    attributes,
  };
};

/** Parse an UpdateInstanceReq body; only the fields present are set. */
export const parseUpdateInstanceBody = (raw: Buffer): UpdateInstanceCommand => {
  const b = read(parseJsonObjectBody(raw), FIELDS);
  const cmd: UpdateInstanceCommand = {};
  const name = b.string('name');
  if (name !== undefined) cmd.name = checkName(name);
  const description = b.string('description');
  if (description !== undefined) cmd.description = checkDescription(description);
  if (b.has('security_group_id')) cmd.securityGroupId = reqId(b, 'security_group_id');
  const acl = b.boolean('enable_acl');
  if (acl !== undefined) cmd.enableAcl = acl;
  const publicIpId = b.string('publicip_id', { max: MAX_ID });
  const publicIp = b.boolean('enable_publicip');
  checkPublicIp(publicIp, publicIpId);
  if (publicIp === false) cmd.enablePublicIp = false;
  if (publicIpId !== undefined) cmd.publicIpId = publicIpId;
  const ep = b.string('enterprise_project_id', { max: MAX_ID });
  if (ep !== undefined) cmd.enterpriseProjectId = ep;
  return cmd;
};

export interface HuaweiInstanceFilter {
  engine: HuaweiEngine;
  name?: string;
  exactMatchName: boolean;
  instanceId?: string;
  /** Neutral status to filter on. */
  status?: InstanceStatus;
  /** The status word as sent, when one was. */
  statusWord?: string;
  /** A valid Huawei status no Hangar instance can have (FREEZING, FROZEN): the answer is an empty list. */
  matchesNothing: boolean;
  includeFailure: boolean;
  enterpriseProjectId?: string;
  limit: number;
  offset: number;
}

const queryBool = (q: URLSearchParams, field: string, def: boolean): boolean => {
  const v = q.get(field);
  if (v === null || v === '') return def;
  if (v !== 'true' && v !== 'false') throw bad(field, `The parameter ${field} must be true or false.`);
  return v === 'true';
};

const queryInt = (q: URLSearchParams, field: string, def: number, min: number, max: number): number => {
  const v = q.get(field);
  if (v === null || v === '') return def;
  const n = /^\d{1,15}$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) throw bad(field, `The parameter ${field} must be an integer from ${min} to ${max}.`);
  return n;
};

const queryString = (q: URLSearchParams, field: string): string | undefined => {
  const v = q.get(field);
  return v === null || v === '' ? undefined : v;
};

/**
 * ListInstances query → neutral filter. include_failure defaults to false (failed creations are listed only when asked
 * for); exact_match_name defaults to false; limit 1–50 (default 10); offset ≥ 0.
 */
export const parseListInstancesQuery = (query: URLSearchParams): HuaweiInstanceFilter => {
  const engineRaw = queryString(query, 'engine');
  if (engineRaw === undefined) throw HUAWEI_FIELDS.fieldError('engine', { kind: 'missing' });
  const engine = checkEngine('engine', engineRaw);
  const statusWord = queryString(query, 'status');
  if (statusWord !== undefined && !isHuaweiStatusWord(statusWord)) throw bad('status', `The parameter status ${statusWord} is not an instance status.`);
  const status = statusWord === undefined ? undefined : neutralStatusOf(statusWord);
  const filter: HuaweiInstanceFilter = {
    engine,
    exactMatchName: queryBool(query, 'exact_match_name', false),
    matchesNothing: statusWord !== undefined && status === undefined,
    includeFailure: queryBool(query, 'include_failure', false),
    limit: queryInt(query, 'limit', 10, 1, 50),
    offset: queryInt(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
  const name = queryString(query, 'name');
  if (name !== undefined) filter.name = name;
  const instanceId = queryString(query, 'instance_id');
  if (instanceId !== undefined) filter.instanceId = instanceId;
  if (status !== undefined) filter.status = status;
  if (statusWord !== undefined) filter.statusWord = statusWord;
  const ep = queryString(query, 'enterprise_project_id');
  if (ep !== undefined) filter.enterpriseProjectId = ep;
  return filter;
};
