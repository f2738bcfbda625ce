// How a (logical broker, queue id) pair maps to one queue of the shared message store. Every logical broker of the
// instance lives in this process; each owns a band of QUEUE_STRIDE store queue ids, so broker-a's queue n is store
// queue n and a broker's queues keep their store ids when queueNum changes.

export const QUEUE_STRIDE = 1024;
export const MAX_QUEUES_PER_BROKER = QUEUE_STRIDE;

export const storeQueueId = (brokerOrdinal: number, queueId: number): number => brokerOrdinal * QUEUE_STRIDE + queueId;

export const brokerOrdinalOf = (storeQueue: number): number => Math.floor(storeQueue / QUEUE_STRIDE);

export const queueIdOf = (storeQueue: number): number => storeQueue % QUEUE_STRIDE;
