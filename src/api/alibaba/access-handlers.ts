// Instance accounts, ACLs and IP whitelists (Create/Get/List/Update/Delete) over the neutral access service.
import { invalid, missing } from '../../domain/errors.js';
import type { AclAction, AclResourceType, AclRule, InstanceAccessService } from '../../service/instance-access.js';
import type { ApiDeps } from '../deps.js';
import type { AlibabaContext, AlibabaHandler } from './context.js';
import { findAlibabaInstance } from './instance-handlers.js';
import { clampPage } from './list-instances.js';
import { isIpOrCidr, parseJsonBody, Reader } from './read.js';

const accessOf = (deps: ApiDeps): InstanceAccessService => deps.access;

const MASKED_PASSWORD = '********';
const PASSWORD = /^[\x21-\x7e]{1,128}$/;
const ACCOUNT_STATUSES = ['ENABLE', 'DISABLE'] as const;

const page = <T>(items: T[], q: Reader) => {
  const p = clampPage(q, { min: 1, max: 200, def: 10 });
  const start = (p.pageNumber - 1) * p.pageSize;
  return { pageNumber: p.pageNumber, pageSize: p.pageSize, totalCount: items.length, slice: items.slice(start, start + p.pageSize) };
};

const username = (ctx: AlibabaContext): string => {
  const u = ctx.params.username;
  if (!u) throw missing('username');
  return u;
};

// Accounts ----------------------------------------------------------------------------------------------------

const createAccount: AlibabaHandler = async (ctx) => {
  const r = new Reader(parseJsonBody(ctx.body));
  const user = r.string('username', { required: true, max: 64 })!;
  const password = r.string('password', { required: true, pattern: PASSWORD, patternText: '1-128 printable ASCII characters' })!;
  const remark = r.string('remark', { max: 128 });
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await accessOf(ctx.deps).createUser(ctx.caller, i.id, { username: user, password, ...(remark !== undefined ? { remark } : {}) });
  return true;
};

// Without a username: the instance's default account, the one place its password is read (as on the cloud).
const getAccount: AlibabaHandler = async (ctx) => {
  const user = Reader.query(ctx.query).string('username', { max: 64 });
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  if (user === undefined || user === accessOf(ctx.deps).defaultAccount(i).username) {
    const def = await accessOf(ctx.deps).readDefaultAccount(ctx.caller, i.id);
    return { username: def.username, password: def.password, accountStatus: 'ENABLE', remark: 'default account' };
  }
  const u = await accessOf(ctx.deps).getUser(ctx.caller, i.id, user);
  return { username: u.username, password: MASKED_PASSWORD, accountStatus: u.enabled ? 'ENABLE' : 'DISABLE', remark: u.remark };
};

const listAccounts: AlibabaHandler = async (ctx) => {
  const q = Reader.query(ctx.query);
  const status = q.enumOf('accountStatus', ACCOUNT_STATUSES);
  const type = q.enumOf('accountType', ['CUSTOMER', 'DEFAULT'] as const);
  const filter = q.string('username', { max: 64 });
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const def = accessOf(ctx.deps).defaultAccount(i);
  const all = [
    { username: def.username, enabled: true, remark: 'default account', accountType: 'DEFAULT' },
    ...(await accessOf(ctx.deps).listUsers(ctx.caller, i.id)).map((u) => ({ ...u, accountType: 'CUSTOMER' })),
  ];
  const users = all.filter(
    (u) =>
      (!type || type === u.accountType) &&
      (!status || (status === 'ENABLE') === u.enabled) &&
      (!filter || u.username.includes(filter)),
  );
  const p = page(users, q);
  return {
    pageNumber: p.pageNumber,
    pageSize: p.pageSize,
    totalCount: p.totalCount,
    list: p.slice.map((u) => ({
      username: u.username,
      accountStatus: u.enabled ? 'ENABLE' : 'DISABLE',
      accountType: u.accountType,
      instanceId: i.alibabaId,
      regionId: ctx.deps.config.region,
      remark: u.remark,
    })),
  };
};

