// Alibaba's path rules on the shared template router: ROA paths are matched raw and their parameters percent-decoded
// after matching, so a name holding `/` (sent as %2F) stays one segment; empty segments are ignored.
import { TemplateRouter, type PathRules, type RouteMatch } from '../http/router.js';

export type { RouteMatch } from '../http/router.js';

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export const ALIBABA_PATH_RULES: PathRules = { decode, collapseSlashes: true };

/** The template router with Alibaba's path rules; Alibaba answers a wrong method like an unknown path. */
export class AlibabaRouter<H> {
  private readonly router = new TemplateRouter<H>(ALIBABA_PATH_RULES);

  add(method: string, template: string, handler: H): this {
    this.router.add(method, template, handler);
    return this;
  }

  /** Matches the raw path (no query). Literal segments win over parameters at equal length. */
  match(method: string, rawPath: string): RouteMatch<H> | undefined {
    return this.router.match(method, rawPath).found;
  }
}
