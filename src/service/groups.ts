// Consumer-group use cases: recorded in the control plane and applied to the running broker before the call returns.
import { instanceLimits } from '../domain/catalogue.js';
import { DomainError, notFound } from '../domain/errors.js';
import type { Instance } from '../domain/instance.js';
import { DEFAULT_MAX_RETRIES, groupSpecOf, type ConsumerClient, type Group, type QueueProgress } from '../domain/topic.js';
import type { GroupRepository } from '../store/resources.js';
import { authorize } from './authorize.js';
import type { BrokerChannel } from './broker-channel.js';
import type { ChangeVersion } from '../store/change-version.js';
import type { Caller } from './caller.js';
import type { InstanceService } from './instances.js';
import { Serial } from './serial.js';
import { deepFreeze, VersionedCache } from './versioned-cache.js';

export interface CreateGroupInput {
  name: string;
  maxRetries?: number;
  consumeOrderly?: boolean;
  broadcast?: boolean;
  enabled?: boolean;
  deadLetterTopic?: string;
  maxReceiveTps?: number;
  remark?: string;
  attributes?: Record<string, unknown>;
}

export type UpdateGroupInput = Partial<Omit<CreateGroupInput, 'name'>>;

export class GroupService {
  private readonly serial = new Serial();
  // Each instance's groups (frozen: shared), until the database changes: GetInstance counts them on every call.
  private readonly lists: VersionedCache<readonly Group[]>;

  constructor(
    private readonly instances: InstanceService,
    private readonly groups: GroupRepository,
    private readonly broker: BrokerChannel,
    changes: ChangeVersion,
  ) {
    this.lists = new VersionedCache(changes);
  }

  async create(caller: Caller, instanceId: string, input: CreateGroupInput): Promise<Group> {
    const i = await this.instance(caller, instanceId, 'rocketmq:CreateConsumerGroup');
    return this.serial.run(async () => {
      if (await this.groups.get(i.id, input.name)) {
        throw new DomainError('AlreadyExists', `The consumer group ${input.name} already exists.`, { resource: 'group', field: 'name' });
      }
      const { maxGroups } = instanceLimits(i.flavorId, i.brokerNum);
      if ((await this.groups.count(i.id)) >= maxGroups) {
        throw new DomainError('QuotaExceeded', `The instance already has ${maxGroups} consumer groups, the limit of its flavour.`, { resource: 'group' });
      }
      if (i.status !== 'running') throw new DomainError('StateConflict', `The instance ${i.name} is ${i.status}.`, { resource: 'instance' });
      const now = Date.now();
      const group: Group = {
        name: input.name,
        maxRetries: input.maxRetries ?? DEFAULT_MAX_RETRIES,
        consumeOrderly: input.consumeOrderly ?? false,
        broadcast: input.broadcast ?? false,
        enabled: input.enabled ?? true,
        ...(input.deadLetterTopic ? { deadLetterTopic: input.deadLetterTopic } : {}),
        ...(input.maxReceiveTps === undefined ? {} : { maxReceiveTps: input.maxReceiveTps }),
        remark: input.remark ?? '',
        createdAt: now,
        updatedAt: now,
        attributes: input.attributes ?? {},
      };
      await this.groups.insert(i.id, group);
      try {
        await this.broker.call(i, (b) => b.putGroup(groupSpecOf(group)));
      } catch (e) {
        await this.groups.remove(i.id, group.name);
        throw e;
      }
      return group;
    });
  }

  async get(caller: Caller, instanceId: string, name: string): Promise<Group> {
    const i = await this.instance(caller, instanceId, 'rocketmq:GetConsumerGroup');
    const g = await this.groups.get(i.id, name);
    if (!g) throw notFound('group', name);
    return g;
  }

  async list(caller: Caller, instanceId: string): Promise<readonly Group[]> {
    const i = await this.instance(caller, instanceId, 'rocketmq:ListConsumerGroups');
    return this.lists.get(i.id, async () => deepFreeze(await this.groups.list(i.id)));
  }

  async update(caller: Caller, instanceId: string, name: string, patch: UpdateGroupInput): Promise<Group> {
    const i = await this.instance(caller, instanceId, 'rocketmq:UpdateConsumerGroup');
    return this.serial.run(async () => {
      const g = await this.groups.get(i.id, name);
      if (!g) throw notFound('group', name);
      const next: Group = {
        ...g,
        maxRetries: patch.maxRetries ?? g.maxRetries,
        consumeOrderly: patch.consumeOrderly ?? g.consumeOrderly,
        broadcast: patch.broadcast ?? g.broadcast,
        enabled: patch.enabled ?? g.enabled,
        deadLetterTopic: patch.deadLetterTopic ?? g.deadLetterTopic,
        maxReceiveTps: patch.maxReceiveTps ?? g.maxReceiveTps,
        remark: patch.remark ?? g.remark,
        attributes: patch.attributes ? { ...g.attributes, ...patch.attributes } : g.attributes,
        updatedAt: Date.now(),
      };
      await this.broker.call(i, (b) => b.putGroup(groupSpecOf(next)));
      await this.groups.update(i.id, next);
      return next;
    });
  }

  async delete(caller: Caller, instanceId: string, name: string): Promise<void> {
    const i = await this.instance(caller, instanceId, 'rocketmq:DeleteConsumerGroup');
    await this.serial.run(async () => {
      if (!(await this.groups.get(i.id, name))) throw notFound('group', name);
      await this.broker.call(i, (b) => b.deleteGroup(name));
      await this.groups.remove(i.id, name);
    });
  }

  async progress(caller: Caller, instanceId: string, name: string): Promise<QueueProgress[]> {
    const i = await this.instance(caller, instanceId, 'rocketmq:GetConsumerGroup');
    if (!(await this.groups.get(i.id, name))) throw notFound('group', name);
    return this.broker.call(i, (b) => b.groupProgress(name));
  }

  /** Forgets the group's subscription to a topic on the broker (its offsets and consumption state). */
  async deleteSubscription(caller: Caller, instanceId: string, name: string, topic: string): Promise<void> {
    const i = await this.instance(caller, instanceId, 'rocketmq:DeleteConsumerGroupSubscription');
    if (!(await this.groups.get(i.id, name))) throw notFound('group', name);
    await this.broker.call(i, (b) => b.deleteSubscription(name, topic));
  }

  async clients(caller: Caller, instanceId: string, name: string): Promise<ConsumerClient[]> {
    const i = await this.instance(caller, instanceId, 'rocketmq:GetConsumerGroup');
    if (!(await this.groups.get(i.id, name))) throw notFound('group', name);
    return this.broker.call(i, (b) => b.groupClients(name));
  }

  private async instance(caller: Caller, instanceId: string, action: string): Promise<Instance> {
    const i = (await this.instances.find(caller, instanceId)).instance;
    authorize(caller, action, { instanceId: i.alibabaId });
    return i;
  }
}
