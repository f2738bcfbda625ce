// The one catalogue of flavours: validation (both dialects), the products APIs, and the limits the broker enforces.
//
// Ids. A flavour's id is its creating cloud's spelling: a Huawei product_id (c6.4u8g.cluster, rocketmq.b2.large.4)
// or an Alibaba msgProcessSpec (rmq.s2.2xlarge). The two namespaces are disjoint (c6./rocketmq. vs rmq.), so one
// lookup, flavour(id), serves both.
//
// How a flavour of one cloud appears in the other (the same instance is visible through both dialects):
// - Huawei 4.8.0 (limits per broker): Alibaba shows the smallest cluster_ha spec whose TPS covers the instance TPS
//   (TPS per broker × broker_num), preferring the lowest edition (standard < professional < ultimate); the largest
//   spec when none covers it.
// - Huawei 5.x: an explicit twin (basic → standard, professional → professional) with the same or the next larger TPS.
// - Alibaba: the Huawei 5.x product of the matching line (standard → basic rocketmq.b*, professional/ultimate →
//   rocketmq.p*) and type (single/cluster) with the smallest TPS ≥ the spec's, else the largest of that line.
//
// Sources. Huawei figures: the SDK's JSDoc and the "Specifications" page as summarised in reference §4; Alibaba
// figures: reference §8.1 (a secondary source). Where neither gives a number, `derived` says what Hangar chose.
import { invalid } from './errors.js';
import type { EngineVersion } from './instance.js';

export const ENGINE_VERSIONS: readonly EngineVersion[] = ['4.8.0', '5.x'];
export const ARCH_TYPES = ['X86', 'ARM'] as const;
export type ArchType = (typeof ARCH_TYPES)[number];

/** Huawei storage I/O flavours (the EVS disk type behind each broker). */
export const STORAGE_SPEC_CODES = [
  'dms.physical.storage.high.v2',
  'dms.physical.storage.ultra.v2',
  'dms.physical.storage.general',
  'dms.physical.storage.extreme',
] as const;
export type StorageSpecCode = (typeof STORAGE_SPEC_CODES)[number];
/** Storage spec recorded for instances whose creating API has no such field (Alibaba). */
export const DEFAULT_STORAGE_SPEC_CODE: StorageSpecCode = 'dms.physical.storage.ultra.v2';
const HCS_STORAGE: readonly StorageSpecCode[] = ['dms.physical.storage.high.v2', 'dms.physical.storage.ultra.v2'];

export type FlavourType = 'single' | 'cluster';
export type AlibabaSeriesCode = 'standard' | 'professional' | 'ultimate';
export type AlibabaSubSeriesCode = 'cluster_ha' | 'single_node' | 'serverless';

export interface Range {
  min: number;
  max: number;
}

export interface Flavour {
  id: string;
  cloud: 'huawei' | 'alibaba';
  /** Huawei: 'basic'/'professional' for 5.x, 'cluster' for 4.8.0; Alibaba: its seriesCode. */
  line: 'v4' | 'basic' | 'professional' | AlibabaSeriesCode;
  engineVersions: readonly EngineVersion[];
  type: FlavourType;
  archTypes: readonly ArchType[];
  storageSpecCodes: readonly StorageSpecCode[];
  brokers: Range & { default: number };
  /** 'broker': tps, topics, groups and storage are per broker (Huawei 4.8.0); 'instance': per instance. */
  scale: 'broker' | 'instance';
  storageGb: Range;
  tps: number;
  maxTopics: number;
  maxGroups: number;
  /** vCPUs of one broker where the flavour name tells it. */
  vcpus?: number;
  /** Console alias (Huawei products' product_alias). */
  alias?: string;
  /** Alibaba only: sub-editions the spec can be bought as. */
  subSeriesCodes?: readonly AlibabaSubSeriesCode[];
  /** Huawei 5.x only: the Alibaba spec this product shows as. */
  alibabaTwin?: string;
  /** What Hangar chose where no source gives a figure. */
  derived?: string;
}

const V4_BROKERS = { min: 1, max: 10, default: 1 };

