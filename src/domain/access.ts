// Data-plane access of an instance as the control plane pushes it to the broker: whether access control is on, the
// users (Huawei users and Alibaba accounts alike) with their permissions, and the Alibaba ACL entries. Shared by both
// sides of the broker's admin contract; no cloud spelling beyond the permission words both clouds use.

/** Huawei's permission words (Apache RocketMQ ACL 1.0): a topic may be published to, subscribed to, both, or neither. */
export const TOPIC_PERMS = ['PUB', 'SUB', 'PUB|SUB', 'DENY'] as const;
export type TopicPerm = (typeof TOPIC_PERMS)[number];
export const GROUP_PERMS = ['SUB', 'DENY'] as const;
export type GroupPerm = (typeof GROUP_PERMS)[number];

export type AccessAction = 'pub' | 'sub';
export type AccessResourceType = 'topic' | 'group';

export interface ResourcePerm<P> {
  name: string;
  perm: P;
}

/** What a user may do besides its ACL entries (Huawei's user model, Apache ACL 1.0); absent permissions are DENY. */
export interface UserPermissions {
  /** May do everything (Huawei `admin`; the Alibaba default account). */
  admin: boolean;
  /** Huawei `white_remote_address` (ACL 1.0): from a matching address the user is let in unchecked. */
  whiteRemoteAddress?: string;
  /** Huawei per-resource permissions, and the ones for resources not listed. */
  defaultTopicPerm?: TopicPerm;
  defaultGroupPerm?: GroupPerm;
  topicPerms: ResourcePerm<TopicPerm>[];
  groupPerms: ResourcePerm<GroupPerm>[];
}

/** A user as the broker sees it. Its secret travels and rests sealed with the instance's broker key. */
export interface BrokerUser extends UserPermissions {
  username: string;
  /** `sealSecret(brokerKey, secret)`; only the broker and the control plane can open it. */
  secretSealed: string;
  enabled: boolean;
}

/** An Alibaba ACL entry: what one account may (allow) or may not (deny) do with one topic or group. */
export interface AclEntry {
  username: string;
  resourceType: AccessResourceType;
  resourceName: string;
  actions: AccessAction[];
  decision: 'allow' | 'deny';
  /** Source addresses (IP or CIDR) the entry applies to; empty: any. */
  ipWhitelist: string[];
}

export interface AccessPolicy {
  /** Access control on: every request must name a known user with a valid signature and a permission. */
  enabled: boolean;
  /** Clients without credentials are let in on the private endpoint (Alibaba `defaultVpcAuthFree`). */
  anonymousOnPrivate: boolean;
  users: BrokerUser[];
  acls: AclEntry[];
}

/** What a broker enforces before the control plane told it anything: nothing to check. */
export const OPEN_ACCESS: Readonly<AccessPolicy> = Object.freeze({ enabled: false, anonymousOnPrivate: true, users: [], acls: [] });

export const topicPermAllows = (perm: TopicPerm, action: AccessAction): boolean =>
  perm === 'PUB|SUB' || (perm === 'PUB' && action === 'pub') || (perm === 'SUB' && action === 'sub');
