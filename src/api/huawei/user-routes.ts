// Huawei users (access key, secret, admin, default and per-resource permissions, white_remote_address) and the access
// policies of a topic or group, over the neutral access service. The brokers enforce them (reference §3.6).
import { addressPattern } from '../../domain/address-match.js';
import { GROUP_PERMS, TOPIC_PERMS, type GroupPerm, type TopicPerm } from '../../domain/access.js';
import { invalid } from '../../domain/errors.js';
import type { Instance } from '../../domain/instance.js';
import type { Caller } from '../../service/caller.js';
import type { InstanceUser, UserPermissions } from '../../service/instance-access.js';
import type { ApiDeps } from '../deps.js';
import type { FieldReader } from '../http/fields.js';
import { page, paged, parseJsonObjectBody, read } from './body.js';
import type { HuaweiOperation, HuaweiRequest, HuaweiResponse } from './operation.js';
import type { RawRouter } from './router.js';

const op = (name: string, run: (r: HuaweiRequest) => Promise<HuaweiResponse>): HuaweiOperation => ({ name, run });

const ACCESS_KEY = /^[A-Za-z0-9_-]{7,64}$/;
const SECRET_KEY = /^[\x21-\x7e]{8,64}$/;
const MAX_PERMS = 1000;

/** Users exist only on an instance with access control on (Huawei's rule). */
async function aclInstance(deps: ApiDeps, caller: Caller, id: string): Promise<Instance> {
  const i = await deps.instances.get(caller, id);
  if (!i.options.enableAcl) throw invalid('enable_acl', 'Access control is off on this instance (enable_acl is false): turn it on to manage users.');
  return i;
}

function resourcePerms<P extends string>(b: FieldReader, key: string, values: readonly P[]): { name: string; perm: P }[] | undefined {
  const items = b.objectArray(key, { max: MAX_PERMS });
  return items?.map((p) => ({ name: p.string('name', { required: true, min: 1, max: 128 })!, perm: p.enumOf('perm', values, { required: true })! }));
}

/** The permission fields of a User body; only those present (an update keeps the others). */
function permissionFields(b: FieldReader): Partial<UserPermissions> {
  const out: Partial<UserPermissions> = {};
  const admin = b.boolean('admin');
  if (admin !== undefined) out.admin = admin;
  const white = b.string('white_remote_address', { max: 512 });
  if (white !== undefined) {
    if (white !== '' && !addressPattern(white)) throw invalid('white_remote_address', 'The parameter white_remote_address must be an IP address, CIDR block, or an ACL pattern such as 192.168.1.* or 192.168.0.1-10.');
    out.whiteRemoteAddress = white;
  }
  const defaultTopicPerm = b.enumOf('default_topic_perm', TOPIC_PERMS);
  if (defaultTopicPerm !== undefined) out.defaultTopicPerm = defaultTopicPerm;
  const defaultGroupPerm = b.enumOf('default_group_perm', GROUP_PERMS);
  if (defaultGroupPerm !== undefined) out.defaultGroupPerm = defaultGroupPerm;
  const topicPerms = resourcePerms(b, 'topic_perms', TOPIC_PERMS);
  if (topicPerms) out.topicPerms = topicPerms;
  const groupPerms = resourcePerms(b, 'group_perms', GROUP_PERMS);
  if (groupPerms) out.groupPerms = groupPerms;
  return out;
}

/** The User model as Huawei answers it; the secret only in createUser's answer. */
function userView(u: InstanceUser, secret?: string): Record<string, unknown> {
  return {
    access_key: u.username,
    ...(secret !== undefined ? { secret_key: secret } : {}),
    white_remote_address: u.whiteRemoteAddress ?? '',
    admin: u.admin,
    default_topic_perm: u.defaultTopicPerm ?? 'DENY',
    default_group_perm: u.defaultGroupPerm ?? 'DENY',
    topic_perms: u.topicPerms,
    group_perms: u.groupPerms,
  };
}

/** A user's effective permission word on one topic or group (admins: everything). */
function permOn(u: InstanceUser, kind: 'topic' | 'group', name: string): TopicPerm | GroupPerm {
  if (kind === 'topic') {
    if (u.admin) return 'PUB|SUB';
    return u.topicPerms.find((p) => p.name === name)?.perm ?? u.defaultTopicPerm ?? 'DENY';
  }
  if (u.admin) return 'SUB';
  return u.groupPerms.find((p) => p.name === name)?.perm ?? u.defaultGroupPerm ?? 'DENY';
}


