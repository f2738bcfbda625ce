// Huawei topic operations over the neutral topic service.
import { DomainError } from '../../domain/errors.js';
import { instanceLimits } from '../../domain/catalogue.js';
import type { Topic } from '../../domain/topic.js';
import { parseJsonObjectBody, read, page, paged, resourceName, type Json } from './body.js';
import type { RawRouter } from './router.js';
import type { HuaweiOperation, HuaweiRequest, HuaweiResponse } from './operation.js';

const op = (name: string, run: (r: HuaweiRequest) => Promise<HuaweiResponse>): HuaweiOperation => ({ name, run });
const PERMISSIONS = ['sub', 'pub', 'all'] as const;
const MESSAGE_TYPES = ['NORMAL', 'FIFO', 'DELAY', 'TRANSACTION'] as const;

export function topicView(t: Topic): Record<string, unknown> {
  const read = t.perm === 'pub' ? 0 : t.queueNum;
  const write = t.perm === 'sub' ? 0 : t.queueNum;
  return {
    name: t.name,
    total_read_queue_num: read * t.brokers.length,
    total_write_queue_num: write * t.brokers.length,
    permission: t.perm,
    created_at: t.createdAt,
    brokers: t.brokers.map((b) => ({ broker_name: b, read_queue_num: read, write_queue_num: write })),
    message_type: t.messageType === 'MIXED' ? 'NORMAL' : t.messageType,
    topic_desc: t.remark,
  };
}

/** queue_num, or a uniform per-broker `queues` list (the broker owns queue ids 0..n-1 of its share). */
function queueLayout(b: Json): { queueNum?: number; brokers?: string[] } {
  const f = read(b);
  const queueNum = f.integer('queue_num', { min: 1, max: 50 });
  const brokers = f.stringArray('brokers');
  const queues = b.queues;
  if (queues === undefined || queues === null) return { queueNum, brokers };
  if (!Array.isArray(queues) || queues.length === 0) throw new DomainError('InvalidParameter', 'Invalid queues: must be a non-empty array.', { field: 'queues' });
  const nums = queues.map((q: unknown) => {
    const o = (q ?? {}) as Json;
    if (typeof o.broker !== 'string') throw new DomainError('InvalidParameter', 'Invalid queues: each entry needs a broker.', { field: 'queues.broker' });
    return { broker: o.broker, n: read(o).integer('queue_num', { min: 1, max: 50 }) ?? queueNum ?? 8 };
  });
  if (new Set(nums.map((x) => x.n)).size > 1) {
    throw new DomainError('InvalidParameter', 'Invalid queues: every broker must have the same queue_num.', { field: 'queues.queue_num' });
  }
  return { queueNum: nums[0]!.n, brokers: nums.map((x) => x.broker) };
}

export function topicRoutes(r: RawRouter<HuaweiOperation>): void {
  const base = '/v2/{project_id}/instances/{instance_id}/topics';

  r.add(
    'POST',
    base,
    op('CreateTopicOrBatchDeleteTopic', async ({ caller, params, query, body, deps }) => {
      const b = parseJsonObjectBody(body);
      const f = read(b);
      const id = params.instance_id!;
      if (query.get('action') === 'delete') {
        const names = f.stringArray('topics');
        if (!names?.length) throw new DomainError('MissingParameter', 'The parameter topics is mandatory.', { field: 'topics' });
        for (const n of names) await deps.topics.get(caller, id, n);
        for (const n of names) await deps.topics.delete(caller, id, n);
        return { status: 204 };
      }
      if (query.get('action') !== null) throw new DomainError('InvalidParameter', 'Invalid action: only delete is supported.', { field: 'action' });
      const name = resourceName(b, 'name');
      const layout = queueLayout(b);
      const t = await deps.topics.create(caller, id, {
        name,
        ...layout,
        perm: f.enumOf('permission', PERMISSIONS),
        messageType: f.enumOf('message_type', MESSAGE_TYPES),
        remark: f.string('topic_desc', { max: 200 }),
      });
      return { status: 200, body: { id: t.name } };
    }),
  );

  r.add(
    'GET',
    base,
    op('ListRocketInstanceTopics', async ({ caller, params, query, deps }) => {
      const p = page(query);
      const i = await deps.instances.get(caller, params.instance_id!);
      const all = await deps.topics.list(caller, params.instance_id!);
      const { slice, next_offset, previous_offset } = paged(all, p);
      const max = instanceLimits(i.flavorId, i.brokerNum).maxTopics;
      return {
        status: 200,
        body: { total: all.length, max, remaining: Math.max(0, max - all.length), next_offset, previous_offset, topics: slice.map(topicView) },
      };
    }),
  );

  r.add(
    'GET',
    `${base}/{topic}`,
    op('ShowOneTopic', async ({ caller, params, deps }) => ({
      status: 200,
      body: topicView(await deps.topics.get(caller, params.instance_id!, params.topic!)),
    })),
  );

  r.add(
    'PUT',
    `${base}/{topic}`,
    op('UpdateTopic', async ({ caller, params, body, deps }) => {
      const b = parseJsonObjectBody(body);
      const f = read(b);
      const readQueues = f.integer('read_queue_num', { min: 1, max: 50 });
      const writeQueues = f.integer('write_queue_num', { min: 1, max: 50 });
      if (readQueues !== undefined && writeQueues !== undefined && readQueues !== writeQueues) {
        throw new DomainError('InvalidParameter', 'Invalid write_queue_num: must equal read_queue_num.', { field: 'write_queue_num' });
      }
      const layout = queueLayout({ queues: b.queues });
      await deps.topics.update(caller, params.instance_id!, params.topic!, {
        queueNum: layout.queueNum ?? readQueues ?? writeQueues,
        brokers: layout.brokers,
        perm: f.enumOf('permission', PERMISSIONS),
        remark: f.string('topic_desc', { max: 200 }),
      });
      return { status: 204 };
    }),
  );

  r.add(
    'DELETE',
    `${base}/{topic}`,
    op('DeleteTopic', async ({ caller, params, deps }) => {
      await deps.topics.delete(caller, params.instance_id!, params.topic!);
      return { status: 204 };
    }),
  );

  r.add(
    'GET',
    `${base}/{topic}/status`,
    op('ShowTopicStatus', async ({ caller, params, deps }) => {
      const s = await deps.topics.status(caller, params.instance_id!, params.topic!);
      const queues = s.brokers.flatMap((b) => b.queues);
      return {
        status: 200,
        body: {
          max_offset: queues.reduce((n, q) => n + q.maxOffset, 0),
          min_offset: queues.reduce((n, q) => n + q.minOffset, 0),
          brokers: s.brokers.map((b) => ({
            broker_name: b.brokerName,
            queues: b.queues.map((q) => ({ id: q.id, min_offset: q.minOffset, max_offset: q.maxOffset, last_message_time: q.lastMessageTime })),
          })),
        },
      };
    }),
  );

  r.add(
    'GET',
    `${base}/{topic}/groups`,
    op('ListConsumerGroupOfTopic', async ({ caller, params, query, deps }) => {
      const id = params.instance_id!;
      await deps.topics.get(caller, id, params.topic!);
      const consuming: string[] = [];
      for (const g of await deps.groups.list(caller, id)) {
        const progress = await deps.groups.progress(caller, id, g.name);
        if (progress.some((q) => q.topic === params.topic)) consuming.push(g.name);
      }
      const { slice } = paged(consuming, page(query));
      return { status: 200, body: { groups: slice, total: consuming.length } };
    }),
  );
}
