// Client of a broker's loopback admin API, authenticated by the token from the broker's config file. Every call is an
// operation of the shared contract (broker/admin/contract.ts): path, body and answer types come from there.
import {
  ADMIN_OPERATIONS as OP,
  adminAuthorization,
  adminPath,
  type AdminErrorBody,
  type AnswerOf,
  type AnyAdminOperation,
  type BodyOf,
  type ParamsOf,
} from '../../broker/admin/contract.js';
import type { AccessPolicy } from '../../domain/access.js';
import type {
  ApiMessage, ApiSendResult, MessagePage, MessageQuery, MessageView, QueueReset, ResendResult, ResetTarget, VerifyOutcome,
} from '../../domain/message.js';
import type { TlsMode } from '../../domain/tls.js';
import type { BrokerMetadata, ConsumerClient, GroupSpec, QueueProgress, TopicSpec, TopicStatus } from '../../domain/topic.js';
import { BrokerAdminError, type BrokerAdmin, type BrokerHealthReport } from '../broker-admin.js';

export { BrokerAdminError } from '../broker-admin.js';

const DEFAULT_TIMEOUT_MS = 5000;

export class HttpBrokerAdmin implements BrokerAdmin {
  constructor(
    private readonly port: number,
    private readonly token: string,
  ) {}

  /** One operation of the contract. */
  async call<O extends AnyAdminOperation>(o: O, params: ParamsOf<O>, body: BodyOf<O>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<AnswerOf<O>> {
    const path = adminPath(o, params);
    const res = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method: o.method,
      headers: { authorization: adminAuthorization(this.token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new BrokerAdminError(res.status, 'BadAnswer', `admin ${o.name} answered ${res.status} with a body that is not JSON`);
    }
    if (!res.ok) {
      const e = (parsed ?? {}) as Partial<AdminErrorBody>;
      throw new BrokerAdminError(res.status, e.code ?? 'AdminError', e.message ?? `admin ${o.name} answered ${res.status}`);
    }
    return parsed as AnswerOf<O>;
  }

  async health(timeoutMs?: number): Promise<BrokerHealthReport> {
    const h = await this.call(OP.health, {}, undefined, timeoutMs);
    return {
      pid: h.pid,
      uptimeMs: h.uptimeMs,
      usedStorageBytes: h.usedStorageBytes,
      // A broker started before TLS existed serves plaintext only.
      tlsMode: h.tlsMode ?? 'PLAINTEXT',
      ...(h.clockOffsetMs === undefined ? {} : { clockOffsetMs: h.clockOffsetMs }),
    };
  }

  async shutdown(timeoutMs?: number): Promise<void> {
    await this.call(OP.shutdown, {}, undefined, timeoutMs);
  }

  metadata(): Promise<BrokerMetadata> {
    return this.call(OP.getMetadata, {}, undefined);
  }

  applyMetadata(meta: BrokerMetadata): Promise<void> {
    return this.call(OP.putMetadata, {}, meta);
  }

  applyAccess(policy: AccessPolicy): Promise<void> {
    return this.call(OP.putAccess, {}, policy);
  }

  putTopic(spec: TopicSpec): Promise<void> {
    return this.call(OP.putTopic, { topic: spec.name }, spec);
  }

  deleteTopic(name: string): Promise<void> {
    return this.call(OP.deleteTopic, { topic: name }, undefined);
  }

  topicStatus(name: string): Promise<TopicStatus> {
    return this.call(OP.topicStatus, { topic: name }, undefined);
  }

  putGroup(spec: GroupSpec): Promise<void> {
    return this.call(OP.putGroup, { group: spec.name }, spec);
  }

  deleteGroup(name: string): Promise<void> {
    return this.call(OP.deleteGroup, { group: name }, undefined);
  }

  // A broker adopted from an older build answers without inflight/oldestUnackedTime and subscriptions/consumeType.
  async groupProgress(name: string): Promise<QueueProgress[]> {
    return (await this.call(OP.groupProgress, { group: name }, undefined)).map((q) => ({ ...q, inflight: q.inflight ?? 0, oldestUnackedTime: q.oldestUnackedTime ?? 0 }));
  }

  async groupClients(name: string): Promise<ConsumerClient[]> {
    return (await this.call(OP.groupClients, { group: name }, undefined)).map((c) => ({ ...c, consumeType: c.consumeType ?? '', subscriptions: c.subscriptions ?? [] }));
  }

  deleteSubscription(group: string, topic: string): Promise<void> {
    return this.call(OP.deleteSubscription, { group, topic }, undefined);
  }

  async setClockOffset(offsetMs: number): Promise<void> {
    await this.call(OP.setClock, {}, { offsetMs });
  }

  queryMessages(topic: string, q: MessageQuery): Promise<MessagePage> {
    return this.call(OP.queryMessages, { topic }, q);
  }

  getMessage(topic: string, messageId: string): Promise<MessageView> {
    return this.call(OP.getMessage, { topic, messageId }, undefined);
  }

  sendMessage(topic: string, m: ApiMessage): Promise<ApiSendResult> {
    return this.call(OP.sendMessage, { topic }, m);
  }

  resetOffset(group: string, topic: string, target: ResetTarget): Promise<QueueReset[]> {
    return this.call(OP.resetOffset, { group, topic }, target);
  }

  resendDeadLetters(group: string, messageIds: string[]): Promise<ResendResult[]> {
    return this.call(OP.resendDeadLetters, { group }, { messageIds });
  }

  verifyConsume(group: string, topic: string, clientId: string, messageId: string): Promise<VerifyOutcome> {
    return this.call(OP.verifyConsume, { group }, { topic, clientId, messageId });
  }

  async setTlsMode(mode: TlsMode): Promise<void> {
    await this.call(OP.setTls, {}, { mode });
  }
}
