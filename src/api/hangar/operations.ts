// The operations of Hangar's own API (/hangar/v1/…) over the service layer: instances, topics and consumer groups. One
// table: the router is built from it and so is its OpenAPI document (openapi.ts). An instance in a path is either
// cloud's id or its name.
import { DomainError } from '../../domain/errors.js';
import type { Caller } from '../../service/caller.js';
import type { ApiDeps } from '../deps.js';
import { parseCreateInstance } from './create-instance.js';
import { readBody } from './fields.js';
import { statusWord } from '../../domain/status.js';
import { groupView, instanceView, topicView } from './views.js';

export interface HangarRequest {
  caller: Caller;
  params: Record<string, string>;
  body: Buffer;
  deps: ApiDeps;
}

/** A field of a request body, for the OpenAPI document. */
export interface BodyField {
  type: 'string' | 'integer' | 'boolean';
  description: string;
  required?: boolean;
  enum?: readonly string[];
}

export interface HangarOperation {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  summary: string;
  /** Status of a success. */
  status: number;
  /** Schema name of the answer (components of the OpenAPI document). */
  answers: string;
  body?: Record<string, BodyField>;
  run(r: HangarRequest): Promise<unknown>;
}

// Topic and group names as both clouds accept them.
const RESOURCE_NAME = /^[A-Za-z0-9%|_-]{3,64}$/;
const RESOURCE_NAME_TEXT = '3 to 64 letters, digits, %, |, _ or -';

const instanceOf = (r: HangarRequest) => r.deps.instances.getByRef(r.caller, r.params.instance!);

