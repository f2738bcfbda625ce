// Huawei's path rules on the shared template router. Huawei's SDK sends path parameters unencoded ('a|b%c'), so segments
// are taken verbatim (only %20 becomes a space) and never run through decodeURIComponent; `{engine}` only binds
// rocketmq or reliability.
import { TemplateRouter, type PathRules } from '../http/router.js';

export type { RouteLookup, RouteMatch } from '../http/router.js';

export const ENGINES = new Set(['rocketmq', 'reliability']);

export const HUAWEI_PATH_RULES: PathRules = {
  decode: (raw) => raw.replace(/%20/g, ' '),
  accepts: (name, raw) => raw !== '' && (name !== 'engine' || ENGINES.has(raw)),
};

/** The template router with Huawei's path rules; `match` tells a wrong method (methodMismatch) from an unknown path. */
export class RawRouter<H> extends TemplateRouter<H> {
  constructor() {
    super(HUAWEI_PATH_RULES);
  }
}
