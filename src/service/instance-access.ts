// Client-side access of an instance: users (Huawei users and Alibaba accounts: a secret, permissions), ACL rules
// (user × topic/group → pub/sub, allow/deny, source IPs), the IP whitelist and the instance's default account. Recorded
// per instance; secrets are sealed with the master key because the broker needs them back to verify clients'
// signatures. Every change reaches the running broker before the call returns (or is undone).
import { aesKeyOf, sealSecret } from '../domain/sealed-secret.js';
import type { AccessPolicy, BrokerUser, UserPermissions } from '../domain/access.js';
import { DomainError, invalid, notFound } from '../domain/errors.js';
import type { Instance } from '../domain/instance.js';
import type { AccessRow, InstanceAccessRepository } from '../store/instance-access.js';
import { authorize } from './authorize.js';
import type { BrokerChannel } from './broker-channel.js';
import type { Caller } from './caller.js';
import type { InstanceService } from './instances.js';
import type { SecretBox } from './secret-box.js';
import { Serial } from './serial.js';

export type { UserPermissions };

export interface InstanceUser extends UserPermissions {
  username: string;
  remark: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export const NO_PERMISSIONS: Readonly<UserPermissions> = Object.freeze({ admin: false, topicPerms: [], groupPerms: [] });

interface StoredUser {
  username: string;
  remark: string;
  enabled: boolean;
  passwordEnc: string;
  permissions?: UserPermissions;
  createdAt: number;
  updatedAt: number;
}

export type AclResourceType = 'topic' | 'group';
export type AclAction = 'pub' | 'sub';

export interface AclRule {
  username: string;
  resourceType: AclResourceType;
  resourceName: string;
  actions: AclAction[];
  decision: 'allow' | 'deny';
  /** Source addresses the rule applies to; empty means any. */
  ipWhitelist: string[];
  /** Dialect-only fields (e.g. how the caller spelled the actions), echoed by that dialect. */
  attributes?: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface WhitelistEntry {
  cidr: string;
  createdAt: number;
}

export const USERNAME = /^[A-Za-z0-9_-]{1,64}$/;

const aclKey = (username: string, type: AclResourceType, name: string): string => `${username}\n${type}\n${name}`;

export class InstanceAccessService {
  private readonly serial = new Serial();

  constructor(
    private readonly instances: Pick<InstanceService, 'find'>,
    private readonly repo: InstanceAccessRepository,
    private readonly box: SecretBox,
    private readonly broker: BrokerChannel,
    private readonly now: () => number = Date.now,
  ) {}

  // The broker's view --------------------------------------------------------------------------------------------

  /** The instance's broker key: derived from the master key, so every control-plane process knows it. */
  brokerKey(instanceId: string): string {
    return this.box.derive(`broker-secrets:${instanceId}`);
  }

  /** The instance's default account (Alibaba's instance username/password): derived, admin, never stored. */
  defaultAccount(i: Instance): { username: string; password: string } {
    const d = this.box.derive(`default-account:${i.id}`);
    return { username: d.slice(0, 16), password: d.slice(16, 40) };
  }

  /** The default account with its password, for a caller allowed to read the instance's accounts. */
  async readDefaultAccount(caller: Caller, instanceId: string): Promise<{ username: string; password: string }> {
    return this.defaultAccount(await this.instance(caller, instanceId, 'rocketmq:GetInstanceAccount'));
  }

