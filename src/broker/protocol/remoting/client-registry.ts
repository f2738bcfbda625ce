// Producers and consumers known from HEART_BEAT, per group. GET_CONSUMER_LIST_BY_GROUP answers from here (a 4.x
// consumer allocates queues only among the ids listed), and the transaction check-back finds a producer of the
// half message's group here. Entries go when the client unregisters, its connection closes, or it stays silent.

import type { RemotingPeer } from './peer.js';

export interface SubscriptionData {
  topic: string;
  subString: string;
  tagsSet: string[];
  expressionType: string;
  subVersion: number;
}

export type MessageModel = 'CLUSTERING' | 'BROADCASTING';

export interface ConsumerData {
  groupName: string;
  consumeType: string;
  messageModel: MessageModel;
  consumeFromWhere: string;
  subscriptions: SubscriptionData[];
}

export interface HeartbeatData {
  clientId: string;
  producerGroups: string[];
  consumers: ConsumerData[];
}

interface Member {
  clientId: string;
  peer: RemotingPeer;
  lastSeen: number;
}

interface ConsumerMember extends Member {
  data: ConsumerData;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
// A peer's JSON may carry any type where a string belongs; like the Java broker, take its text form.
// eslint-disable-next-line @typescript-eslint/no-base-to-string
const asString = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : v === undefined || v === null ? fallback : String(v));

/** Parses the HEART_BEAT body (HeartbeatData JSON); unknown fields are ignored. */
export const parseHeartbeat = (body: Buffer | null): HeartbeatData => {
  const raw = body && body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
  return {
    clientId: asString(raw.clientID),
    producerGroups: asArray(raw.producerDataSet).map((p) => asString((p as Record<string, unknown>)?.groupName)).filter((g) => g !== ''),
    consumers: asArray(raw.consumerDataSet).map((c0) => {
      const c = (c0 ?? {}) as Record<string, unknown>;
      return {
        groupName: asString(c.groupName),
        consumeType: asString(c.consumeType, 'CONSUME_PASSIVELY'),
        messageModel: c.messageModel === 'BROADCASTING' ? 'BROADCASTING' : 'CLUSTERING',
        consumeFromWhere: asString(c.consumeFromWhere, 'CONSUME_FROM_LAST_OFFSET'),
        subscriptions: asArray(c.subscriptionDataSet).map((s0) => {
          const s = (s0 ?? {}) as Record<string, unknown>;
          return {
            topic: asString(s.topic),
            subString: asString(s.subString, '*'),
            tagsSet: asArray(s.tagsSet).map((t) => asString(t)),
            expressionType: asString(s.expressionType, 'TAG'),
            subVersion: Number(s.subVersion) || 0,
          };
        }),
      } satisfies ConsumerData;
    }).filter((c) => c.groupName !== ''),
  };
};

export class ClientRegistry {
  private readonly consumers = new Map<string, Map<string, ConsumerMember>>();
  private readonly producers = new Map<string, Map<string, Member>>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Called with the group whose member list changed (to send NOTIFY_CONSUMER_IDS_CHANGED). */
    private readonly onConsumersChanged: (group: string) => void = () => {},
  ) {}

  heartbeat(peer: RemotingPeer, hb: HeartbeatData): void {
    const t = this.now();
    for (const group of hb.producerGroups) {
      let m = this.producers.get(group);
      if (!m) this.producers.set(group, (m = new Map<string, Member>()));
      m.set(hb.clientId, { clientId: hb.clientId, peer, lastSeen: t });
    }
    for (const data of hb.consumers) {
      let m = this.consumers.get(data.groupName);
      if (!m) this.consumers.set(data.groupName, (m = new Map<string, ConsumerMember>()));
      const isNew = !m.has(hb.clientId);
      m.set(hb.clientId, { clientId: hb.clientId, peer, lastSeen: t, data });
      if (isNew) this.onConsumersChanged(data.groupName);
    }
  }

  unregister(clientId: string, group: { producerGroup?: string; consumerGroup?: string }): void {
    if (group.producerGroup) this.producers.get(group.producerGroup)?.delete(clientId);
    if (group.consumerGroup && this.consumers.get(group.consumerGroup)?.delete(clientId)) this.onConsumersChanged(group.consumerGroup);
  }

  /** Forgets every client that spoke over this connection. */
  connectionClosed(peer: RemotingPeer): void {
    for (const m of this.producers.values()) for (const [id, v] of m) if (v.peer === peer) m.delete(id);
    for (const [group, m] of this.consumers) {
      let changed = false;
      for (const [id, v] of m) if (v.peer === peer) changed = m.delete(id) || changed;
      if (changed) this.onConsumersChanged(group);
    }
  }

  /** Drops members silent for longer than maxIdleMs (Java: 120 s). */
  expire(maxIdleMs: number): void {
    const limit = this.now() - maxIdleMs;
    for (const m of this.producers.values()) for (const [id, v] of m) if (v.lastSeen < limit) m.delete(id);
    for (const [group, m] of this.consumers) {
      let changed = false;
      for (const [id, v] of m) if (v.lastSeen < limit) changed = m.delete(id) || changed;
      if (changed) this.onConsumersChanged(group);
    }
  }

  consumerIds(group: string): string[] {
    return [...(this.consumers.get(group)?.keys() ?? [])].sort();
  }

  /** The connection of one consumer of the group, while it is open. */
  consumerPeer(group: string, clientId: string): RemotingPeer | undefined {
    const m = this.consumers.get(group)?.get(clientId);
    return m && !m.peer.closed ? m.peer : undefined;
  }

  consumerPeers(group: string): RemotingPeer[] {
    return [...(this.consumers.get(group)?.values() ?? [])].map((m) => m.peer);
  }

  /** The subscription a group's consumers declared for a topic (the newest heartbeat wins). */
  subscription(group: string, topic: string): SubscriptionData | undefined {
    let best: { s: SubscriptionData; t: number } | undefined;
    for (const m of this.consumers.get(group)?.values() ?? []) {
      const s = m.data.subscriptions.find((x) => x.topic === topic);
      if (s && (!best || m.lastSeen >= best.t)) best = { s, t: m.lastSeen };
    }
    return best?.s;
  }

  messageModel(group: string): MessageModel | undefined {
    for (const m of this.consumers.get(group)?.values() ?? []) return m.data.messageModel;
    return undefined;
  }

  /** A live producer connection of the group, for the transaction check-back. */
  producerPeer(group: string): RemotingPeer | undefined {
    for (const m of this.producers.get(group)?.values() ?? []) if (!m.peer.closed) return m.peer;
    return undefined;
  }

  /** Every consumer group with at least one live member (for diagnostics and tests). */
  consumerGroups(): string[] {
    return [...this.consumers].filter(([, m]) => m.size > 0).map(([g]) => g);
  }
}
