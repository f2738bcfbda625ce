// Huawei message operations over the neutral message service: listMessages, sendMessage, sendDlqMessage,
// validateConsumedMessage (each also as …ForRocketMq) and resetConsumeOffset. Bodies are UTF-8 text, or base64 when
// the bytes are not UTF-8 (`body_encoding` says which); listings carry at most 4 KiB of each body.
import { LISTING_BODY_BYTES, type ApiMessage, type MessageView, type ResetTarget } from '../../domain/message.js';
import { DLQ_PREFIX } from '../../domain/topic.js';
import { FieldReader } from '../http/fields.js';
import { HUAWEI_FIELDS, bad, page, parseJsonObjectBody, read } from './body.js';
import type { HuaweiOperation, HuaweiRequest, HuaweiResponse } from './operation.js';
import type { RawRouter } from './router.js';

const op = (name: string, run: (r: HuaweiRequest) => Promise<HuaweiResponse>): HuaweiOperation => ({ name, run });

/** Both spellings of an instance path: with the {engine} segment and the …ForRocketMq one. */
export const paths = (tail: string): string[] => [`/v2/{engine}/{project_id}/instances/{instance_id}${tail}`, `/v2/{project_id}/rocketmq/instances/{instance_id}${tail}`];

const propertyList = (props: Record<string, string>): { name: string; value: string }[] => Object.entries(props).map(([name, value]) => ({ name, value }));

export function messageView(m: MessageView, instanceId: string): Record<string, unknown> {
  return {
    msg_id: m.messageId,
    instance_id: instanceId,
    topic: m.topic,
    store_timestamp: m.storeTimestamp,
    born_timestamp: m.bornTimestamp,
    reconsume_times: m.reconsumeTimes,
    body: m.body,
    body_encoding: m.bodyEncoding,
    body_crc: m.bodyCrc,
    store_size: m.storeSize,
    property_list: propertyList({ ...m.systemProperties, ...m.userProperties }),
    born_host: m.bornHost,
    store_host: m.storeHost,
    queue_id: m.queueId,
    queue_offset: m.queueOffset,
  };
}

/** A SendMessageReq: TAGS and KEYS (space separated) of property_list steer the message; the rest are user properties. */
function apiMessageOf(f: FieldReader): ApiMessage {
  const m: ApiMessage = { body: f.string('body', { required: true })! };
  const user: Record<string, string> = {};
  for (const p of f.objectArray('property_list', { max: 64 }) ?? []) {
    const name = p.string('name', { required: true, min: 1, max: 128 })!;
    const value = p.string('value', { required: true, max: 4096 })!;
    if (name === 'TAGS') m.tag = value;
    else if (name === 'KEYS') m.keys = value.split(' ').filter((k) => k !== '');
    else user[name] = value;
  }
  if (Object.keys(user).length > 0) m.userProperties = user;
  return m;
}

/** timestamp: 0 is the earliest offset, -1 the latest, anything else a store time in ms. */
function resetTargetOf(f: FieldReader): ResetTarget {
  const ts = f.integer('timestamp', { required: true, min: -1 })!;
  if (ts === 0) return { kind: 'earliest' };
  if (ts === -1) return { kind: 'latest' };
  return { kind: 'time', timestampMs: ts };
}

