// Routes Alibaba ROA requests on method + raw path template. Path segments are percent-decoded after matching,
// so a name holding `/` (encoded as %2F) stays one segment.
export interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export class AlibabaRouter<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, template: string, handler: H): void {
    this.routes.push({ method, segments: template.split('/').filter((s) => s !== ''), handler });
  }

  /** Matches the raw path (no query). Literal segments win over parameters at equal length. */
  match(method: string, rawPath: string): RouteMatch<H> | undefined {
    const parts = rawPath.split('/').filter((s) => s !== '');
    let best: { route: Route<H>; literals: number } | undefined;
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      let literals = 0;
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i]!;
        if (seg.startsWith('{')) continue;
        if (seg !== parts[i]) {
          ok = false;
          break;
        }
        literals++;
      }
      if (ok && (!best || literals > best.literals)) best = { route, literals };
    }
    if (!best) return undefined;
    const params: Record<string, string> = {};
    best.route.segments.forEach((seg, i) => {
      if (seg.startsWith('{')) params[seg.slice(1, -1)] = decode(parts[i]!);
    });
    return { handler: best.route.handler, params };
  }

  /** Whether any route has this path under another method. */
  pathExists(rawPath: string): boolean {
    return ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'].some((m) => this.match(m, rawPath) !== undefined);
  }
}
