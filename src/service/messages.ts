// Message use cases, dialect-neutral: query a topic's messages, send one through the API, reset a group's offsets,
// re-send dead letters and ask a client to consume a message. Everything runs on the instance's live broker.
import { DomainError, invalid, notFound } from '../domain/errors.js';
import type { Instance } from '../domain/instance.js';
import type {
  ApiMessage, ApiSendResult, MessagePage, MessageQuery, MessageView, QueueReset, ResendResult, ResetTarget,
} from '../domain/message.js';
import { DLQ_PREFIX, RETRY_PREFIX } from '../domain/topic.js';
import type { GroupRepository, TopicRepository } from '../store/resources.js';
import { authorize } from './authorize.js';
import type { BrokerChannel } from './broker-channel.js';
import type { Caller } from './caller.js';
import type { InstanceService } from './instances.js';

export class MessageService {
  constructor(
    private readonly instances: InstanceService,
    private readonly topics: TopicRepository,
    private readonly groups: GroupRepository,
    private readonly broker: BrokerChannel,
  ) {}

  /** Messages of a topic (or of a group's retry or dead-letter topic) by id, key or store time. */
  async list(caller: Caller, instanceId: string, topic: string, q: MessageQuery): Promise<MessagePage> {
    const i = await this.instance(caller, instanceId, 'rocketmq:ListMessages');
    await this.knownTopic(i, topic);
    return this.broker.ask(i, (b) => b.queryMessages(topic, q));
  }

  async get(caller: Caller, instanceId: string, topic: string, messageId: string): Promise<MessageView> {
    const i = await this.instance(caller, instanceId, 'rocketmq:GetMessageDetail');
    await this.knownTopic(i, topic);
    return this.broker.ask(i, (b) => b.getMessage(topic, messageId), () => new DomainError('NotFound', `The message ${messageId} does not exist in the topic ${topic}.`));
  }

  async send(caller: Caller, instanceId: string, topic: string, m: ApiMessage): Promise<ApiSendResult> {
    const i = await this.instance(caller, instanceId, 'rocketmq:VerifySendMessage');
    if (!(await this.topics.get(i.id, topic))) throw notFound('topic', topic);
    return this.broker.ask(i, (b) => b.sendMessage(topic, m));
  }

  async resetOffset(caller: Caller, instanceId: string, group: string, topic: string, target: ResetTarget): Promise<QueueReset[]> {
    const i = await this.instance(caller, instanceId, 'rocketmq:ResetConsumeOffset');
    if (!(await this.groups.get(i.id, group))) throw notFound('group', group);
    if (!(await this.topics.get(i.id, topic))) throw notFound('topic', topic);
    return this.broker.ask(i, (b) => b.resetOffset(group, topic, target));
  }

  /** Puts dead letters of %DLQ%<group> back to the group's consumers; one result per message id. */
  async resendDeadLetters(caller: Caller, instanceId: string, group: string, messageIds: string[]): Promise<ResendResult[]> {
    const i = await this.instance(caller, instanceId, 'rocketmq:SendDlqMessage');
    if (!(await this.groups.get(i.id, group))) throw notFound('group', group);
    return this.broker.ask(i, (b) => b.resendDeadLetters(group, messageIds));
  }

  /**
   * Asks one client of the group to consume a message of the topic. A client that does not consume it (the Node 5.x
   * client answers NOT_IMPLEMENTED, ali-ons does not listen) is a refusal naming its answer; nothing changes.
   */
  async verifyConsume(caller: Caller, instanceId: string, group: string, topic: string, clientId: string, messageId: string): Promise<void> {
    const i = await this.instance(caller, instanceId, 'rocketmq:VerifyConsumeMessage');
    if (!(await this.groups.get(i.id, group))) throw notFound('group', group);
    await this.knownTopic(i, topic);
    const outcome = await this.broker.ask(i, (b) => b.verifyConsume(group, topic, clientId, messageId),
      () => new DomainError('NotFound', `The message ${messageId} does not exist in the topic ${topic}.`));
    if (!outcome.consumed) throw invalid('clientId', `The client ${clientId} did not consume message ${messageId}: ${outcome.answer}.`);
  }

  /** A topic of the instance, or the retry or dead-letter topic of one of its groups. */
  private async knownTopic(i: Instance, topic: string): Promise<void> {
    const prefix = [RETRY_PREFIX, DLQ_PREFIX].find((p) => topic.startsWith(p));
    const known = prefix ? await this.groups.get(i.id, topic.slice(prefix.length)) : await this.topics.get(i.id, topic);
    if (!known) throw notFound('topic', topic);
  }

  private async instance(caller: Caller, instanceId: string, action: string): Promise<Instance> {
    const i = (await this.instances.find(caller, instanceId)).instance;
    authorize(caller, action, { instanceId: i.alibabaId });
    return i;
  }
}
