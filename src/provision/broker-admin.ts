// The control plane's typed view of a running broker: what use cases and the reconciler may ask of it. The embedded
// driver speaks the broker's admin contract (broker/admin/contract.ts) over loopback HTTP; another driver may implement
// the same interface over RocketMQ's own admin protocol. Use cases never see a path or a status code.
import type { AccessPolicy } from '../domain/access.js';
import type {
  ApiMessage, ApiSendResult, MessagePage, MessageQuery, MessageView, QueueReset, ResendResult, ResetTarget, VerifyOutcome,
} from '../domain/message.js';
import type { TlsMode } from '../domain/tls.js';
import type { BrokerMetadata, ConsumerClient, GroupSpec, QueueProgress, TopicSpec, TopicStatus } from '../domain/topic.js';

export interface BrokerHealthReport {
  pid: number;
  uptimeMs: number;
  usedStorageBytes: number;
  /** The broker's test-clock offset; absent on the system clock. */
  clockOffsetMs?: number;
  /** The TLS mode its data-plane ports serve now. */
  tlsMode: TlsMode;
}

export interface BrokerAdmin {
  health(timeoutMs?: number): Promise<BrokerHealthReport>;
  /** Asks the broker to stop (it exits soon after answering). */
  shutdown(timeoutMs?: number): Promise<void>;
  metadata(): Promise<BrokerMetadata>;
  /** Converges the broker to exactly these topics and groups. */
  applyMetadata(meta: BrokerMetadata): Promise<void>;
  putTopic(spec: TopicSpec): Promise<void>;
  deleteTopic(name: string): Promise<void>;
  topicStatus(name: string): Promise<TopicStatus>;
  putGroup(spec: GroupSpec): Promise<void>;
  deleteGroup(name: string): Promise<void>;
  groupProgress(name: string): Promise<QueueProgress[]>;
  groupClients(name: string): Promise<ConsumerClient[]>;
  deleteSubscription(group: string, topic: string): Promise<void>;
  /** Replaces the broker's access policy; clients' next requests are checked against it. */
  applyAccess(policy: AccessPolicy): Promise<void>;
  /** Moves the broker's test clock to this offset (never back). */
  setClockOffset(offsetMs: number): Promise<void>;
  queryMessages(topic: string, q: MessageQuery): Promise<MessagePage>;
  getMessage(topic: string, messageId: string): Promise<MessageView>;
  sendMessage(topic: string, m: ApiMessage): Promise<ApiSendResult>;
  resetOffset(group: string, topic: string, target: ResetTarget): Promise<QueueReset[]>;
  resendDeadLetters(group: string, messageIds: string[]): Promise<ResendResult[]>;
  verifyConsume(group: string, topic: string, clientId: string, messageId: string): Promise<VerifyOutcome>;
  /** Switches the TLS mode of the broker's gRPC and remoting ports now; connections the mode refuses are closed. */
  setTlsMode(mode: TlsMode): Promise<void>;
}

/** A broker refused or failed a call. `notFound`: the topic or group named does not exist on the broker. */
export class BrokerAdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BrokerAdminError';
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}