const huaweiV4 = (
  id: string,
  vcpus: number,
  storageMax: number,
  tps: number,
  topics: number,
  opts: { arch?: ArchType; hcs?: boolean; derived?: string } = {},
): Flavour => ({
  id,
  cloud: 'huawei',
  line: 'v4',
  engineVersions: ['4.8.0'],
  type: 'cluster',
  archTypes: [opts.arch ?? 'X86'],
  storageSpecCodes: opts.hcs ? HCS_STORAGE : STORAGE_SPEC_CODES,
  brokers: V4_BROKERS,
  scale: 'broker',
  storageGb: { min: 300, max: storageMax },
  tps,
  maxTopics: topics,
  maxGroups: opts.hcs ? topics * 2 : topics,
  vcpus,
  alias: `rocketmq.${id.slice(3).replace(/\.(x86|arm)$/, '')}`,
  derived: opts.derived,
});

// HCS / private editions: topic and group limits from the SDK JSDoc; TPS and storage are not documented.
const HCS_DERIVED = 'TPS per broker and storage range are Hangar choices (scaled from the public-cloud flavours)';
const hcs = (size: string, vcpus: number, tps: number, topics: number, extra = ''): Flavour[] =>
  (['x86', 'arm'] as const).map((a) =>
    huaweiV4(`c6.${size}.cluster.${a}`, vcpus, 30_000, tps, topics, {
      arch: a === 'x86' ? 'X86' : 'ARM',
      hcs: true,
      derived: HCS_DERIVED + extra,
    }),
  );

const V5_STORAGE = { min: 100, max: 30_000 };

const huaweiV5 = (
  id: string,
  line: 'basic' | 'professional',
  type: FlavourType,
  tps: number,
  topics: number,
  groups: number,
  alibabaTwin: string,
  derived?: string,
): Flavour => ({
  id,
  cloud: 'huawei',
  line,
  engineVersions: ['5.x'],
  type,
  archTypes: ['X86'],
  storageSpecCodes: STORAGE_SPEC_CODES,
  // 5.x has no broker_num on the wire; Hangar runs logical brokers behind the proxy (1 for single, 2 by default).
  brokers: type === 'single' ? { min: 1, max: 1, default: 1 } : { min: 1, max: 10, default: 2 },
  scale: 'instance',
  storageGb: V5_STORAGE,
  tps,
  maxTopics: topics,
  maxGroups: groups,
  alibabaTwin,
  derived,
});

const V5_LIMITS_DERIVED = 'topic/group limits taken from the Alibaba edition of the same TPS (reference §8.1)';

// Alibaba: rmq.<s2|p2|u2>.<N>xlarge has TPS N×1000 (reference §8.1).
const alibaba = (
  id: string,
  series: AlibabaSeriesCode,
  tps: number,
  topics: number,
  groups: number,
  subSeries: readonly AlibabaSubSeriesCode[],
  derived?: string,
): Flavour => {
  const single = subSeries.includes('single_node');
  return {
    id,
    cloud: 'alibaba',
    line: series,
    engineVersions: ['5.x'],
    type: single ? 'single' : 'cluster',
    archTypes: ['X86'],
    storageSpecCodes: STORAGE_SPEC_CODES,
    brokers: single ? { min: 1, max: 1, default: 1 } : { min: 1, max: 10, default: 2 },
    scale: 'instance',
    storageGb: V5_STORAGE,
    tps,
    maxTopics: topics,
    maxGroups: groups,
    subSeriesCodes: subSeries,
    derived: derived ?? 'storage range (per instance) is the Hangar default 100–30,000 GB',
  };
};

const ALIBABA_CLUSTER: readonly AlibabaSubSeriesCode[] = ['cluster_ha', 'serverless'];
const xl = (prefix: 's2' | 'p2' | 'u2', n: number): string => `rmq.${prefix}.${n}xlarge`;
const professionalTopics = (n: number): number => (n <= 6 ? 500 : n <= 20 ? 1000 : 2000);
const ULTIMATE_SIZES = [
  ...Array.from({ length: 10 }, (_, i) => (i + 1) * 10),
  120,
  150,
  200,
  ...Array.from({ length: 8 }, (_, i) => 250 + i * 50),
  1000,
];

