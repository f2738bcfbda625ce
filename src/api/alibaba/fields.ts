// Field rules shared by several Alibaba operations: tags, retention, topic and group names.
import { invalid } from '../../domain/errors.js';
import type { Tag } from '../../domain/instance.js';
import type { Reader } from './read.js';

/** Message retention in hours; Alibaba documents a minimum of 1 and a default of 72 (the maximum is ours: 30 days). */
export const MESSAGE_RETENTION_HOURS = { min: 1, max: 720 } as const;
export const DEFAULT_MESSAGE_RETENTION_HOURS = 72;

export const MAX_TAGS = 20;

/** Validates one tag key/value pair as Alibaba's tag service does. */
export const checkTag = (key: unknown, value: unknown, field: string): Tag => {
  if (typeof key !== 'string' || key.trim() === '') throw invalid(`${field}.key`, `The parameter ${field}.key is mandatory.`);
  if ([...key].length > 128) throw invalid(`${field}.key`, `The parameter ${field}.key must have at most 128 characters.`);
  if (/^(aliyun|acs:)/i.test(key)) throw invalid(`${field}.key`, `The parameter ${field}.key must not start with aliyun or acs:.`);
  const v = value === undefined || value === null ? '' : value;
  if (typeof v !== 'string') throw invalid(`${field}.value`, `The parameter ${field}.value must be a string.`);
  if ([...v].length > 128) throw invalid(`${field}.value`, `The parameter ${field}.value must have at most 128 characters.`);
  return { key, value: v };
};

/** Checks a list of {key, value} objects: at most 20, keys unique. */
export const checkTagList = (list: unknown[], field: string): Tag[] => {
  if (list.length > MAX_TAGS) throw invalid(field, `The parameter ${field} must have at most ${MAX_TAGS} tags.`);
  const tags = list.map((t, i) => {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) throw invalid(`${field}[${i}]`, `The parameter ${field}[${i}] must be an object.`);
    const o = t as Record<string, unknown>;
    return checkTag(o['key'] ?? o['Key'], o['value'] ?? o['Value'], `${field}[${i}]`);
  });
  const keys = new Set<string>();
  for (const t of tags) {
    if (keys.has(t.key)) throw invalid(field, `The tag key ${t.key} is repeated in ${field}.`);
    keys.add(t.key);
  }
  return tags;
};

export const parseTags = (r: Reader, key: string): Tag[] => {
  const list = r.array(key);
  return list === undefined ? [] : checkTagList(list, r.field(key));
};

const RESERVED_NAMES = new Set([
  'TBW102',
  'BenchmarkTest',
  'SELF_TEST_TOPIC',
  'OFFSET_MOVED_EVENT',
  'SCHEDULE_TOPIC_XXXX',
  'RMQ_SYS_TRANS_HALF_TOPIC',
  'RMQ_SYS_TRACE_TOPIC',
  'RMQ_SYS_TRANS_OP_HALF_TOPIC',
]);
const RESERVED_PREFIXES = ['rmq_sys_', '%RETRY%', '%DLQ%', 'rocketmq-broker-', 'rocketmq-proxy-'];

/** Alibaba's rule for topic names and consumer group ids created through this dialect. */
export const checkResourceName = (name: string, field: 'topicName' | 'consumerGroupId', dialectCode?: string): string => {
  const what = field === 'topicName' ? 'topic name' : 'consumer group ID';
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(name)) {
    throw invalid(field, `The ${what} ${JSON.stringify(name)} is invalid: use 1-60 letters, digits, _ or -.`, dialectCode);
  }
  if (RESERVED_NAMES.has(name) || RESERVED_PREFIXES.some((p) => name.toLowerCase().startsWith(p.toLowerCase())) || name.endsWith('_REPLY_TOPIC')) {
    throw invalid(field, `The ${what} ${name} is reserved by the system.`, dialectCode);
  }
  return name;
};

export const ACL_TYPES = ['default', 'apache_acl'] as const;

/** aclInfo.aclTypes: at least one of default (intelligent identity) and apache_acl (access control on). */
export function readAclTypes(acl: Reader): string[] | undefined {
  const types = acl.stringArray('aclTypes', {
    max: ACL_TYPES.length,
    item: (s, f) => {
      if (!(ACL_TYPES as readonly string[]).includes(s)) throw invalid(f, `The parameter ${f} must be one of ${ACL_TYPES.join(', ')}.`);
    },
  });
  if (types !== undefined && types.length === 0) throw invalid('aclInfo.aclTypes', 'The parameter aclInfo.aclTypes must name at least one type.');
  return types && [...new Set(types)];
}