export function messageRoutes(r: RawRouter<HuaweiOperation>): void {
  const list = op('ListMessages', async ({ caller, params, query, deps }) => {
    const q = new FieldReader(HUAWEI_FIELDS, Object.fromEntries(query), '', true);
    const topic = q.string('topic', { required: true, min: 1 })!;
    const { limit, offset } = page(query, 50, 10);
    const queueId = q.integer('queue', { min: 0 });
    const beginMs = q.integer('start_time', { min: 0 });
    const endMs = q.integer('end_time', { min: 0 });
    if (beginMs !== undefined && endMs !== undefined && beginMs > endMs) throw bad('start_time', 'The parameter start_time must not be after end_time.');
    const messageId = q.string('msg_id');
    const key = q.string('key');
    const found = await deps.messages.list(caller, params.instance_id!, topic, {
      offset,
      limit,
      maxBodyBytes: LISTING_BODY_BYTES,
      ...(queueId === undefined ? {} : { queue: { queueId } }),
      ...(beginMs === undefined ? {} : { beginMs }),
      ...(endMs === undefined ? {} : { endMs }),
      ...(messageId === undefined ? {} : { messageId }),
      ...(key === undefined ? {} : { key }),
    });
    return { status: 200, body: { messages: found.messages.map((m) => messageView(m, params.instance_id!)), total: found.total } };
  });

  const send = op('SendMessage', async ({ caller, params, body, deps }) => {
    const f = read(parseJsonObjectBody(body));
    const topic = f.string('topic', { required: true, min: 1 })!;
    const m = apiMessageOf(f);
    const sent = await deps.messages.send(caller, params.instance_id!, topic, m);
    return {
      status: 200,
      body: {
        topic,
        body: m.body,
        property_list: f.value('property_list') ?? [],
        msg_id: sent.messageId,
        queue_id: sent.queueId,
        queue_offset: sent.queueOffset,
        broker_name: sent.brokerName,
      },
    };
  });

  const resendDlq = op('SendDlqMessage', async ({ caller, params, body, deps }) => {
    const f = read(parseJsonObjectBody(body));
    const topic = f.string('topic', { required: true })!;
    if (!topic.startsWith(DLQ_PREFIX) || topic.length === DLQ_PREFIX.length) throw bad('topic', `The parameter topic must be a dead-letter topic (${DLQ_PREFIX}<group>).`);
    const ids = f.stringArray('msg_id_list', { required: true, max: 100 })!;
    if (ids.length === 0) throw bad('msg_id_list', 'The parameter msg_id_list must have from 1 to 100 items.');
    const results = await deps.messages.resendDeadLetters(caller, params.instance_id!, topic.slice(DLQ_PREFIX.length), ids);
    return {
      status: 200,
      body: {
        resend_results: results.map((x) => ({ msg_id: x.messageId, ...(x.error ? { error_code: x.error.code, error_message: x.error.message } : {}) })),
      },
    };
  });

  const validate = op('ValidateConsumedMessage', async ({ caller, params, body, deps }) => {
    const f = read(parseJsonObjectBody(body));
    const group = f.string('group', { required: true, min: 1 })!;
    const topic = f.string('topic', { required: true, min: 1 })!;
    const clientId = f.string('client_id', { required: true, min: 1 })!;
    const ids = f.stringArray('msg_id_list', { required: true, max: 100 })!;
    if (ids.length === 0) throw bad('msg_id_list', 'The parameter msg_id_list must have from 1 to 100 items.');
    for (const id of ids) await deps.messages.verifyConsume(caller, params.instance_id!, group, topic, clientId, id);
    return { status: 200, body: { resend_results: ids.map((id) => ({ msg_id: id })) } };
  });

  const reset = op('ResetConsumeOffset', async ({ caller, params, body, deps }) => {
    const f = read(parseJsonObjectBody(body));
    const topic = f.string('topic', { required: true, min: 1 })!;
    const target = resetTargetOf(f);
    const queues = await deps.messages.resetOffset(caller, params.instance_id!, params.group!, topic, target);
    return { status: 200, body: { queues: queues.map((q) => ({ broker_name: q.brokerName, queue_id: q.queueId, timestamp_offset: q.offset })) } };
  });

  for (const p of paths('/messages')) r.add('GET', p, list).add('POST', p, send);
  for (const p of paths('/messages/deadletter-resend')) r.add('POST', p, resendDlq);
  for (const p of paths('/messages/resend')) r.add('POST', p, validate);
  for (const p of paths('/groups/{group}/reset-message-offset')) r.add('POST', p, reset);
}