export const HANGAR_OPERATIONS: readonly HangarOperation[] = [
  {
    name: 'ListInstances',
    method: 'GET',
    path: '/hangar/v1/instances',
    summary: "The credential's project's instances (failed creates included).",
    status: 200,
    answers: 'InstanceList',
    run: async ({ caller, deps }) => ({ instances: (await deps.instances.list(caller, { includeFailed: true })).items.map(instanceView) }),
  },
  {
    name: 'CreateInstance',
    method: 'POST',
    path: '/hangar/v1/instances',
    summary: 'Records a new instance (status CREATING) and returns at once; poll it until RUNNING.',
    status: 202,
    answers: 'Instance',
    body: {
      name: { type: 'string', required: true, description: 'Starts with a letter; 4 to 64 letters, digits, _ or -. Unique among live instances.' },
      engineVersion: { type: 'string', enum: ['5.x', '4.8.0'], description: 'RocketMQ generation (default 5.x).' },
      flavor: { type: 'string', description: 'A Huawei product_id or an Alibaba msgProcessSpec (default rocketmq.b2.large.4 for 5.x, c6.4u8g.cluster for 4.8.0).' },
      storageGb: { type: 'integer', description: "Storage space in GB (default the flavour's minimum)." },
      brokers: { type: 'integer', description: "Logical brokers (default the flavour's)." },
      description: { type: 'string', description: 'Free text.' },
    },
    run: async ({ caller, body, deps }) => instanceView(await deps.instances.create(caller, parseCreateInstance(body), { uniqueName: true })),
  },
  {
    name: 'ShowInstance',
    method: 'GET',
    path: '/hangar/v1/instances/{instance}',
    summary: 'One instance, by its Huawei id, Alibaba id or name.',
    status: 200,
    answers: 'Instance',
    run: async (r) => instanceView(await instanceOf(r)),
  },
  {
    name: 'DeleteInstance',
    method: 'DELETE',
    path: '/hangar/v1/instances/{instance}',
    summary: 'Deletes the instance and its data (status DELETING, then gone).',
    status: 202,
    answers: 'Instance',
    run: async (r) => {
      const i = await instanceOf(r);
      await r.deps.instances.delete(r.caller, i.huaweiId);
      return { ...instanceView(i), status: statusWord('deleting') };
    },
  },
  {
    name: 'RestartInstance',
    method: 'POST',
    path: '/hangar/v1/instances/{instance}/restart',
    summary: 'Restarts the broker of a RUNNING (or ERROR) instance (status RESTARTING, then RUNNING).',
    status: 202,
    answers: 'Instance',
    run: async (r) => {
      const i = await instanceOf(r);
      await r.deps.instances.restart(r.caller, i.huaweiId);
      return { ...instanceView(i), status: statusWord('restarting') };
    },
  },
  {
    name: 'ListTopics',
    method: 'GET',
    path: '/hangar/v1/instances/{instance}/topics',
    summary: "The instance's topics.",
    status: 200,
    answers: 'TopicList',
    run: async (r) => ({ topics: (await r.deps.topics.list(r.caller, (await instanceOf(r)).huaweiId)).map(topicView) }),
  },
  {
    name: 'CreateTopic',
    method: 'POST',
    path: '/hangar/v1/instances/{instance}/topics',
    summary: 'Creates a topic on a RUNNING instance; usable by clients when the call returns.',
    status: 201,
    answers: 'Topic',
    body: {
      name: { type: 'string', required: true, description: RESOURCE_NAME_TEXT },
      messageType: { type: 'string', enum: ['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION'], description: 'Default NORMAL (MIXED on 4.8.0).' },
      queueNum: { type: 'integer', description: 'Queues per broker (default 8).' },
    },
    run: async (r) => {
      const b = readBody(r.body);
      const name = b.string('name', { required: true, pattern: RESOURCE_NAME, patternText: RESOURCE_NAME_TEXT })!;
      const messageType = b.enumOf('messageType', ['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION'] as const);
      const queueNum = b.integer('queueNum', { min: 1, max: 50 });
      const i = await instanceOf(r);
      return topicView(await r.deps.topics.create(r.caller, i.huaweiId, { name, messageType, queueNum }));
    },
  },
  {
    name: 'ShowTopic',
    method: 'GET',
    path: '/hangar/v1/instances/{instance}/topics/{topic}',
    summary: 'One topic.',
    status: 200,
    answers: 'Topic',
    run: async (r) => topicView(await r.deps.topics.get(r.caller, (await instanceOf(r)).huaweiId, r.params.topic!)),
  },
  {
    name: 'DeleteTopic',
    method: 'DELETE',
    path: '/hangar/v1/instances/{instance}/topics/{topic}',
    summary: 'Deletes a topic and its messages.',
    status: 200,
    answers: 'Deleted',
    run: async (r) => {
      await r.deps.topics.delete(r.caller, (await instanceOf(r)).huaweiId, r.params.topic!);
      return { deleted: r.params.topic };
    },
  },
  {
    name: 'ListGroups',
    method: 'GET',
    path: '/hangar/v1/instances/{instance}/groups',
    summary: "The instance's consumer groups.",
    status: 200,
    answers: 'GroupList',
    run: async (r) => ({ groups: (await r.deps.groups.list(r.caller, (await instanceOf(r)).huaweiId)).map(groupView) }),
  },
  {
    name: 'CreateGroup',
    method: 'POST',
    path: '/hangar/v1/instances/{instance}/groups',
    summary: 'Creates a consumer group on a RUNNING instance.',
    status: 201,
    answers: 'Group',
    body: {
      name: { type: 'string', required: true, description: RESOURCE_NAME_TEXT },
      maxRetries: { type: 'integer', description: 'Redeliveries before the dead-letter topic (default 16).' },
      consumeOrderly: { type: 'boolean', description: 'Orderly consumption (FIFO topics).' },
      broadcast: { type: 'boolean', description: 'Broadcast instead of clustering consumption.' },
    },
    run: async (r) => {
      const b = readBody(r.body);
      const name = b.string('name', { required: true, pattern: RESOURCE_NAME, patternText: RESOURCE_NAME_TEXT })!;
      const maxRetries = b.integer('maxRetries', { min: 0, max: 100 });
      const consumeOrderly = b.boolean('consumeOrderly');
      const broadcast = b.boolean('broadcast');
      const i = await instanceOf(r);
      return groupView(await r.deps.groups.create(r.caller, i.huaweiId, { name, maxRetries, consumeOrderly, broadcast }));
    },
  },
  {
    name: 'ShowGroup',
    method: 'GET',
    path: '/hangar/v1/instances/{instance}/groups/{group}',
    summary: 'One consumer group.',
    status: 200,
    answers: 'Group',
    run: async (r) => groupView(await r.deps.groups.get(r.caller, (await instanceOf(r)).huaweiId, r.params.group!)),
  },
  {
    name: 'DeleteGroup',
    method: 'DELETE',
    path: '/hangar/v1/instances/{instance}/groups/{group}',
    summary: 'Deletes a consumer group, its offsets and retries.',
    status: 200,
    answers: 'Deleted',
    run: async (r) => {
      await r.deps.groups.delete(r.caller, (await instanceOf(r)).huaweiId, r.params.group!);
      return { deleted: r.params.group };
    },
  },
];

/** Hangar's refusal of a path it does not know. */
export const notAnOperation = (method: string, path: string): DomainError =>
  new DomainError('NotFound', `${method} ${path} is not an operation of Hangar's API.`);
