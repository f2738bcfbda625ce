// The Alibaba view of the domain catalogue: default spec per series, spec ↔ series checks, and how any instance
// (created through either dialect) appears as an Alibaba edition and spec.
import { alibabaEditionOf, alibabaSpec, defaultAlibabaSpec, flavour, listFlavours, type Flavour } from '../../domain/catalogue.js';
import { invalid } from '../../domain/errors.js';
import type { Instance } from '../../domain/instance.js';
import type { AlibabaAttributes, AlibabaSpecs, ResolvedSpec, SeriesCode, SubSeriesCode } from './create-instance.js';
import type { AlibabaSpecView } from './instance-views.js';

/** The catalogue line whose specs a series may buy. `shared` and `dedicated` (Chinese-site editions without
 *  published specs) are served by the standard and professional lines: a Hangar choice. */
const LINE_OF: Record<SeriesCode, 'standard' | 'professional' | 'ultimate'> = {
  standard: 'standard',
  shared: 'standard',
  professional: 'professional',
  dedicated: 'professional',
  ultimate: 'ultimate',
};

/** Spec shown when an instance's flavour is not in the catalogue any more. */
const FALLBACK_SPEC = 'rmq.s2.2xlarge';

/** Topics free of charge per edition (reference §8.1). */
const FREE_TOPICS: Record<'standard' | 'professional' | 'ultimate', number> = { standard: 100, professional: 150, ultimate: 200 };

const supportsAutoScaling = (f: Flavour): boolean => f.line === 'professional' || f.line === 'ultimate';

const resolve = (seriesCode: SeriesCode, subSeriesCode: SubSeriesCode, msgProcessSpec: string | undefined): ResolvedSpec => {
  const line = LINE_OF[seriesCode];
  let id = msgProcessSpec;
  if (id === undefined) {
    // The catalogue's default: the smallest spec of the edition and sub-edition.
    id = defaultAlibabaSpec(line, subSeriesCode);
    if (!id) throw invalid('subSeriesCode', `The edition ${seriesCode} has no ${subSeriesCode} specification.`);
  }
  const f = alibabaSpec(id);
  if (!f) {
    const known = listFlavours({ cloud: 'alibaba' })
      .filter((x) => x.line === line)
      .map((x) => x.id);
    throw invalid('productInfo.msgProcessSpec', `The msgProcessSpec ${id} is unknown; the ${seriesCode} edition offers ${known.join(', ')}.`);
  }
  if (f.line !== line) {
    throw invalid('productInfo.msgProcessSpec', `The msgProcessSpec ${id} belongs to the ${f.line} edition, not ${seriesCode}.`);
  }
  if (!(f.subSeriesCodes ?? []).includes(subSeriesCode)) {
    throw invalid('productInfo.msgProcessSpec', `The msgProcessSpec ${id} cannot be bought as ${subSeriesCode}.`);
  }
  return {
    msgProcessSpec: f.id,
    flavorId: f.id,
    brokerNum: f.brokers.default,
    storageSpaceGb: f.storageGb.min,
    storageSpecCode: f.storageSpecCodes.includes('dms.physical.storage.ultra.v2') ? 'dms.physical.storage.ultra.v2' : f.storageSpecCodes[0]!,
    supportAutoScaling: supportsAutoScaling(f),
  };
};

/** How an instance appears in Alibaba terms: its own attributes when Alibaba created it, else the catalogue's edition. */
const viewOf = (i: Instance): AlibabaSpecView => {
  const own = i.attributes['alibaba'] as Partial<AlibabaAttributes> | undefined;
  let edition: { msgProcessSpec: string; seriesCode: string; subSeriesCode: string };
  try {
    edition = alibabaEditionOf(i.flavorId, i.brokerNum);
  } catch {
    edition = { msgProcessSpec: FALLBACK_SPEC, seriesCode: 'standard', subSeriesCode: 'cluster_ha' };
  }
  const f = alibabaSpec(own?.msgProcessSpec ?? edition.msgProcessSpec) ?? flavour(FALLBACK_SPEC)!;
  const line = f.line as 'standard' | 'professional' | 'ultimate';
  return {
    seriesCode: own?.seriesCode ?? (edition.seriesCode as SeriesCode),
    subSeriesCode: own?.subSeriesCode ?? (edition.subSeriesCode as SubSeriesCode),
    msgProcessSpec: f.id,
    supportAutoScaling: supportsAutoScaling(f),
    topicQuota: f.maxTopics,
    freeTopics: FREE_TOPICS[line] ?? 100,
  };
};

export const alibabaSpecs: AlibabaSpecs & { viewOf(i: Instance): AlibabaSpecView } = { resolve, viewOf };
