// Routing on the raw request-target. Huawei's SDK sends path parameters unencoded ('a|b%c'), so segments are taken
// verbatim (only %20 becomes a space) and never run through decodeURIComponent.

export const ENGINES = new Set(['rocketmq', 'reliability']);

export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
}

interface Entry<H> {
  method: string;
  /** Per segment of the template: the literal it must equal, or the name of the parameter it binds. */
  segments: { literal?: string; param?: string }[];
  literals: number;
  handler: H;
}

export class RawRouter<H> {
  // Entries by number of segments: a path is only compared with templates of its length.
  private readonly byLength = new Map<number, Entry<H>[]>();

  /** Template like '/v2/{project_id}/instances/{instance_id}'. `{engine}` only matches rocketmq or reliability. */
  add(method: string, template: string, handler: H): this {
    const segments = template
      .split('/')
      .slice(1)
      .map((t) => (t.startsWith('{') ? { param: t.slice(1, -1) } : { literal: t }));
    const entry: Entry<H> = { method, segments, literals: segments.filter((t) => t.literal !== undefined).length, handler };
    const list = this.byLength.get(segments.length);
    if (list) list.push(entry);
    else this.byLength.set(segments.length, [entry]);
    return this;
  }

  /** Finds a route; among several, the one with most literal segments wins. `methodMismatch` tells 405 from 404. */
  match(method: string, rawPath: string): { found?: RouteMatch<H>; methodMismatch: boolean } {
    const segs = rawPath.split('/').slice(1);
    if (segs.length > 1 && segs[segs.length - 1] === '') segs.pop();
    let best: Entry<H> | undefined;
    let methodMismatch = false;
    for (const e of this.byLength.get(segs.length) ?? []) {
      if (!matches(e, segs)) continue;
      if (e.method !== method) {
        methodMismatch = true;
        continue;
      }
      if (!best || e.literals > best.literals) best = e;
    }
    if (!best) return { methodMismatch };
    const params: Record<string, string> = {};
    for (let i = 0; i < segs.length; i++) {
      const name = best.segments[i]!.param;
      if (name !== undefined) params[name] = segs[i]!.replace(/%20/g, ' ');
    }
    return { found: { handler: best.handler, params }, methodMismatch: false };
  }
}

function matches<H>(e: Entry<H>, segs: string[]): boolean {
  for (let i = 0; i < segs.length; i++) {
    const t = e.segments[i]!;
    const s = segs[i]!;
    if (t.literal !== undefined) {
      if (t.literal !== s) return false;
    } else if (s === '' || (t.param === 'engine' && !ENGINES.has(s))) return false;
  }
  return true;
}