// UpdateInstanceAccount carries its fields in the query string.
const updateAccount: AlibabaHandler = async (ctx) => {
  const q = Reader.query(ctx.query);
  const status = q.enumOf('accountStatus', ACCOUNT_STATUSES);
  const password = q.string('password', { pattern: PASSWORD, patternText: '1-128 printable ASCII characters' });
  const remark = q.string('remark', { max: 128 });
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await accessOf(ctx.deps).updateUser(ctx.caller, i.id, username(ctx), {
    ...(status !== undefined ? { enabled: status === 'ENABLE' } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(remark !== undefined ? { remark } : {}),
  });
  return true;
};

const deleteAccount: AlibabaHandler = async (ctx) => {
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await accessOf(ctx.deps).deleteUser(ctx.caller, i.id, username(ctx));
  return true;
};

// ACLs --------------------------------------------------------------------------------------------------------

const RESOURCE_TYPES = ['Topic', 'Group'] as const;
const ACL_ACTIONS = ['Pub', 'Sub', 'Pub|Sub'] as const;
const DECISIONS = ['Allow', 'Deny'] as const;

const resourceTypeOf = (t: (typeof RESOURCE_TYPES)[number]): AclResourceType => (t === 'Topic' ? 'topic' : 'group');

const aclTarget = (r: Reader) => {
  const resourceType = r.enumOf('resourceType', RESOURCE_TYPES, { required: true })!;
  const resourceName = r.string('resourceName', { required: true, max: 128 })!;
  return { type: resourceTypeOf(resourceType), name: resourceName };
};

const ipList = (r: Reader, key: string, required = false): string[] | undefined =>
  r.stringArray(key, {
    required,
    max: 100,
    item: (s, f) => {
      if (!isIpOrCidr(s)) throw invalid(f, `The parameter ${f} must be an IP address or CIDR block.`);
    },
  });

const aclActions = (r: Reader, required: boolean): { neutral: AclAction[]; wire: string[] } | undefined => {
  const wire = r.stringArray('actions', {
    required,
    max: 3,
    item: (s, f) => {
      if (!(ACL_ACTIONS as readonly string[]).includes(s)) throw invalid(f, `The parameter ${f} must be one of ${ACL_ACTIONS.join(', ')}.`);
    },
  });
  if (wire === undefined) return undefined;
  if (wire.length === 0) throw invalid('actions', 'The parameter actions must name at least one action.');
  const neutral = [...new Set(wire.flatMap((a) => a.split('|').map((x) => x.toLowerCase() as AclAction)))];
  return { neutral, wire: [...new Set(wire)] };
};

const aclView = (rule: AclRule, instanceId: string, region: string, aclType: string) => ({
  username: rule.username,
  instanceId,
  regionId: region,
  resourceType: rule.resourceType === 'topic' ? 'Topic' : 'Group',
  resourceName: rule.resourceName,
  actions: ((rule.attributes?.['alibabaActions'] as string[] | undefined) ?? rule.actions.map((a) => (a === 'pub' ? 'Pub' : 'Sub'))).slice(),
  decision: rule.decision === 'allow' ? 'Allow' : 'Deny',
  ipWhitelists: [...rule.ipWhitelist],
  aclType,
});

const createAcl: AlibabaHandler = async (ctx) => {
  const r = new Reader(parseJsonBody(ctx.body));
  const target = aclTarget(r);
  const actions = aclActions(r, true)!;
  const decision = r.enumOf('decision', DECISIONS, { required: true })!;
  const ips = ipList(r, 'ipWhitelists') ?? [];
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await accessOf(ctx.deps).createAcl(ctx.caller, i.id, {
    username: username(ctx),
    resourceType: target.type,
    resourceName: target.name,
    actions: actions.neutral,
    decision: decision === 'Allow' ? 'allow' : 'deny',
    ipWhitelist: [...new Set(ips)],
    attributes: { alibabaActions: actions.wire },
  });
  return true;
};

const getAcl: AlibabaHandler = async (ctx) => {
  const target = aclTarget(Reader.query(ctx.query));
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const rule = await accessOf(ctx.deps).getAcl(ctx.caller, i.id, username(ctx), target.type, target.name);
  return aclView(rule, i.alibabaId, ctx.deps.config.region, 'apache_acl');
};

const listAcls: AlibabaHandler = async (ctx) => {
  const q = Reader.query(ctx.query);
  const filter = q.string('filter', { max: 256 });
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const rules = (await accessOf(ctx.deps).listAcls(ctx.caller, i.id)).filter(
    (a) => !filter || a.username.includes(filter) || a.resourceName.includes(filter),
  );
  const p = page(rules, q);
  return {
    pageNumber: p.pageNumber,
    pageSize: p.pageSize,
    totalCount: p.totalCount,
    list: p.slice.map((a) => aclView(a, i.alibabaId, ctx.deps.config.region, 'APACHE')),
  };
};

const updateAcl: AlibabaHandler = async (ctx) => {
  const r = new Reader(parseJsonBody(ctx.body));
  const target = aclTarget(r);
  const actions = aclActions(r, false);
  const decision = r.enumOf('decision', DECISIONS);
  const ips = ipList(r, 'ipWhitelists');
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await accessOf(ctx.deps).updateAcl(ctx.caller, i.id, username(ctx), target.type, target.name, {
    ...(actions ? { actions: actions.neutral, attributes: { alibabaActions: actions.wire } } : {}),
    ...(decision ? { decision: decision === 'Allow' ? ('allow' as const) : ('deny' as const) } : {}),
    ...(ips ? { ipWhitelist: [...new Set(ips)] } : {}),
  });
  return true;
};

const deleteAcl: AlibabaHandler = async (ctx) => {
  const target = aclTarget(Reader.query(ctx.query));
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await accessOf(ctx.deps).deleteAcl(ctx.caller, i.id, username(ctx), target.type, target.name);
  return true;
};

// IP whitelists -----------------------------------------------------------------------------------------------

const checkIps = (list: string[], field: string): string[] => {
  list.forEach((s, n) => {
    if (!isIpOrCidr(s)) throw invalid(`${field}[${n}]`, `The parameter ${field}[${n}] must be an IP address or CIDR block.`);
  });
  return list;
};

const createWhitelist: AlibabaHandler = async (ctx) => {
  const ips = ipList(new Reader(parseJsonBody(ctx.body)), 'ipWhitelists', true)!;
  if (ips.length === 0) throw missing('ipWhitelists');
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await accessOf(ctx.deps).addWhitelist(ctx.caller, i.id, ips);
  return true;
};

const getWhitelist: AlibabaHandler = async (ctx) => {
  const wanted = Reader.query(ctx.query).csv('ipWhitelists');
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const all = (await accessOf(ctx.deps).listWhitelist(ctx.caller, i.id, 'rocketmq:GetInstanceIpWhitelist')).map((e) => e.cidr);
  return {
    instanceId: i.alibabaId,
    regionId: ctx.deps.config.region,
    ipWhitelists: wanted?.length ? all.filter((c) => wanted.includes(c)) : all,
  };
};

const listWhitelist: AlibabaHandler = async (ctx) => {
  const q = Reader.query(ctx.query);
  const filter = q.string('ipWhitelist', { max: 64 });
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const all = (await accessOf(ctx.deps).listWhitelist(ctx.caller, i.id))
    .map((e) => e.cidr)
    .filter((c) => !filter || c.includes(filter));
  const p = page(all, q);
  return { pageNumber: p.pageNumber, pageSize: p.pageSize, totalCount: p.totalCount, list: p.slice };
};

const deleteWhitelist: AlibabaHandler = async (ctx) => {
  const q = Reader.query(ctx.query);
  const list = [...(q.csv('ipWhitelists') ?? []), ...(q.has('ipWhitelist') ? [q.string('ipWhitelist')!] : [])];
  if (list.length === 0) throw missing('ipWhitelists');
  checkIps(list, 'ipWhitelists');
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await accessOf(ctx.deps).removeWhitelist(ctx.caller, i.id, [...new Set(list)]);
  return true;
};

export const accessHandlers: Record<string, AlibabaHandler> = {
  CreateInstanceAccount: createAccount,
  GetInstanceAccount: getAccount,
  ListInstanceAccount: listAccounts,
  UpdateInstanceAccount: updateAccount,
  DeleteInstanceAccount: deleteAccount,
  CreateInstanceAcl: createAcl,
  GetInstanceAcl: getAcl,
  ListInstanceAcl: listAcls,
  UpdateInstanceAcl: updateAcl,
  DeleteInstanceAcl: deleteAcl,
  CreateInstanceIpWhitelist: createWhitelist,
  GetInstanceIpWhitelist: getWhitelist,
  ListInstanceIpWhitelist: listWhitelist,
  DeleteInstanceIpWhitelist: deleteWhitelist,
};
