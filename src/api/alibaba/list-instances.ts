// ListInstances query → filter and page; the predicate runs over neutral instances in their Alibaba appearance.
import { invalid } from '../../domain/errors.js';
import type { Instance, Tag } from '../../domain/instance.js';
import { SERIES_CODES, type SeriesCode } from './create-instance.js';
import { checkTagList } from './fields.js';
import { alibabaAttributesOf, instanceName, type AlibabaSpecView } from './instance-views.js';
import { Reader } from './read.js';

export interface ListInstancesQuery {
  pageNumber: number;
  pageSize: number;
  filter?: string;
  resourceGroupId?: string;
  seriesCodes?: SeriesCode[];
  tags?: Tag[];
}

/** pageNumber 1..1e8 and pageSize 10..200, clamped as Alibaba documents. */
export const clampPage = (r: Reader, sizeRange: { min: number; max: number; def: number } = { min: 10, max: 200, def: 10 }) => {
  const pageNumber = r.integer('pageNumber') ?? 1;
  const pageSize = r.integer('pageSize') ?? sizeRange.def;
  return {
    pageNumber: Math.min(Math.max(pageNumber, 1), 100_000_000),
    pageSize: Math.min(Math.max(pageSize, sizeRange.min), sizeRange.max),
  };
};

export const parseListInstances = (query: Record<string, string>): ListInstancesQuery => {
  const r = Reader.query(query);
  const page = clampPage(r);
  const seriesCodes = r.csv('seriesCodes');
  for (const s of seriesCodes ?? []) {
    if (!(SERIES_CODES as readonly string[]).includes(s)) throw invalid('seriesCodes', `The parameter seriesCodes has an unknown series ${s}.`);
  }
  const tagsJson = r.json('tags');
  let tags: Tag[] | undefined;
  if (tagsJson !== undefined) {
    if (!Array.isArray(tagsJson)) throw invalid('tags', 'The parameter tags must be a JSON array of {key, value}.');
    tags = checkTagList(tagsJson, 'tags');
  }
  const filter = r.string('filter', { max: 256 });
  const resourceGroupId = r.string('resourceGroupId', { max: 64 });
  return {
    ...page,
    ...(filter ? { filter } : {}),
    ...(resourceGroupId ? { resourceGroupId } : {}),
    ...(seriesCodes?.length ? { seriesCodes: seriesCodes as SeriesCode[] } : {}),
    ...(tags?.length ? { tags } : {}),
  };
};

/** filter matches the instance id or name (substring); tags must all be present with equal values. */
export const instanceMatches = (i: Instance, q: ListInstancesQuery, spec: AlibabaSpecView): boolean => {
  const a = alibabaAttributesOf(i, spec);
  const name = instanceName(i);
  if (q.filter && !i.alibabaId.includes(q.filter) && !name.includes(q.filter)) return false;
  if (q.resourceGroupId && a.resourceGroupId !== q.resourceGroupId) return false;
  if (q.seriesCodes && !q.seriesCodes.includes(a.seriesCode)) return false;
  if (q.tags && !q.tags.every((t) => i.tags.some((x) => x.key === t.key && (t.value === '' || x.value === t.value)))) return false;
  return true;
};
