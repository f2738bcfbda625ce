// Access control of the instance, the same for every protocol: who a request comes from (authenticate) and whether
// that user may publish to or subscribe to a topic or group (authorize). Protocols only pull the credential out of
// their wire format and say how its signature is checked; the decisions are made here.
//
// Decisions, in order: access control off → anyone. No credential → refused, unless anonymous clients are let in on the
// private endpoint. Unknown or disabled user, or a wrong signature → UNAUTHORIZED. A user whose white_remote_address
// matches the client (Apache ACL 1.0) is let in unchecked. Admins may do everything. Otherwise the user's ACL entries
// for the resource that apply to the client's address decide (deny beats allow); entries that exist but exclude the
// address refuse; then the user's per-resource permissions, and its default permission; nothing matching → FORBIDDEN.
import { addressPattern, ipOrCidrMatcher, normalizeAddress, type AddressMatcher } from '../../domain/address-match.js';
import {
  OPEN_ACCESS, topicPermAllows, type AccessAction, type AccessPolicy, type AccessResourceType, type AclEntry, type BrokerUser,
} from '../../domain/access.js';
import { openSecret } from '../../domain/sealed-secret.js';
import { EngineError } from './errors.js';

/** What a request presents as its sender: a user name and a way to check the request's signature with its secret. */
export interface Credential {
  accessKey: string;
  verify(secret: string): boolean;
  /** Requests with equal keys have the same signature outcome (gRPC: the authorization header and its date). */
  cacheKey?: string;
}

/** Where a request comes from. The private endpoint stands for the cloud's VPC. */
export interface Peer {
  address: string;
  endpoint: 'private' | 'public';
}

/** Who a request was found to come from; made only by `authenticate` (or SYSTEM, for the broker's own work). */
export interface Principal {
  readonly username: string | undefined;
  /** Needs no permission checks: access control is off, an admin, or a white-listed address. */
  readonly unrestricted: boolean;
  readonly address: string;
}

/** The broker itself (admin API, redelivery): never checked. */
export const SYSTEM: Principal = Object.freeze({ username: undefined, unrestricted: true, address: '' });

/** A client let in without checks (access control off, or anonymous clients allowed where it connects). */
const ANYONE: Principal = Object.freeze({ username: undefined, unrestricted: true, address: '' });

interface ActiveUser {
  spec: BrokerUser;
  secret: string;
  whiteRemote?: AddressMatcher;
  topicPerms: Map<string, BrokerUser['topicPerms'][number]['perm']>;
  groupPerms: Map<string, BrokerUser['groupPerms'][number]['perm']>;
  acls: ActiveAcl[];
}

interface ActiveAcl {
  entry: AclEntry;
  /** Undefined: any address. */
  from?: AddressMatcher[];
}

const MAX_CACHED_SIGNATURES = 10_000;

export const unauthorized = (why: string): EngineError => new EngineError('UNAUTHORIZED', why);
const forbidden = (why: string): EngineError => new EngineError('FORBIDDEN', why);

export class AccessControl {
  #policy: AccessPolicy = OPEN_ACCESS;
  #users = new Map<string, ActiveUser>();
  /** Credential cache key → the user whose signature it carried (cleared whenever the policy changes). */
  #verified = new Map<string, string>();
  readonly #brokerKey: Buffer | undefined;

  /** `brokerKey` opens the sealed secrets of the users; without it no policy with users can be applied. */
  constructor(brokerKey: Buffer | undefined) {
    this.#brokerKey = brokerKey;
  }

  get policy(): AccessPolicy {
    return this.#policy;
  }