  /** Everything the broker enforces, secrets sealed with its key. */
  async policyOf(i: Instance): Promise<AccessPolicy> {
    const key = aesKeyOf(this.brokerKey(i.id));
    const def = this.defaultAccount(i);
    const users: BrokerUser[] = [
      { username: def.username, secretSealed: sealSecret(key, def.password), enabled: true, admin: true, topicPerms: [], groupPerms: [] },
    ];
    for (const u of await this.repo.list<StoredUser>(i.id, 'user')) {
      users.push({ ...permissionsOf(u), username: u.username, secretSealed: sealSecret(key, this.box.open(u.passwordEnc)), enabled: u.enabled });

    }
    const acls = (await this.repo.list<AclRule>(i.id, 'acl')).map((r) => ({
      username: r.username,
      resourceType: r.resourceType,
      resourceName: r.resourceName,
      actions: r.actions,
      decision: r.decision,
      ipWhitelist: r.ipWhitelist,
    }));
    return { enabled: i.options.enableAcl, anonymousOnPrivate: i.options.vpcAuthFree === true, users, acls };
  }

  /** Sends the instance's policy to its broker when it runs (a broker starting later gets it from the reconciler). */
  async pushToBroker(i: Instance): Promise<void> {
    if (i.status !== 'running') return;
    const policy = await this.policyOf(i);
    await this.broker.call(i, (b) => b.applyAccess(policy));
  }

  /** Runs a change of the instance's access records, then pushes them; a broker that refuses undoes the change. */
  private async change<T>(i: Instance, fn: () => Promise<T>): Promise<T> {
    return this.serial.run(async () => {
      const before: AccessRow[] = await this.repo.snapshot(i.id);
      const result = await fn();
      try {
        await this.pushToBroker(i);
      } catch (e) {
        await this.repo.restore(i.id, before);
        throw e;
      }
      return result;
    });
  }

  // Users -----------------------------------------------------------------------------------------------------

  async createUser(
    caller: Caller,
    instanceId: string,
    input: { username: string; password: string; remark?: string; permissions?: UserPermissions },
  ): Promise<InstanceUser> {
    const i = await this.instance(caller, instanceId, 'rocketmq:CreateInstanceAccount');
    if (!USERNAME.test(input.username)) throw invalid('username', 'The username must be 1-64 letters, digits, _ or -.');
    if (input.username === this.defaultAccount(i).username) {
      throw new DomainError('AlreadyExists', `The account ${input.username} already exists.`, { resource: 'user', field: 'username' });
    }
    return this.change(i, async () => {
      const exists = (): DomainError => new DomainError('AlreadyExists', `The account ${input.username} already exists.`, { resource: 'user', field: 'username' });
      if (await this.repo.get(i.id, 'user', input.username)) throw exists();
      const now = this.now();
      const user: StoredUser = {
        username: input.username,
        remark: input.remark ?? '',
        enabled: true,
        passwordEnc: this.box.seal(input.password),
        permissions: input.permissions ?? NO_PERMISSIONS,
        createdAt: now,
        updatedAt: now,
      };
      if (!(await this.repo.insert(i.id, 'user', user.username, user, now))) throw exists();
      return publicUser(user);
    });
  }

  async getUser(caller: Caller, instanceId: string, username: string): Promise<InstanceUser> {
    const i = await this.instance(caller, instanceId, 'rocketmq:GetInstanceAccount');
    return publicUser(await this.storedUser(i, username));
  }

  /** The user's password, for whoever configures the broker; callers of the APIs only ever see it masked. */
  async userPassword(caller: Caller, instanceId: string, username: string): Promise<string> {
    const i = await this.instance(caller, instanceId, 'rocketmq:GetInstanceAccount');
    return this.box.open((await this.storedUser(i, username)).passwordEnc);
  }

  async listUsers(caller: Caller, instanceId: string): Promise<InstanceUser[]> {
    const i = await this.instance(caller, instanceId, 'rocketmq:ListInstanceAccount');
    return (await this.repo.list<StoredUser>(i.id, 'user')).map(publicUser);
  }

