// Topic and group counts of an instance, for GetInstance/ListInstances and instanceQuotas.
import { DomainError } from '../../domain/errors.js';
import type { Instance } from '../../domain/instance.js';
import type { AlibabaContext } from './context.js';

export interface InstanceCounts {
  topics: number;
  groups: number;
}

// Counting lists the instance's topics and groups: a caller whose policy allows GetInstance but not the list
// actions sees 0 rather than a denied GetInstance; so does an instance whose broker is not serving yet.
const countOrZero = async (list: () => Promise<readonly unknown[]>): Promise<number> => {
  try {
    return (await list()).length;
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'Forbidden' || e.code === 'StateConflict')) return 0;
    throw e;
  }
};

export const countsOf = async (ctx: AlibabaContext, i: Instance): Promise<InstanceCounts> => ({
  topics: await countOrZero(() => ctx.deps.topics.list(ctx.caller, i.id)),
  groups: await countOrZero(() => ctx.deps.groups.list(ctx.caller, i.id)),
});
