// State shared by the name-server and broker handlers of one remoting front end.

import type { Clock } from '../../../domain/clock.js';
import type { RemotingBackend, EngineQueue, RemotingTopic } from './backend.js';
import type { ClientRegistry } from './client-registry.js';
import { ResponseCode } from './codes.js';
import type { HostAddress } from './host.js';
import type { QueueLocks } from './queue-locks.js';
import { RequestRejected } from './reply-error.js';

export interface RemotingLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface RemotingContext {
  backend: RemotingBackend;
  clients: ClientRegistry;
  locks: QueueLocks;
  /** Store host of every message (offset message ids): the advertised IP and the broker port. */
  storeHost: HostAddress;
  /** "host:port" of the broker listener that routes announce. */
  brokerAddress: string;
  /** Upper bound of one pull response body (at least one message is always returned). */
  maxPullBytes: number;
  /** Upper bound of a long poll whatever the client asks. */
  maxSuspendMs: number;
  log: RemotingLog;
  /** The engine's clock. */
  clock: Clock;
  /** Unique message id of a 4.x half message → its producer group, for the check-back (bounded, in memory). */
  transactionGroups: BoundedMap<string, string>;
}

/** A Map that forgets its oldest entries beyond a size. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.limit) this.delete(this.keys().next().value as K);
    return this;
  }
}

/** The broker name 4.x clients see: one remoting address serves every logical broker, so it is one 4.x broker. */
export const remotingBrokerName = (ctx: RemotingContext): string => ctx.backend.brokerNames()[0] ?? 'broker-a';

export const requireTopic = (ctx: RemotingContext, name: string): RemotingTopic => {
  const t = ctx.backend.topic(name);
  if (!t) throw new RequestRejected(ResponseCode.TOPIC_NOT_EXIST, `topic[${name}] not exist, apply first please!`);
  return t;
};

export const engineQueueOf = (topic: RemotingTopic, queueId: number): EngineQueue => {
  const q = topic.queues[queueId];
  if (!q) {
    throw new RequestRejected(ResponseCode.SYSTEM_ERROR, `queueId[${queueId}] is illegal, topic:[${topic.name}] topicConfig.readQueueNums:[${topic.queues.length}]`);
  }
  return q;
};

/** 4.x queue id of an engine queue of the topic (-1 when the topic does not hold it). */
export const remotingQueueIdOf = (topic: RemotingTopic, q: EngineQueue): number =>
  topic.queues.findIndex((x) => x.brokerName === q.brokerName && x.queueId === q.queueId);
