// A template router on the raw request path, shared by both dialects. Templates look like
// '/v2/{project_id}/instances/{instance_id}'; a path is only compared with the templates of its own segment count, and
// among the templates it matches the one with most literal segments wins (the first added on a tie). Segments are
// matched as they arrive — never percent-decoded before matching — so an encoded '/' stays inside its segment; each
// dialect says how a matched segment becomes a parameter value and which segments a parameter accepts. A dot segment
// ('.' or '..') binds no parameter in either dialect: `…/instances/../instances` is no operation, not an instance id.

export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
}

export interface RouteLookup<H> {
  found?: RouteMatch<H>;
  /** The path matched a template of another method only: 405-like rather than 404-like. */
  methodMismatch: boolean;
}

export interface PathRules {
  /** Turns a raw matched segment into the parameter's value. Default: the segment verbatim. */
  decode?: (raw: string) => string;
  /** Whether the raw segment `raw` may bind parameter `name`. Default: any non-empty segment. */
  accepts?: (name: string, raw: string) => boolean;
  /**
   * Drop every empty segment ('//', a trailing '/') before matching. Default false: only one trailing '/' is dropped and
   * an empty segment binds no parameter.
   */
  collapseSlashes?: boolean;
}

interface Entry<H> {
  method: string;
  /** Per segment of the template: the literal it must equal, or (null) a parameter. */
  literals: (string | null)[];
  /** Per segment: the parameter it binds, or null for a literal. */
  params: (string | null)[];
  literalCount: number;
  handler: H;
}

const nonEmpty = (_name: string, raw: string): boolean => raw !== '';
const verbatim = (raw: string): string => raw;

export class TemplateRouter<H> {
  // Entries by number of segments: a path is only compared with templates of its length.
  private readonly byLength = new Map<number, Entry<H>[]>();
  private readonly decode: (raw: string) => string;
  private readonly accepts: (name: string, raw: string) => boolean;
  private readonly collapse: boolean;

  constructor(rules: PathRules = {}) {
    this.decode = rules.decode ?? verbatim;
    this.accepts = rules.accepts ?? nonEmpty;
    this.collapse = rules.collapseSlashes ?? false;
  }

  add(method: string, template: string, handler: H): this {
    const parts = this.segmentsOf(template);
    const params = parts.map((t) => (t.startsWith('{') && t.endsWith('}') ? t.slice(1, -1) : null));
    const entry: Entry<H> = {
      method,
      literals: parts.map((t, i) => (params[i] === null ? t : null)),
      params,
      literalCount: params.filter((p) => p === null).length,
      handler,
    };
    const list = this.byLength.get(parts.length);
    if (list) list.push(entry);
    else this.byLength.set(parts.length, [entry]);
    return this;
  }

  /** The route for `method` on the raw path (no query string), or why there is none. */
  match(method: string, rawPath: string): RouteLookup<H> {
    const segs = this.segmentsOf(rawPath);
    let best: Entry<H> | undefined;
    let methodMismatch = false;
    for (const e of this.byLength.get(segs.length) ?? []) {
      if (!this.matches(e, segs)) continue;
      if (e.method !== method) {
        methodMismatch = true;
        continue;
      }
      if (!best || e.literalCount > best.literalCount) best = e;
    }
    if (!best) return { methodMismatch };
    const params: Record<string, string> = {};
    for (let i = 0; i < segs.length; i++) {
      const name = best.params[i];
      if (name !== null && name !== undefined) params[name] = this.decode(segs[i]!);
    }
    return { found: { handler: best.handler, params }, methodMismatch: false };
  }

  private segmentsOf(path: string): string[] {
    const segs = path.split('/');
    if (this.collapse) return segs.filter((s) => s !== '');
    segs.shift(); // before the leading '/'
    if (segs.length > 1 && segs[segs.length - 1] === '') segs.pop();
    return segs;
  }

  private matches(e: Entry<H>, segs: string[]): boolean {
    for (let i = 0; i < segs.length; i++) {
      const literal = e.literals[i];
      const s = segs[i]!;
      if (literal !== null) {
        if (literal !== s) return false;
      } else if (s === '.' || s === '..' || !this.accepts(e.params[i]!, s)) return false;
    }
    return true;
  }
}
