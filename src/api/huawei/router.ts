// Routing on the raw request-target. Huawei's SDK sends path parameters unencoded ('a|b%c'), so segments are taken
// verbatim (only %20 becomes a space) and never run through decodeURIComponent.

export const ENGINES = new Set(['rocketmq', 'reliability']);

export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
}

interface Entry<H> {
  method: string;
  segments: string[];
  handler: H;
}

export class RawRouter<H> {
  private readonly entries: Entry<H>[] = [];

  /** Template like '/v2/{project_id}/instances/{instance_id}'. `{engine}` only matches rocketmq or reliability. */
  add(method: string, template: string, handler: H): this {
    this.entries.push({ method, segments: template.split('/').slice(1), handler });
    return this;
  }

  /** Finds a route; among several, the one with most literal segments wins. `methodMismatch` tells 405 from 404. */
  match(method: string, rawPath: string): { found?: RouteMatch<H>; methodMismatch: boolean } {
    const segs = rawPath.split('/').slice(1);
    if (segs.length > 1 && segs[segs.length - 1] === '') segs.pop();
    let best: { m: RouteMatch<H>; literals: number } | undefined;
    let methodMismatch = false;
    for (const e of this.entries) {
      if (e.segments.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      for (let i = 0; i < segs.length && ok; i++) {
        const t = e.segments[i]!;
        const s = segs[i]!;
        if (t.startsWith('{')) {
          const name = t.slice(1, -1);
          if (s === '' || (name === 'engine' && !ENGINES.has(s))) ok = false;
          else params[name] = s.replace(/%20/g, ' ');
        } else if (t === s) literals++;
        else ok = false;
      }
      if (!ok) continue;
      if (e.method !== method) {
        methodMismatch = true;
        continue;
      }
      if (!best || literals > best.literals) best = { m: { handler: e.handler, params }, literals };
    }
    return { found: best?.m, methodMismatch: !best && methodMismatch };
  }
}