  async updateUser(
    caller: Caller,
    instanceId: string,
    username: string,
    patch: { password?: string; remark?: string; enabled?: boolean; permissions?: Partial<UserPermissions> },
  ): Promise<InstanceUser> {
    const i = await this.instance(caller, instanceId, 'rocketmq:UpdateInstanceAccount');
    return this.change(i, async () => {
      const u = await this.storedUser(i, username);
      const next: StoredUser = {
        ...u,
        permissions: { ...permissionsOf(u), ...patch.permissions },
        remark: patch.remark ?? u.remark,
        enabled: patch.enabled ?? u.enabled,
        passwordEnc: patch.password !== undefined ? this.box.seal(patch.password) : u.passwordEnc,
        updatedAt: this.now(),
      };
      await this.repo.update(i.id, 'user', username, next, next.updatedAt);
      return publicUser(next);
    });
  }

  /** Deleting a user also drops its ACL rules. */
  async deleteUser(caller: Caller, instanceId: string, username: string): Promise<void> {
    const i = await this.instance(caller, instanceId, 'rocketmq:DeleteInstanceAccount');
    await this.change(i, async () => {
      await this.storedUser(i, username);
      await this.repo.atomically(async (repo) => {
        for (const rule of await repo.list<AclRule>(i.id, 'acl')) {
          if (rule.username === username) await repo.remove(i.id, 'acl', aclKey(username, rule.resourceType, rule.resourceName));
        }
        await repo.remove(i.id, 'user', username);
      });
    });
  }

  // ACL rules ---------------------------------------------------------------------------------------------------

  async createAcl(caller: Caller, instanceId: string, rule: Omit<AclRule, 'createdAt' | 'updatedAt'>): Promise<AclRule> {
    const i = await this.instance(caller, instanceId, 'rocketmq:CreateInstanceAcl');
    checkAclActions(rule.resourceType, rule.actions);
    return this.change(i, async () => {
      await this.storedUser(i, rule.username);
      const key = aclKey(rule.username, rule.resourceType, rule.resourceName);
      const exists = (): DomainError =>
        new DomainError('AlreadyExists', `The ACL of ${rule.username} on ${rule.resourceType} ${rule.resourceName} already exists.`, { resource: 'acl' });
      if (await this.repo.get(i.id, 'acl', key)) throw exists();
      const now = this.now();
      const stored: AclRule = { ...rule, actions: [...new Set(rule.actions)], createdAt: now, updatedAt: now };
      if (!(await this.repo.insert(i.id, 'acl', key, stored, now))) throw exists();
      return stored;
    });
  }

  async getAcl(caller: Caller, instanceId: string, username: string, type: AclResourceType, name: string): Promise<AclRule> {
    const i = await this.instance(caller, instanceId, 'rocketmq:GetInstanceAcl');
    const rule = await this.repo.get<AclRule>(i.id, 'acl', aclKey(username, type, name));
    if (!rule) throw notFound('acl', `${username}/${type}/${name}`);
    return rule;
  }

  async listAcls(caller: Caller, instanceId: string): Promise<AclRule[]> {
    const i = await this.instance(caller, instanceId, 'rocketmq:ListInstanceAcl');
    return this.repo.list<AclRule>(i.id, 'acl');
  }

  async updateAcl(
    caller: Caller,
    instanceId: string,
    username: string,
    type: AclResourceType,
    name: string,
    patch: { actions?: AclAction[]; decision?: 'allow' | 'deny'; ipWhitelist?: string[]; attributes?: Record<string, unknown> },
  ): Promise<AclRule> {
    const i = await this.instance(caller, instanceId, 'rocketmq:UpdateInstanceAcl');
    if (patch.actions) checkAclActions(type, patch.actions);
    return this.change(i, async () => {
      const key = aclKey(username, type, name);
      const rule = await this.repo.get<AclRule>(i.id, 'acl', key);
      if (!rule) throw notFound('acl', `${username}/${type}/${name}`);
      const next: AclRule = {
        ...rule,
        actions: patch.actions ? [...new Set(patch.actions)] : rule.actions,
        decision: patch.decision ?? rule.decision,
        ipWhitelist: patch.ipWhitelist ?? rule.ipWhitelist,
        ...(patch.attributes || rule.attributes ? { attributes: { ...rule.attributes, ...patch.attributes } } : {}),
        updatedAt: this.now(),
      };
      await this.repo.update(i.id, 'acl', key, next, next.updatedAt);
      return next;
    });
  }

