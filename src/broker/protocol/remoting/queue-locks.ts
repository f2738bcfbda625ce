// Queue locks of orderly 4.x consumers (LOCK_BATCH_MQ / UNLOCK_BATCH_MQ): one client per (group, topic, broker, queue)
// at a time; a lock not renewed within the expiry (Java rebalanceLockMaxLiveTime, 60 s) may be taken by another.

export interface MessageQueueRef {
  topic: string;
  brokerName: string;
  queueId: number;
}

interface Lock {
  clientId: string;
  renewedAt: number;
}

const keyOf = (group: string, mq: MessageQueueRef): string => `${group}\u0000${mq.topic}\u0000${mq.brokerName}\u0000${mq.queueId}`;

export class QueueLocks {
  private readonly locks = new Map<string, Lock>();

  constructor(private readonly expiryMs = 60_000, private readonly now: () => number = Date.now) {}

  /** Locks what it can for the client and returns the queues the client now holds. */
  lock(group: string, clientId: string, mqs: readonly MessageQueueRef[]): MessageQueueRef[] {
    const t = this.now();
    const held: MessageQueueRef[] = [];
    for (const mq of mqs) {
      const k = keyOf(group, mq);
      const cur = this.locks.get(k);
      if (!cur || cur.clientId === clientId || t - cur.renewedAt > this.expiryMs) {
        this.locks.set(k, { clientId, renewedAt: t });
        held.push(mq);
      }
    }
    return held;
  }

  unlock(group: string, clientId: string, mqs: readonly MessageQueueRef[]): void {
    for (const mq of mqs) {
      const k = keyOf(group, mq);
      if (this.locks.get(k)?.clientId === clientId) this.locks.delete(k);
    }
  }

  /** Who holds the queue now (undefined when free or expired). */
  holder(group: string, mq: MessageQueueRef): string | undefined {
    const cur = this.locks.get(keyOf(group, mq));
    return cur && this.now() - cur.renewedAt <= this.expiryMs ? cur.clientId : undefined;
  }

  releaseClient(clientId: string): void {
    for (const [k, v] of this.locks) if (v.clientId === clientId) this.locks.delete(k);
  }
}

// A peer's JSON may carry any type where a string belongs; take its text form (absent: '').
// eslint-disable-next-line @typescript-eslint/no-base-to-string
const text = (v: unknown): string => String(v ?? '');

/** Parses the LOCK/UNLOCK_BATCH_MQ request body {consumerGroup, clientId, mqSet:[{topic, brokerName, queueId}]}. */
export const parseLockBatchBody = (body: Buffer | null): { consumerGroup: string; clientId: string; mqSet: MessageQueueRef[] } => {
  const raw = (body && body.length > 0 ? JSON.parse(body.toString('utf8')) : {}) as Record<string, unknown>;
  const mqSet = (Array.isArray(raw.mqSet) ? raw.mqSet : []).map((m0) => {
    const m = (m0 ?? {}) as Record<string, unknown>;
    return { topic: text(m.topic), brokerName: text(m.brokerName), queueId: Number(m.queueId) };
  }).filter((m) => m.topic !== '' && Number.isInteger(m.queueId));
  return { consumerGroup: text(raw.consumerGroup), clientId: text(raw.clientId), mqSet };
};
