// RAM-style access policies attached to a credential, and their evaluation.
// A policy document: {"Version":"1","Statement":[{"Effect":"Allow"|"Deny","Action":…,"Resource":…}]}.
// Actions are spelled `rocketmq:CreateInstance`; resources `acs:rocketmq:{region}:{accountId}:Instance/{instanceId}`
// (topics and groups below their instance). `*` and `?` are wildcards. An explicit Deny wins over any Allow;
// with policies attached, what no Allow grants is denied. A credential without policies has full access.
import { DomainError } from './errors.js';

export type PolicyEffect = 'Allow' | 'Deny';

export interface PolicyStatement {
  effect: PolicyEffect;
  actions: string[];
  resources: string[];
}

export interface PolicyDocument {
  version: string;
  statements: PolicyStatement[];
}

/** Neutral operations the service layer authorises; each has one policy action name. */
export const POLICY_ACTIONS = {
  'instance:create': 'rocketmq:CreateInstance',
  'instance:get': 'rocketmq:GetInstance',
  'instance:list': 'rocketmq:ListInstances',
  'instance:update': 'rocketmq:UpdateInstance',
  'instance:delete': 'rocketmq:DeleteInstance',
  'instance:restart': 'rocketmq:RestartInstance',
  'topic:create': 'rocketmq:CreateTopic',
  'topic:get': 'rocketmq:GetTopic',
  'topic:list': 'rocketmq:ListTopics',
  'topic:update': 'rocketmq:UpdateTopic',
  'topic:delete': 'rocketmq:DeleteTopic',
  'group:create': 'rocketmq:CreateConsumerGroup',
  'group:get': 'rocketmq:GetConsumerGroup',
  'group:list': 'rocketmq:ListConsumerGroups',
  'group:update': 'rocketmq:UpdateConsumerGroup',
  'group:delete': 'rocketmq:DeleteConsumerGroup',
  'subscription:list': 'rocketmq:ListConsumerGroupSubscriptions',
  'subscription:get': 'rocketmq:GetConsumerGroupSubscription',
  'subscription:delete': 'rocketmq:DeleteConsumerGroupSubscription',
  'user:create': 'rocketmq:CreateInstanceAccount',
  'user:get': 'rocketmq:GetInstanceAccount',
  'user:list': 'rocketmq:ListInstanceAccount',
  'user:update': 'rocketmq:UpdateInstanceAccount',
  'user:delete': 'rocketmq:DeleteInstanceAccount',
  'acl:create': 'rocketmq:CreateInstanceAcl',
  'acl:get': 'rocketmq:GetInstanceAcl',
  'acl:list': 'rocketmq:ListInstanceAcl',
  'acl:update': 'rocketmq:UpdateInstanceAcl',
  'acl:delete': 'rocketmq:DeleteInstanceAcl',
  'whitelist:create': 'rocketmq:CreateInstanceIpWhitelist',
  'whitelist:get': 'rocketmq:GetInstanceIpWhitelist',
  'whitelist:list': 'rocketmq:ListInstanceIpWhitelist',
  'whitelist:delete': 'rocketmq:DeleteInstanceIpWhitelist',
  'tag:create': 'rocketmq:TagResources',
  'tag:delete': 'rocketmq:UntagResources',
  'tag:list': 'rocketmq:ListTagResources',
  'resourcegroup:change': 'rocketmq:ChangeResourceGroup',
  'message:send': 'rocketmq:VerifySendMessage',
  'message:list': 'rocketmq:ListMessages',
} as const;

export type NeutralAction = keyof typeof POLICY_ACTIONS;

/** The policy action name of a neutral action; an already spelled `service:Action` passes through. */
export const policyActionName = (action: string): string =>
  (POLICY_ACTIONS as Record<string, string>)[action] ?? action;

/** What a resource name is built from: the tenant's account in a region, optionally an instance and a child. */
export interface PolicyResource {
  region: string;
  accountId: string;
  /** The instance id as policies name it (the rmq-cn-… id); omitted for account-wide actions. */
  instanceId?: string;
  child?: { kind: 'Topic' | 'ConsumerGroup' | 'Account' | 'Acl' | 'IpWhitelist'; name: string };
}

export const resourceName = (r: PolicyResource): string => {
  const base = `acs:rocketmq:${r.region}:${r.accountId}:Instance/${r.instanceId ?? '*'}`;
  return r.child ? `${base}/${r.child.kind}/${r.child.name}` : base;
};

const invalidPolicy = (message: string): DomainError =>
  new DomainError('InvalidParameter', `Invalid policy document: ${message}`, { field: 'PolicyDocument', resource: 'credential' });

const stringList = (value: unknown, where: string): string[] => {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && s.length > 0)) {
    throw invalidPolicy(`${where} must be a non-empty string or array of non-empty strings.`);
  }
  return list as string[];
};

