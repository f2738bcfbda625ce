// Validation of topic and group specs before the engine applies them.
import { EngineError } from './errors.js';
import { MAX_QUEUES_PER_BROKER } from './queue-map.js';
import type { GroupSpec, TopicSpec } from './types.js';

const TOPIC_TYPES = new Set(['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION', 'MIXED']);
const PERMS = new Set(['pub', 'sub', 'all']);

const bad = (msg: string): EngineError => new EngineError('INVALID_METADATA', msg);

const checkName = (kind: string, name: unknown): void => {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) throw bad(`${kind} name must be 1..255 characters`);
};

export const validateTopic = (t: TopicSpec, brokerNames: readonly string[]): TopicSpec => {
  checkName('topic', t?.name);
  if (!TOPIC_TYPES.has(t.messageType)) throw bad(`topic ${t.name}: unknown messageType ${String(t.messageType)}`);
  if (!Number.isInteger(t.queueNum) || t.queueNum < 1 || t.queueNum > MAX_QUEUES_PER_BROKER) {
    throw bad(`topic ${t.name}: queueNum must be 1..${MAX_QUEUES_PER_BROKER}`);
  }
  if (!Array.isArray(t.brokers) || t.brokers.length === 0) throw bad(`topic ${t.name}: brokers must name at least one broker`);
  for (const b of t.brokers) if (!brokerNames.includes(b)) throw bad(`topic ${t.name}: unknown broker ${b}`);
  if (!PERMS.has(t.perm)) throw bad(`topic ${t.name}: perm must be pub, sub or all`);
  if (t.maxSendTps !== undefined && !(t.maxSendTps > 0)) throw bad(`topic ${t.name}: maxSendTps must be positive`);
  const spec: TopicSpec = {
    name: t.name,
    messageType: t.messageType,
    queueNum: t.queueNum,
    brokers: [...new Set(t.brokers)],
    perm: t.perm,
  };
  if (t.maxSendTps !== undefined) spec.maxSendTps = t.maxSendTps;
  return spec;
};

export const validateGroup = (g: GroupSpec): GroupSpec => {
  checkName('group', g?.name);
  if (!Number.isInteger(g.maxRetries) || g.maxRetries < 0 || g.maxRetries > 1000) {
    throw bad(`group ${g.name}: maxRetries must be 0..1000`);
  }
  if (g.maxReceiveTps !== undefined && !(g.maxReceiveTps > 0)) throw bad(`group ${g.name}: maxReceiveTps must be positive`);
  const spec: GroupSpec = {
    name: g.name,
    maxRetries: g.maxRetries,
    consumeOrderly: Boolean(g.consumeOrderly),
    broadcast: Boolean(g.broadcast),
    enabled: g.enabled !== false,
  };
  if (g.deadLetterTopic) spec.deadLetterTopic = g.deadLetterTopic;
  if (g.maxReceiveTps !== undefined) spec.maxReceiveTps = g.maxReceiveTps;
  return spec;
};
