// Checks the shape of an access policy arriving through the admin API or read from the engine's file, so a bad one is
// refused as INVALID_METADATA instead of failing halfway through being applied.
import { GROUP_PERMS, TOPIC_PERMS, type AccessPolicy, type AclEntry, type BrokerUser } from '../../domain/access.js';
import { EngineError } from './errors.js';

type Obj = Record<string, unknown>;

const bad = (field: string, rule: string): EngineError => new EngineError('INVALID_METADATA', `access policy: ${field} must be ${rule}`);
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Obj, k: string, at: string): string => {
  if (typeof o[k] !== 'string') throw bad(at + k, 'a string');
  return o[k];
};
const bool = (o: Obj, k: string, at: string): boolean => {
  if (typeof o[k] !== 'boolean') throw bad(at + k, 'true or false');
  return o[k];
};
const list = (o: Obj, k: string, at: string): unknown[] => {
  if (!Array.isArray(o[k])) throw bad(at + k, 'a list');
  return o[k] as unknown[];
};
const oneOf = <T extends string>(v: unknown, values: readonly T[], field: string): T => {
  if (!values.includes(v as T)) throw bad(field, `one of ${values.join(', ')}`);
  return v as T;
};
const perms = <P extends string>(v: unknown[], values: readonly P[], at: string) =>
  v.map((p, n) => {
    if (!isObj(p)) throw bad(`${at}[${n}]`, 'an object');
    return { name: str(p, 'name', `${at}[${n}].`), perm: oneOf(p.perm, values, `${at}[${n}].perm`) };
  });

function userOf(u: unknown, at: string): BrokerUser {
  if (!isObj(u)) throw bad(at, 'an object');
  const p = `${at}.`;
  return {
    username: str(u, 'username', p),
    secretSealed: str(u, 'secretSealed', p),
    enabled: bool(u, 'enabled', p),
    admin: bool(u, 'admin', p),
    ...(u.whiteRemoteAddress === undefined ? {} : { whiteRemoteAddress: str(u, 'whiteRemoteAddress', p) }),
    ...(u.defaultTopicPerm === undefined ? {} : { defaultTopicPerm: oneOf(u.defaultTopicPerm, TOPIC_PERMS, `${p}defaultTopicPerm`) }),
    ...(u.defaultGroupPerm === undefined ? {} : { defaultGroupPerm: oneOf(u.defaultGroupPerm, GROUP_PERMS, `${p}defaultGroupPerm`) }),
    topicPerms: perms(list(u, 'topicPerms', p), TOPIC_PERMS, `${p}topicPerms`),
    groupPerms: perms(list(u, 'groupPerms', p), GROUP_PERMS, `${p}groupPerms`),
  };
}

function aclOf(a: unknown, at: string): AclEntry {
  if (!isObj(a)) throw bad(at, 'an object');
  const p = `${at}.`;
  const actions = list(a, 'actions', p).map((x, n) => oneOf(x, ['pub', 'sub'] as const, `${p}actions[${n}]`));
  const ipWhitelist = list(a, 'ipWhitelist', p).map((x, n) => {
    if (typeof x !== 'string') throw bad(`${p}ipWhitelist[${n}]`, 'a string');
    return x;
  });
  return {
    username: str(a, 'username', p),
    resourceType: oneOf(a.resourceType, ['topic', 'group'] as const, `${p}resourceType`),
    resourceName: str(a, 'resourceName', p),
    actions,
    decision: oneOf(a.decision, ['allow', 'deny'] as const, `${p}decision`),
    ipWhitelist,
  };
}

export function parseAccessPolicy(raw: unknown): AccessPolicy {
  if (!isObj(raw)) throw bad('(policy)', 'an object');
  return {
    enabled: bool(raw, 'enabled', ''),
    anonymousOnPrivate: bool(raw, 'anonymousOnPrivate', ''),
    users: list(raw, 'users', '').map((u, n) => userOf(u, `users[${n}]`)),
    acls: list(raw, 'acls', '').map((a, n) => aclOf(a, `acls[${n}]`)),
  };
}