const ACTION_SHAPE = /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+)$/;

/** Parses and validates a RAM-style policy document. Throws InvalidParameter naming what is wrong. */
export const parsePolicyDocument = (json: string): PolicyDocument => {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw invalidPolicy(`not JSON (${(e as Error).message}).`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw invalidPolicy('the document must be a JSON object.');
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (key !== 'Version' && key !== 'Statement') throw invalidPolicy(`unknown element ${key}.`);
  }
  const version = d['Version'] === undefined ? '1' : d['Version'];
  if (version !== '1') throw invalidPolicy('Version must be "1".');
  const raw = d['Statement'];
  const list = Array.isArray(raw) ? raw : raw !== undefined && typeof raw === 'object' && raw !== null ? [raw] : undefined;
  if (!list || list.length === 0) throw invalidPolicy('Statement must be a non-empty array.');
  const statements = list.map((s: unknown, i): PolicyStatement => {
    const where = `Statement[${i}]`;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw invalidPolicy(`${where} must be an object.`);
    const st = s as Record<string, unknown>;
    for (const key of Object.keys(st)) {
      // Conditions and Not* elements are refused rather than ignored: ignoring them would change what is granted.
      if (key !== 'Effect' && key !== 'Action' && key !== 'Resource') throw invalidPolicy(`${where}.${key} is not supported.`);
    }
    const effect = st['Effect'];
    if (effect !== 'Allow' && effect !== 'Deny') throw invalidPolicy(`${where}.Effect must be Allow or Deny.`);
    const actions = stringList(st['Action'], `${where}.Action`);
    for (const a of actions) {
      if (!ACTION_SHAPE.test(a)) throw invalidPolicy(`${where}.Action ${a} must look like rocketmq:CreateInstance.`);
    }
    const resources = stringList(st['Resource'] ?? '*', `${where}.Resource`);
    return { effect, actions, resources };
  });
  return { version: '1', statements };
};

/** The RAM-style JSON of a parsed document ({"Version","Statement":[{"Effect","Action","Resource"}]}). */
export const toRamPolicy = (doc: PolicyDocument): { Version: string; Statement: Array<{ Effect: PolicyEffect; Action: string[]; Resource: string[] }> } => ({
  Version: doc.version,
  Statement: doc.statements.map((s) => ({ Effect: s.effect, Action: [...s.actions], Resource: [...s.resources] })),
});

/** A stored policy in either spelling: the RAM JSON a user wrote, or a PolicyDocument as parsed (and stringified). */
export const parseStoredPolicy = (value: unknown): PolicyDocument => {
  if (typeof value === 'string') return parseStoredPolicy(parseJson(value));
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'statements' in value) {
    const d = value as { version?: unknown; statements?: unknown };
    if (!Array.isArray(d.statements) || !d.statements.every((s) => typeof s === 'object' && s !== null)) {
      throw invalidPolicy('statements must be an array of statements.');
    }
    const statements = d.statements as Array<Record<string, unknown>>;
    return parsePolicyDocument(
      JSON.stringify({ Version: d.version, Statement: statements.map((s) => ({ Effect: s['effect'], Action: s['actions'], Resource: s['resources'] })) }),
    );
  }
  return parsePolicyDocument(JSON.stringify(value));
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalidPolicy(`not JSON (${(e as Error).message}).`);
  }
};

const globCache = new Map<string, RegExp>();

/** `*` matches any run of characters, `?` exactly one; everything else literally. */
export const globMatches = (pattern: string, value: string, ignoreCase = false): boolean => {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = globCache.get(key);
  if (!re) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (globCache.size > 1000) globCache.clear();
    globCache.set(key, re);
  }
  return re.test(value);
};

export type PolicyDecision =
  | { allowed: true }
  | { allowed: false; reason: 'ExplicitDeny' | 'ImplicitDeny'; action: string; resource: string };

const statementApplies = (s: PolicyStatement, action: string, resource: string): boolean =>
  s.actions.some((a) => globMatches(a, action, true)) && s.resources.some((r) => globMatches(r, resource));

/** Evaluates the credential's policies for one action on one resource. No policies: allowed. */
export const evaluatePolicies = (policies: readonly PolicyDocument[], action: string, resource: string): PolicyDecision => {
  if (policies.length === 0) return { allowed: true };
  const name = policyActionName(action);
  const statements = policies.flatMap((p) => p.statements);
  if (statements.some((s) => s.effect === 'Deny' && statementApplies(s, name, resource))) {
    return { allowed: false, reason: 'ExplicitDeny', action: name, resource };
  }
  if (statements.some((s) => s.effect === 'Allow' && statementApplies(s, name, resource))) return { allowed: true };
  return { allowed: false, reason: 'ImplicitDeny', action: name, resource };
};
