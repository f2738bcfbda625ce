// Tag filter expressions of RocketMQ: `*` (or empty) matches everything, `a||b` matches messages tagged a or b.
import { EngineError } from './errors.js';

export type TagFilter = (tag?: string) => boolean;

export const MATCH_ALL: TagFilter = () => true;

const cache = new Map<string, TagFilter>();

export const parseTagFilter = (expression: string | undefined): TagFilter => {
  const expr = (expression ?? '').trim();
  if (expr === '' || expr === '*') return MATCH_ALL;
  const hit = cache.get(expr);
  if (hit) return hit;
  const tags = expr.split('||').map((t) => t.trim()).filter((t) => t.length > 0);
  if (tags.length === 0) throw new EngineError('ILLEGAL_FILTER_EXPRESSION', `tag expression "${expr}" names no tag`);
  if (tags.includes('*')) return MATCH_ALL;
  const set = new Set(tags);
  const f: TagFilter = (tag) => tag !== undefined && set.has(tag);
  if (cache.size > 1000) cache.clear();
  cache.set(expr, f);
  return f;
};