export const FLAVOURS: readonly Flavour[] = Object.freeze([
  // Huawei 4.8.0, public cloud (per broker: storage GB, TPS, topics = groups).
  huaweiV4('c6.4u8g.cluster.small', 4, 60_000, 15_000, 2000),
  huaweiV4('c6.4u8g.cluster', 4, 600_000, 20_000, 4000),
  huaweiV4('c6.8u16g.cluster', 8, 900_000, 25_000, 8000),
  huaweiV4('c6.12u24g.cluster', 12, 900_000, 28_000, 12_000),
  huaweiV4('c6.16u32g.cluster', 16, 900_000, 30_000, 16_000),
  // Huawei 4.8.0, HCS (x86 and arm twins).
  ...hcs('2u8g', 2, 10_000, 50, '; topic/group limits 50/100 too'),
  ...hcs('4u16g', 4, 20_000, 100),
  ...hcs('8u32g', 8, 25_000, 200),
  ...hcs('16u64g', 16, 30_000, 300),
  ...hcs('32u128g', 32, 40_000, 400),
  // Huawei 5.x (per instance).
  huaweiV5('rocketmq.b1.large.1', 'basic', 'single', 500, 50, 500, 'rmq.s1.micro'),
  huaweiV5('rocketmq.b2.large.4', 'basic', 'cluster', 2000, 300, 1000, xl('s2', 2), V5_LIMITS_DERIVED),
  huaweiV5('rocketmq.b2.large.8', 'basic', 'cluster', 4000, 300, 1000, xl('s2', 4), V5_LIMITS_DERIVED),
  huaweiV5('rocketmq.b2.large.12', 'basic', 'cluster', 6000, 500, 1000, xl('s2', 6), V5_LIMITS_DERIVED),
  huaweiV5('rocketmq.p1.large.1', 'professional', 'single', 500, 50, 500, 'rmq.s1.micro', 'limits as rocketmq.b1.large.1'),
  ...(
    [
      [8, 4000, 4],
      [12, 6000, 6],
      [20, 10_000, 10],
      [40, 20_000, 20],
      [100, 50_000, 50],
      [150, 75_000, 100],
      [200, 100_000, 100],
      [300, 150_000, 150],
    ] as const
  ).map(([n, tps, twin]) =>
    huaweiV5(`rocketmq.p2.large.${n}`, 'professional', 'cluster', tps, professionalTopics(tps / 1000), 2000, xl('p2', twin), V5_LIMITS_DERIVED),
  ),
  // Alibaba 5.x.
  alibaba('rmq.s1.micro', 'standard', 500, 50, 500, ['single_node'], 'TPS, limits and storage are Hangar choices (as rocketmq.b1.large.1)'),
  ...([2, 4, 6] as const).map((n) => alibaba(xl('s2', n), 'standard', n * 1000, n === 6 ? 500 : 300, 1000, ALIBABA_CLUSTER)),
  ...([2, 4, 6, 10, 20, 30, 40, 50, 100, 120, 150, 200] as const).map((n) =>
    alibaba(xl('p2', n), 'professional', n * 1000, professionalTopics(n), 2000, ALIBABA_CLUSTER),
  ),
  ...ULTIMATE_SIZES.map((n) => alibaba(xl('u2', n), 'ultimate', n * 1000, 3000, 4000, ['cluster_ha'])),
]);

const BY_ID: ReadonlyMap<string, Flavour> = new Map(FLAVOURS.map((f) => [f.id, f]));

export const flavour = (id: string): Flavour | undefined => BY_ID.get(id);

export const listFlavours = (filter: { cloud?: Flavour['cloud']; engineVersion?: EngineVersion } = {}): Flavour[] =>
  FLAVOURS.filter(
    (f) =>
      (filter.cloud === undefined || f.cloud === filter.cloud) &&
      (filter.engineVersion === undefined || f.engineVersions.includes(filter.engineVersion)),
  );

/** A Huawei product by its product_id (Alibaba specs are not Huawei products). */
export const huaweiProduct = (productId: string): Flavour | undefined => {
  const f = BY_ID.get(productId);
  return f?.cloud === 'huawei' ? f : undefined;
};

/** An Alibaba computing spec by its msgProcessSpec. */
export const alibabaSpec = (msgProcessSpec: string): Flavour | undefined => {
  const f = BY_ID.get(msgProcessSpec);
  return f?.cloud === 'alibaba' ? f : undefined;
};

export interface InstanceLimits {
  /** Peak messaging (send + receive) TPS of the whole instance. */
  tps: number;
  maxTopics: number;
  maxGroups: number;
  brokerNum: number;
  /** Allowed total storage of the instance in GB. */
  storageGb: Range;
}

