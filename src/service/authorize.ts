// Authorisation of a caller's action on a resource, for both dialects. Actions are the policy names
// (rocketmq:CreateInstance, …) or neutral ones (instance:create); resources are named
// acs:rocketmq:{region}:{accountId}:Instance/{alibabaId}, the account being the caller's tenant.
import { DomainError } from '../domain/errors.js';
import { evaluatePolicies, parseStoredPolicy, policyActionName, resourceName, type PolicyDocument } from '../domain/policy.js';
import type { Caller } from './caller.js';

export interface ResourceRef {
  /** Alibaba-style instance id, used in resource names (acs:rocketmq:{region}:{account}:Instance/{id}). */
  instanceId?: string;
  region?: string;
  /** A topic, group, … inside the instance. */
  child?: { kind: 'Topic' | 'ConsumerGroup' | 'Account' | 'Acl' | 'IpWhitelist'; name: string };
}

export interface DeniedAccess {
  action: string;
  resource: string;
  reason: 'ExplicitDeny' | 'ImplicitDeny';
  principal: string;
}

/** A Forbidden DomainError that says what was denied (Alibaba answers it as accessDeniedDetail). */
export class AccessDeniedError extends DomainError {
  constructor(readonly denied: DeniedAccess) {
    super('Forbidden', `You are not authorized to do ${denied.action} on ${denied.resource} (${denied.reason}).`);
  }
}

// Parsed documents by the caller's policy object: a credential's policy is parsed once per resolve, not per check.
const parsed = new WeakMap<object, PolicyDocument[]>();

/** The caller's policy documents: one document, or an array of them, each in RAM JSON or as parsed. Undefined: none
 *  (full access). */
export const policiesOf = (policy: unknown): PolicyDocument[] => {
  if (policy === undefined || policy === null) return [];
  if (typeof policy === 'object') {
    const hit = parsed.get(policy);
    if (hit) return hit;
  }
  const list = Array.isArray(policy) ? policy : [policy];
  const docs = list.map((p) => parseStoredPolicy(p));
  if (typeof policy === 'object') parsed.set(policy, docs);
  return docs;
};

// The region of resource names: the caller's (dialects set it from HANGAR_REGION), else the environment's.
const regionOf = (caller: Caller, resource: ResourceRef): string =>
  resource.region ?? (caller as Caller & { region?: string }).region ?? (process.env['HANGAR_REGION'] || 'local');

/** Throws AccessDeniedError (Forbidden) when the caller's policies do not allow the action. */
export function authorize(caller: Caller, action: string, resource: ResourceRef = {}): void {
  if (caller.policy === undefined || caller.policy === null) return;
  const name = resourceName({ region: regionOf(caller, resource), accountId: caller.tenantId, instanceId: resource.instanceId, child: resource.child });
  let docs: PolicyDocument[];
  try {
    docs = policiesOf(caller.policy);
  } catch {
    // A stored policy that no longer parses grants nothing.
    throw new AccessDeniedError({ action: policyActionName(action), resource: name, reason: 'ImplicitDeny', principal: caller.accessKey });
  }
  const decision = evaluatePolicies(docs, action, name);
  if (!decision.allowed) {
    throw new AccessDeniedError({ action: decision.action, resource: decision.resource, reason: decision.reason, principal: caller.accessKey });
  }
}
