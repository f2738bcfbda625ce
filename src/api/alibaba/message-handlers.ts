// ListMessages, GetMessageDetail, VerifySendMessage, VerifyConsumeMessage and ResetConsumeOffset over the neutral
// message service. Times are Alibaba's "yyyy-MM-dd HH:mm:ss" (UTC, as every time this dialect writes) or ms since the
// epoch; bodies are UTF-8 text, or base64 when the bytes are not UTF-8 (`bodyEncoding` says which); a listing carries
// at most 4 KiB of each body, the detail the whole body.
import { invalid } from '../../domain/errors.js';
import { LISTING_BODY_BYTES, MAX_QUERY_PAGE, type ApiMessage, type MessageView, type ResetTarget } from '../../domain/message.js';
import type { AlibabaHandler } from './context.js';
import { findAlibabaInstance } from './instance-handlers.js';
import { clampPage } from './list-instances.js';
import { parseJsonBody, Reader } from './read.js';
import { alibabaTime } from './status.js';

const RESET_TYPES = ['LATEST_OFFSET', 'SPECIFIED_TIME'] as const;

/** "2024-09-09 08:00:00" (UTC) or ms since the epoch. */
const timeOf = (r: Reader, key: string, required = false): number | undefined => {
  const v = r.string(key, { required });
  if (v === undefined) return undefined;
  if (/^\d{1,15}$/.test(v)) return Number(v);
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(v.trim());
  const ms = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
  if (!Number.isFinite(ms)) throw invalid(r.field(key), `The parameter ${key} must be a time like 2024-09-09 08:00:00 or ms since the epoch.`);
  return ms;
};

/** The scroll id pins a listing's time window, so later pages see the messages the first one counted. */
const encodeScroll = (beginMs: number, endMs: number): string => Buffer.from(`${beginMs}:${endMs}`).toString('base64url');

const decodeScroll = (s: string): { beginMs: number; endMs: number } => {
  const m = /^(\d+):(\d+)$/.exec(Buffer.from(s, 'base64url').toString());
  if (!m) throw invalid('scrollId', 'The parameter scrollId is not a scroll id this API returned.');
  return { beginMs: Number(m[1]), endMs: Number(m[2]) };
};

const messageView = (m: MessageView, instanceId: string, region: string) => ({
  topicName: m.topic,
  instanceId,
  regionId: region,
  messageId: m.messageId,
  messageType: m.messageType,
  ...(m.tag === undefined ? {} : { messageTag: m.tag }),
  messageKeys: m.keys,
  ...(m.messageGroup === undefined ? {} : { messageGroup: m.messageGroup }),
  body: m.body,
  bodyEncoding: m.bodyEncoding,
  bodySize: m.bodySize,
  bornHost: m.bornHost,
  bornTime: alibabaTime(m.bornTimestamp),
  storeHost: m.storeHost,
  storeTime: alibabaTime(m.storeTimestamp),
  userProperties: m.userProperties,
  systemProperties: m.systemProperties,
  brokerName: m.brokerName,
  queueId: m.queueId,
  queueOffset: m.queueOffset,
  reconsumeTimes: m.reconsumeTimes,
});

const listMessages: AlibabaHandler = async (ctx) => {
  const r = Reader.query(ctx.query);
  const page = clampPage(r, { min: 1, max: MAX_QUERY_PAGE, def: 10 });
  const scrollId = r.string('scrollId');
  const messageId = r.string('messageId');
  const key = r.string('messageKey');
  let window: { beginMs: number; endMs: number };
  if (scrollId) {
    window = decodeScroll(scrollId);
  } else {
    const beginMs = timeOf(r, 'startTime') ?? 0;
    // Open-ended: up to now on the clock the brokers store with (the test clock when it is on).
    const endMs = timeOf(r, 'endTime') ?? ctx.deps.clock.storeNow();
    if (beginMs > endMs) throw invalid('startTime', 'The parameter startTime must not be after endTime.');
    window = { beginMs, endMs };
  }
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const found = await ctx.deps.messages.list(ctx.caller, i.id, ctx.params.topicName ?? '', {
    ...window,
    offset: (page.pageNumber - 1) * page.pageSize,
    limit: page.pageSize,
    maxBodyBytes: LISTING_BODY_BYTES,
    ...(messageId === undefined ? {} : { messageId }),
    ...(key === undefined ? {} : { key }),
  });
  return {
    pageNumber: page.pageNumber,
    pageSize: page.pageSize,
    totalCount: found.total,
    scrollId: encodeScroll(window.beginMs, window.endMs),
    list: found.messages.map((m) => messageView(m, i.alibabaId, ctx.deps.config.region)),
  };
};

const getMessageDetail: AlibabaHandler = async (ctx) => {
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  const m = await ctx.deps.messages.get(ctx.caller, i.id, ctx.params.topicName ?? '', ctx.params.messageId ?? '');
  return messageView(m, i.alibabaId, ctx.deps.config.region);
};

const verifySendMessage: AlibabaHandler = async (ctx) => {
  const r = new Reader(parseJsonBody(ctx.body));
  const m: ApiMessage = { body: r.string('message', { required: true, max: 4 * 1024 * 1024 })! };
  const tag = r.string('messageTag', { max: 128 });
  if (tag) m.tag = tag;
  const key = r.string('messageKey', { max: 128 });
  if (key) m.keys = [key];
  const group = r.string('messageGroup', { max: 128 });
  if (group) m.messageGroup = group;
  const at = r.integer('deliveryTimeStamp', { min: 0 });
  if (at !== undefined) m.deliveryTimestamp = at;
  const props = r.object('userProperties');
  if (props) {
    m.userProperties = {};
    for (const [k, v] of Object.entries(props.obj)) {
      if (v === null || v === undefined) continue;
      m.userProperties[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  return (await ctx.deps.messages.send(ctx.caller, i.id, ctx.params.topicName ?? '', m)).messageId;
};

const verifyConsumeMessage: AlibabaHandler = async (ctx) => {
  const r = Reader.query(ctx.query);
  const clientId = r.string('clientId', { required: true })!;
  const group = r.string('consumerGroupId', { required: true })!;
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await ctx.deps.messages.verifyConsume(ctx.caller, i.id, group, ctx.params.topicName ?? '', clientId, ctx.params.messageId ?? '');
  return true;
};

const resetConsumeOffset: AlibabaHandler = async (ctx) => {
  const r = new Reader(parseJsonBody(ctx.body));
  const type = r.enumOf('resetType', RESET_TYPES, { required: true })!;
  const target: ResetTarget = type === 'LATEST_OFFSET' ? { kind: 'latest' } : { kind: 'time', timestampMs: timeOf(r, 'resetTime', true)! };
  const i = await findAlibabaInstance(ctx.deps, ctx.caller, ctx.params.instanceId);
  await ctx.deps.messages.resetOffset(ctx.caller, i.id, ctx.params.consumerGroupId ?? '', ctx.params.topicName ?? '', target);
  return undefined;
};

export const messageHandlers: Record<string, AlibabaHandler> = {
  ListMessages: listMessages,
  GetMessageDetail: getMessageDetail,
  VerifySendMessage: verifySendMessage,
  VerifyConsumeMessage: verifyConsumeMessage,
  ResetConsumeOffset: resetConsumeOffset,
};