  /** Replaces the policy whole; a policy that cannot be read is refused and the old one stays. */
  apply(policy: AccessPolicy): void {
    const users = new Map<string, ActiveUser>();
    for (const u of policy.users) users.set(u.username, this.#activate(u));
    for (const entry of policy.acls) {
      const u = users.get(entry.username);
      if (!u) throw new EngineError('INVALID_METADATA', `ACL entry for unknown user ${entry.username}`);
      u.acls.push({ entry, ...(entry.ipWhitelist.length > 0 ? { from: entry.ipWhitelist.map((c) => matcherOf(c, 'ipWhitelist')) } : {}) });
    }
    this.#policy = policy;
    this.#users = users;
    this.#verified.clear();
  }

  authenticate(credential: Credential | undefined, peer: Peer): Principal {
    const p = this.#policy;
    // Every request of every client passes here: with nothing to check, nothing is computed or allocated.
    if (!p.enabled) return ANYONE;
    if (!credential || credential.accessKey === '') {
      if (p.anonymousOnPrivate && peer.endpoint === 'private') return ANYONE;
      throw unauthorized('access control is on: the request carries no credentials (access key and signature)');
    }
    const address = normalizeAddress(peer.address);
    const user = this.#users.get(credential.accessKey);
    if (!user) throw unauthorized(`unknown access key ${credential.accessKey}`);
    if (!user.spec.enabled) throw unauthorized(`the account ${user.spec.username} is disabled`);
    if (user.whiteRemote?.(address)) return { username: user.spec.username, unrestricted: true, address };
    if (!this.#signatureValid(credential, user)) throw unauthorized(`the signature of access key ${credential.accessKey} does not match`);
    return { username: user.spec.username, unrestricted: user.spec.admin, address };
  }

  /** Throws FORBIDDEN unless the principal may do `action` on the topic or group. */
  authorize(who: Principal, type: AccessResourceType, name: string, action: AccessAction): void {
    if (who.unrestricted) return;
    const user = who.username === undefined ? undefined : this.#users.get(who.username);
    if (!user) throw unauthorized(`unknown access key ${who.username ?? ''}`);
    if (user.spec.admin) return;
    const what = `${action === 'pub' ? 'publish to' : 'subscribe to'} ${type} ${name}`;
    const entries = user.acls.filter((a) => a.entry.resourceType === type && resourceMatches(a.entry.resourceName, name) && a.entry.actions.includes(action));
    const applying = entries.filter((a) => !a.from || a.from.some((m) => m(who.address)));
    if (applying.some((a) => a.entry.decision === 'deny')) throw forbidden(`${user.spec.username} may not ${what}: denied by an ACL entry`);
    if (applying.some((a) => a.entry.decision === 'allow')) return;
    if (entries.length > 0) throw forbidden(`${user.spec.username} may not ${what} from ${who.address}: the ACL entries' ipWhitelists exclude this address`);
    const allowed =
      type === 'topic'
        ? topicPermAllows(user.topicPerms.get(name) ?? user.spec.defaultTopicPerm ?? 'DENY', action)
        : action === 'sub' && (user.groupPerms.get(name) ?? user.spec.defaultGroupPerm ?? 'DENY') === 'SUB';
    if (!allowed) throw forbidden(`${user.spec.username} may not ${what}: no permission`);
  }

  #signatureValid(credential: Credential, user: ActiveUser): boolean {
    const key = credential.cacheKey;
    if (key !== undefined && this.#verified.get(key) === user.spec.username) return true;
    if (!credential.verify(user.secret)) return false;
    if (key !== undefined) {
      if (this.#verified.size >= MAX_CACHED_SIGNATURES) this.#verified.clear();
      this.#verified.set(key, user.spec.username);
    }
    return true;
  }

  #activate(u: BrokerUser): ActiveUser {
    if (!this.#brokerKey) throw new EngineError('INVALID_METADATA', 'this broker has no key to open users\' secrets');
    let secret: string;
    try {
      secret = openSecret(this.#brokerKey, u.secretSealed);
    } catch {
      throw new EngineError('INVALID_METADATA', `the secret of user ${u.username} was not sealed with this broker's key`);
    }
    const whiteRemote = u.whiteRemoteAddress ? addressPattern(u.whiteRemoteAddress) : undefined;
    if (u.whiteRemoteAddress && !whiteRemote) throw new EngineError('INVALID_METADATA', `white_remote_address of ${u.username} is malformed`);
    return {
      spec: u,
      secret,
      ...(whiteRemote ? { whiteRemote } : {}),
      topicPerms: new Map(u.topicPerms.map((p) => [p.name, p.perm])),
      groupPerms: new Map(u.groupPerms.map((p) => [p.name, p.perm])),
      acls: [],
    };
  }
}

/** `*` names every resource, `prefix*` those starting with prefix. */
const resourceMatches = (pattern: string, name: string): boolean =>
  pattern === name || pattern === '*' || (pattern.endsWith('*') && name.startsWith(pattern.slice(0, -1)));

function matcherOf(text: string, field: string): AddressMatcher {
  const m = ipOrCidrMatcher(text);
  if (!m) throw new EngineError('INVALID_METADATA', `${field} entry ${text} is not an IP address or CIDR block`);
  return m;
}
