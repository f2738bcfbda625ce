// Topic use cases: recorded in the control plane and applied to the running broker before the call returns.
import { instanceLimits } from '../domain/catalogue.js';
import { DomainError, notFound } from '../domain/errors.js';
import { brokerNames, type Instance } from '../domain/instance.js';
import { DEFAULT_QUEUE_NUM, topicSpecOf, type Permission, type Topic, type TopicMessageType, type TopicStatus } from '../domain/topic.js';
import type { TopicRepository } from '../store/resources.js';
import { authorize } from './authorize.js';
import type { BrokerChannel } from './broker-channel.js';
import type { ChangeVersion } from '../store/change-version.js';
import type { Caller } from './caller.js';
import type { InstanceService } from './instances.js';
import { Serial } from './serial.js';
import { deepFreeze, VersionedCache } from './versioned-cache.js';

export interface CreateTopicInput {
  name: string;
  messageType?: TopicMessageType;
  queueNum?: number;
  brokers?: string[];
  perm?: Permission;
  maxSendTps?: number;
  remark?: string;
  attributes?: Record<string, unknown>;
}

export type UpdateTopicInput = Partial<Omit<CreateTopicInput, 'name'>>;

export class TopicService {
  private readonly serial = new Serial();
  // Each instance's topics (frozen: shared), until the database changes: GetInstance counts them on every call.
  private readonly lists: VersionedCache<readonly Topic[]>;

  constructor(
    private readonly instances: InstanceService,
    private readonly topics: TopicRepository,
    private readonly broker: BrokerChannel,
    changes: ChangeVersion,
  ) {
    this.lists = new VersionedCache(changes);
  }

  async create(caller: Caller, instanceId: string, input: CreateTopicInput): Promise<Topic> {
    const i = await this.instance(caller, instanceId, 'rocketmq:CreateTopic');
    return this.serial.run(async () => {
      if (await this.topics.get(i.id, input.name)) {
        throw new DomainError('AlreadyExists', `The topic ${input.name} already exists.`, { resource: 'topic', field: 'name' });
      }
      const { maxTopics } = instanceLimits(i.flavorId, i.brokerNum);
      if ((await this.topics.count(i.id)) >= maxTopics) {
        throw new DomainError('QuotaExceeded', `The instance already has ${maxTopics} topics, the limit of its flavour.`, { resource: 'topic' });
      }
      const now = Date.now();
      const topic: Topic = {
        name: input.name,
        messageType: input.messageType ?? (i.engineVersion === '4.8.0' ? 'MIXED' : 'NORMAL'),
        queueNum: input.queueNum ?? DEFAULT_QUEUE_NUM,
        brokers: checkBrokers(i, input.brokers),
        perm: input.perm ?? 'all',
        ...(input.maxSendTps === undefined ? {} : { maxSendTps: input.maxSendTps }),
        remark: input.remark ?? '',
        createdAt: now,
        updatedAt: now,
        attributes: input.attributes ?? {},
      };
      if (i.status !== 'running') throw new DomainError('StateConflict', `The instance ${i.name} is ${i.status}.`, { resource: 'instance' });
      await this.topics.insert(i.id, topic);
      try {
        await this.broker.call(i, (b) => b.putTopic(topicSpecOf(topic)));
      } catch (e) {
        await this.topics.remove(i.id, topic.name);
        throw e;
      }
      return topic;
    });
  }

  async get(caller: Caller, instanceId: string, name: string): Promise<Topic> {
    const i = await this.instance(caller, instanceId, 'rocketmq:GetTopic');
    const t = await this.topics.get(i.id, name);
    if (!t) throw notFound('topic', name);
    return t;
  }

  async list(caller: Caller, instanceId: string): Promise<readonly Topic[]> {
    const i = await this.instance(caller, instanceId, 'rocketmq:ListTopics');
    return this.lists.get(i.id, async () => deepFreeze(await this.topics.list(i.id)));
  }

  async update(caller: Caller, instanceId: string, name: string, patch: UpdateTopicInput): Promise<Topic> {
    const i = await this.instance(caller, instanceId, 'rocketmq:UpdateTopic');
    return this.serial.run(async () => {
      const t = await this.topics.get(i.id, name);
      if (!t) throw notFound('topic', name);
      const next: Topic = {
        ...t,
        messageType: patch.messageType ?? t.messageType,
        queueNum: patch.queueNum ?? t.queueNum,
        brokers: patch.brokers ? checkBrokers(i, patch.brokers) : t.brokers,
        perm: patch.perm ?? t.perm,
        maxSendTps: patch.maxSendTps ?? t.maxSendTps,
        remark: patch.remark ?? t.remark,
        attributes: patch.attributes ? { ...t.attributes, ...patch.attributes } : t.attributes,
        updatedAt: Date.now(),
      };
      await this.broker.call(i, (b) => b.putTopic(topicSpecOf(next)));
      await this.topics.update(i.id, next);
      return next;
    });
  }

  async delete(caller: Caller, instanceId: string, name: string): Promise<void> {
    const i = await this.instance(caller, instanceId, 'rocketmq:DeleteTopic');
    await this.serial.run(async () => {
      if (!(await this.topics.get(i.id, name))) throw notFound('topic', name);
      await this.broker.call(i, (b) => b.deleteTopic(name));
      await this.topics.remove(i.id, name);
    });
  }

  async status(caller: Caller, instanceId: string, name: string): Promise<TopicStatus> {
    const i = await this.instance(caller, instanceId, 'rocketmq:GetTopic');
    if (!(await this.topics.get(i.id, name))) throw notFound('topic', name);
    return this.broker.call(i, (b) => b.topicStatus(name));
  }

  private async instance(caller: Caller, instanceId: string, action: string): Promise<Instance> {
    const i = (await this.instances.find(caller, instanceId)).instance;
    authorize(caller, action, { instanceId: i.alibabaId });
    return i;
  }
}

function checkBrokers(i: Instance, wanted: string[] | undefined): string[] {
  const all = brokerNames(i.brokerNum);
  if (!wanted || wanted.length === 0) return all;
  const unknown = wanted.find((b) => !all.includes(b));
  if (unknown) throw new DomainError('InvalidParameter', `The broker ${unknown} is not a broker of the instance (${all.join(', ')}).`, { field: 'brokers' });
  return [...new Set(wanted)];
}