  async deleteAcl(caller: Caller, instanceId: string, username: string, type: AclResourceType, name: string): Promise<void> {
    const i = await this.instance(caller, instanceId, 'rocketmq:DeleteInstanceAcl');
    await this.change(i, async () => {
      if (!(await this.repo.remove(i.id, 'acl', aclKey(username, type, name)))) throw notFound('acl', `${username}/${type}/${name}`);
    });
  }

  // IP whitelist ------------------------------------------------------------------------------------------------

  /** Adds entries; ones already present are kept as they are. */
  async addWhitelist(caller: Caller, instanceId: string, cidrs: string[]): Promise<WhitelistEntry[]> {
    const i = await this.instance(caller, instanceId, 'rocketmq:CreateInstanceIpWhitelist');
    return this.serial.run(async () => {
      const now = this.now();
      await this.repo.atomically(async (repo) => {
        for (const cidr of new Set(cidrs)) await repo.insertIfAbsent(i.id, 'whitelist', cidr, { cidr, createdAt: now }, now);
      });
      return this.repo.list<WhitelistEntry>(i.id, 'whitelist');
    });
  }

  async listWhitelist(caller: Caller, instanceId: string, action = 'rocketmq:ListInstanceIpWhitelist'): Promise<WhitelistEntry[]> {
    const i = await this.instance(caller, instanceId, action);
    return this.repo.list<WhitelistEntry>(i.id, 'whitelist');
  }

  /** Removes entries; NotFound (nothing removed) when one of them is not in the whitelist. */
  async removeWhitelist(caller: Caller, instanceId: string, cidrs: string[]): Promise<void> {
    const i = await this.instance(caller, instanceId, 'rocketmq:DeleteInstanceIpWhitelist');
    await this.serial.run(async () => {
      for (const cidr of cidrs) {
        if (!(await this.repo.get(i.id, 'whitelist', cidr))) throw notFound('whitelist', cidr);
      }
      await this.repo.atomically(async (repo) => {
        for (const cidr of cidrs) await repo.remove(i.id, 'whitelist', cidr);
      });
    });
  }

  private async storedUser(i: Instance, username: string): Promise<StoredUser> {
    const u = await this.repo.get<StoredUser>(i.id, 'user', username);
    if (!u) throw notFound('user', username);
    return u;
  }

  private async instance(caller: Caller, instanceId: string, action: string): Promise<Instance> {
    const i = (await this.instances.find(caller, instanceId)).instance;
    authorize(caller, action, { instanceId: i.alibabaId });
    if (i.status === 'deleting') throw notFound('instance', instanceId);
    return i;
  }
}

/** Users stored before permissions existed (Alibaba accounts) have none: their ACL entries decide. */
const permissionsOf = (u: StoredUser): UserPermissions => u.permissions ?? NO_PERMISSIONS;

const publicUser = (u: StoredUser): InstanceUser => ({
  username: u.username,
  remark: u.remark,
  enabled: u.enabled,
  ...permissionsOf(u),
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

/** Topics take pub and/or sub; groups only sub. */
function checkAclActions(type: AclResourceType, actions: AclAction[]): void {
  if (actions.length === 0) throw invalid('actions', 'The ACL must allow or deny at least one action.');
  if (type === 'group' && actions.some((a) => a !== 'sub')) throw invalid('actions', 'A group ACL takes the Sub action only.');
}

/** One instance user's sealed password, if any is stored: what a master key must be able to open. */
export const anySealedPassword = async (repo: InstanceAccessRepository): Promise<string | undefined> => (await repo.any<StoredUser>('user'))?.passwordEnc;