const requireFlavour = (flavorId: string): Flavour => {
  const f = BY_ID.get(flavorId);
  if (!f) throw invalid('flavorId', `The flavour ${flavorId} is not in the catalogue.`);
  return f;
};

/** Total storage range (GB) of an instance of this flavour with brokerNum brokers. */
export const storageRangeGb = (f: Flavour, brokerNum: number): Range =>
  f.scale === 'broker'
    ? { min: f.storageGb.min * brokerNum, max: f.storageGb.max * brokerNum }
    : { ...f.storageGb };

/** Limits of an instance: per-broker figures multiplied by brokerNum for per-broker flavours. */
export const instanceLimits = (flavorId: string, brokerNum: number): InstanceLimits => {
  const f = requireFlavour(flavorId);
  if (!Number.isInteger(brokerNum) || brokerNum < f.brokers.min || brokerNum > f.brokers.max) {
    throw invalid('brokerNum', `The flavour ${f.id} takes ${f.brokers.min} to ${f.brokers.max} brokers, not ${brokerNum}.`);
  }
  const k = f.scale === 'broker' ? brokerNum : 1;
  return { tps: f.tps * k, maxTopics: f.maxTopics * k, maxGroups: f.maxGroups * k, brokerNum, storageGb: storageRangeGb(f, brokerNum) };
};

const SERIES_RANK: Record<string, number> = { standard: 0, professional: 1, ultimate: 2 };
const byTps = (a: Flavour, b: Flavour): number => a.tps - b.tps || (SERIES_RANK[a.line] ?? 0) - (SERIES_RANK[b.line] ?? 0);
const smallestCovering = (candidates: Flavour[], tps: number): Flavour => {
  const sorted = [...candidates].sort(byTps);
  return sorted.find((f) => f.tps >= tps) ?? sorted[sorted.length - 1]!;
};

/** The msgProcessSpec an instance of this flavour shows through the Alibaba dialect. */
export const alibabaSpecOf = (flavorId: string, brokerNum: number): string => {
  const f = requireFlavour(flavorId);
  if (f.cloud === 'alibaba') return f.id;
  if (f.alibabaTwin) return f.alibabaTwin;
  const tps = f.scale === 'broker' ? f.tps * Math.max(1, brokerNum) : f.tps;
  const pool = FLAVOURS.filter((c) => c.cloud === 'alibaba' && c.type === f.type);
  return smallestCovering(pool, tps).id;
};

/** The product_id an instance of this flavour shows through the Huawei dialect. */
export const huaweiProductIdOf = (flavorId: string): string => {
  const f = requireFlavour(flavorId);
  if (f.cloud === 'huawei') return f.id;
  const line = f.line === 'standard' ? 'basic' : 'professional';
  const pool = FLAVOURS.filter((c) => c.cloud === 'huawei' && c.line === line && c.type === f.type);
  return smallestCovering(pool, f.tps).id;
};

export interface AlibabaEdition {
  msgProcessSpec: string;
  seriesCode: AlibabaSeriesCode;
  subSeriesCode: AlibabaSubSeriesCode;
}

/** How an instance of this flavour shows in Alibaba's GetInstance: spec, edition and sub-edition. */
export const alibabaEditionOf = (flavorId: string, brokerNum: number): AlibabaEdition => {
  const spec = BY_ID.get(alibabaSpecOf(flavorId, brokerNum))!;
  return { msgProcessSpec: spec.id, seriesCode: spec.line as AlibabaSeriesCode, subSeriesCode: spec.subSeriesCodes![0]! };
};

/**
 * The spec Hangar uses when an Alibaba create names an edition but no msgProcessSpec (it is optional on the wire,
 * e.g. for serverless): the smallest spec of that edition. Undefined for editions the catalogue has no spec for
 * (dedicated, shared, ultimate single_node/serverless).
 */
export const defaultAlibabaSpec = (seriesCode: string, subSeriesCode: string): string | undefined =>
  FLAVOURS.filter(
    (f) => f.cloud === 'alibaba' && f.line === seriesCode && (f.subSeriesCodes as readonly string[] | undefined)?.includes(subSeriesCode),
  ).sort(byTps)[0]?.id;