/** ListTopicAccessPolicy / ListConsumeGroupAccessPolicy: the users that may use the resource, with their permission. */
const accessPolicy =
  (kind: 'topic' | 'group') =>
  async ({ caller, params, query, deps }: HuaweiRequest): Promise<HuaweiResponse> => {
    const name = params[kind]!;
    const i = await aclInstance(deps, caller, params.instance_id!);
    if (kind === 'topic') await deps.topics.get(caller, i.id, name);
    else await deps.groups.get(caller, i.id, name);
    const policies = (await deps.access.listUsers(caller, i.id))
      .map((u) => ({ u, perm: permOn(u, kind, name) }))
      .filter((x) => x.perm !== 'DENY')
      .map(({ u, perm }) => ({ access_key: u.username, white_remote_address: u.whiteRemoteAddress ?? '', admin: u.admin, perm }));
    const { slice } = paged(policies, page(query));
    return { status: 200, body: { policies: slice, total: policies.length, name } };
  };

export function userRoutes(r: RawRouter<HuaweiOperation>): void {
  const base = '/v2/{project_id}/instances/{instance_id}/users';

  r.add(
    'POST',
    base,
    op('CreateUser', async ({ caller, params, body, deps }) => {
      const b = read(parseJsonObjectBody(body));
      const i = await aclInstance(deps, caller, params.instance_id!);
      const accessKey = b.string('access_key', { required: true, pattern: ACCESS_KEY, patternText: '7-64 letters, digits, _ or -' })!;
      const secretKey = b.string('secret_key', { required: true, pattern: SECRET_KEY, patternText: '8-64 printable ASCII characters' })!;
      const perms = permissionFields(b);
      const u = await deps.access.createUser(caller, i.id, {
        username: accessKey,
        password: secretKey,
        permissions: { admin: false, topicPerms: [], groupPerms: [], ...perms },
      });
      return { status: 200, body: userView(u, secretKey) };
    }),
  );

  r.add(
    'GET',
    base,
    op('ListUser', async ({ caller, params, query, deps }) => {
      const i = await aclInstance(deps, caller, params.instance_id!);
      const users = await deps.access.listUsers(caller, i.id);
      const { slice } = paged(users, page(query));
      return { status: 200, body: { users: slice.map((u) => userView(u)), total: users.length } };
    }),
  );

  r.add(
    'GET',
    `${base}/{user_name}`,
    op('ShowUser', async ({ caller, params, deps }) => {
      const i = await aclInstance(deps, caller, params.instance_id!);
      return { status: 200, body: userView(await deps.access.getUser(caller, i.id, params.user_name!)) };
    }),
  );

  r.add(
    'PUT',
    `${base}/{user_name}`,
    op('UpdateUser', async ({ caller, params, body, deps }) => {
      const b = read(parseJsonObjectBody(body));
      const i = await aclInstance(deps, caller, params.instance_id!);
      const accessKey = b.string('access_key');
      if (accessKey !== undefined && accessKey !== params.user_name) throw invalid('access_key', 'The parameter access_key cannot be changed.');
      const secretKey = b.string('secret_key', { pattern: SECRET_KEY, patternText: '8-64 printable ASCII characters' });
      const u = await deps.access.updateUser(caller, i.id, params.user_name!, {
        ...(secretKey !== undefined ? { password: secretKey } : {}),
        permissions: permissionFields(b),
      });
      return { status: 200, body: userView(u) };
    }),
  );

  r.add(
    'DELETE',
    `${base}/{user_name}`,
    op('DeleteUser', async ({ caller, params, deps }) => {
      const i = await aclInstance(deps, caller, params.instance_id!);
      await deps.access.deleteUser(caller, i.id, params.user_name!);
      return { status: 204 };
    }),
  );

  r.add('GET', '/v2/{project_id}/instances/{instance_id}/topics/{topic}/accesspolicy', op('ListTopicAccessPolicy', accessPolicy('topic')));
  r.add('GET', '/v2/{engine}/{project_id}/instances/{instance_id}/groups/{group}/accesspolicy', op('ListConsumeGroupAccessPolicy', accessPolicy('group')));
  r.add(
    'GET',
    '/v2/{project_id}/rocketmq/instances/{instance_id}/groups/{group}/accesspolicy',
    op('ListConsumeGroupAccessPolicyForRocketMq', accessPolicy('group')),
  );
}
