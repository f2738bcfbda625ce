// The MessagingService handlers: each RPC turns its request into engine calls and answers with the statuses and
// fields the official 5.x clients expect (reference: rocketmq-protocols.md §3–§8).
import net from 'node:net';
import type * as grpc from '@grpc/grpc-js';
import { EngineError, type Engine, type Principal, type TopicSpec } from '../../engine/index.js';
import { acceptedMessageTypes } from '../../engine/index.js';
import { fromDelivery, toOutgoing } from './convert.js';
import { OK, status, statusOf } from './status.js';
import { principalOf } from './auth.js';
import { metaValue, peerAddress } from './call-info.js';
import type { TelemetryHub } from './telemetry.js';
import {
  durationMs,
  toTimestamp,
  type Duration,
  type Endpoints,
  type FilterExpression,
  type Message,
  type MessageQueue,
  type Permission,
  type Resource,
  type Status,
  type TelemetryCommand,
} from './wire.js';

export interface ServiceContext {
  engine: Engine;
  hub: TelemetryHub;
  /** Long polls in progress; aborted when the service closes so a server shutdown need not wait for them. */
  polls: Set<AbortController>;
  advertisedHost: string;
  port: number;
  log: (obj: object, msg: string) => void;
}

/** Leave this much of the client's deadline for the response to travel back. */
const DEADLINE_MARGIN_MS = 500;

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

/**
 * Every call is authenticated first (access control, UNAUTHORIZED when refused). Errors become a status in the response
 * body (gRPC status stays OK), as the clients expect. A handler that answers synchronously (acks, heartbeats) is
 * answered in the same turn, without two promise hops per call.
 */
const unaryOf =
  (engine: Engine) =>
  <Req, Res extends { status?: Status }>(fn: (call: grpc.ServerUnaryCall<Req, Res>, who: Principal) => Promise<Res> | Res): Unary<Req, Res> =>
  (call, cb) => {
    let res: Promise<Res> | Res;
    try {
      res = fn(call, principalOf(engine, call));
    } catch (e) {
      cb(null, { status: statusOf(e) } as Res);
      return;
    }
    if (res instanceof Promise) {
      res.then(
        (r) => cb(null, r),
        (e: unknown) => cb(null, { status: statusOf(e) } as Res),
      );
    } else {
      cb(null, res);
    }
  };

const clientIdOf = (call: { metadata: grpc.Metadata; getPeer(): string }): string =>
  metaValue(call.metadata, 'x-mq-client-id') ?? peerAddress(call.getPeer());

const PERMISSION: Record<TopicSpec['perm'], Permission> = { all: 'READ_WRITE', pub: 'WRITE', sub: 'READ' };

export const createHandlers = (ctx: ServiceContext): grpc.UntypedServiceImplementation => {
  const { engine, hub } = ctx;
  const unary = unaryOf(engine);
  const scheme = net.isIPv4(ctx.advertisedHost) ? 'IPv4' : net.isIPv6(ctx.advertisedHost) ? 'IPv6' : 'DOMAIN_NAME';
  const endpoints: Endpoints = { scheme, addresses: [{ host: ctx.advertisedHost, port: ctx.port }] };
  const storeHost = `${ctx.advertisedHost}:${ctx.port}`;

  const queue = (t: TopicSpec, ns: string, brokerName: string, id: number): MessageQueue => ({
    topic: { name: t.name, resource_namespace: ns },
    id,
    permission: PERMISSION[t.perm],
    broker: { name: brokerName, id: 0, endpoints },
    accept_message_types: [...acceptedMessageTypes(t)],
  });

  const topicOf = (r: Resource | undefined): TopicSpec => {
    const name = r?.name ?? '';
    const t = engine.topic(name);
    if (!t) throw new EngineError('TOPIC_NOT_FOUND', `topic ${name} does not exist`);
    return t;
  };

  const groupOf = (r: Resource | undefined): string => {
    const name = r?.name ?? '';
    if (!engine.group(name)) throw new EngineError('CONSUMER_GROUP_NOT_FOUND', `consumer group ${name} does not exist`);
    return name;
  };

  return {
    // Routes and assignments need a known user (checked by unary) but no permission: sends and receives check those.
    QueryRoute: unary<{ topic?: Resource }, { status: Status; message_queues?: MessageQueue[] }>((call) => {
      const t = topicOf(call.request.topic);
      const ns = call.request.topic?.resource_namespace ?? '';
      // Every broker's queue 0 is always listed: the Node client only ever uses queue 0 of each broker (§8.1).
      const message_queues: MessageQueue[] = [];
      for (const b of t.brokers) for (let id = 0; id < t.queueNum; id++) message_queues.push(queue(t, ns, b, id));
      return { status: OK, message_queues };
    }),

    QueryAssignment: unary<{ topic?: Resource; group?: Resource }, { status: Status; assignments?: { message_queue: MessageQueue }[] }>(
      (call) => {
        const t = topicOf(call.request.topic);
        groupOf(call.request.group);
        if (t.perm === 'pub') return { status: status('FORBIDDEN', `topic ${t.name} has no readable queue`) };
        // One assignment per broker (id -1): a receive pops across all queues of that broker.
        const ns = call.request.topic?.resource_namespace ?? '';
        return { status: OK, assignments: t.brokers.map((b) => ({ message_queue: queue(t, ns, b, -1) })) };
      },
    ),

    Heartbeat: unary<{ group?: Resource; client_type?: string }, { status: Status }>((call) => {
      const clientId = clientIdOf(call);
      const group = call.request.group?.name;
      if (group && !engine.group(group)) return { status: status('CONSUMER_GROUP_NOT_FOUND', `consumer group ${group} does not exist`) };
      if (engine.clientInfo(clientId)) {
        engine.touchClient(clientId);
      } else {
        // Heartbeat before any Settings (§8.5): register what we know.
        engine.registerClient({
          clientId,
          address: peerAddress(call.getPeer()),
          language: metaValue(call.metadata, 'x-mq-language') ?? 'UNKNOWN',
          version: metaValue(call.metadata, 'x-mq-client-version') ?? '',
          clientType: call.request.client_type ?? 'CLIENT_TYPE_UNSPECIFIED',
          group,
          topics: [],
          subscriptions: [],
        });
      }
      return { status: OK };
    }),

    SendMessage: unary<{ messages?: Message[] }, { status: Status; entries?: unknown[] }>(async (call, who) => {
      const messages = call.request.messages ?? [];
      if (messages.length === 0) return { status: status('BAD_REQUEST', 'no message to send') };
      engine.touchClient(clientIdOf(call));
      const entries = await Promise.all(
        messages.map(async (m) => {
          try {
            const [r] = await engine.send([toOutgoing(m, engine.clock.now())], who);
            // Every receipt names a transaction id, the message id, as Apache RocketMQ's proxy answers.
            const entry: Record<string, unknown> = { status: OK, message_id: r!.messageId, offset: r!.offset, transaction_id: r!.transactionId ?? r!.messageId };
            if (r!.recallHandle) entry.recall_handle = r!.recallHandle;
            return entry;
          } catch (e) {
            return { status: statusOf(e), message_id: m.system_properties?.message_id ?? '' };
          }
        }),
      );
      const failed = entries.find((e) => (e.status as Status).code !== 'OK');
      return { status: failed ? (failed.status as Status) : OK, entries };
    }),

    ReceiveMessage: (call: grpc.ServerWritableStream<ReceiveRequestWire, unknown>) => void receive(ctx, storeHost, call),

    AckMessage: unary<
      { group?: Resource; topic?: Resource; entries?: { message_id?: string; receipt_handle?: string }[] },
      { status: Status; entries?: unknown[] }
    >((call, who) => {
      const group = groupOf(call.request.group);
      const topic = call.request.topic?.name ?? '';
      engine.touchClient(clientIdOf(call));
      const entries = (call.request.entries ?? []).map((e) => {
        let st = OK;
        try {
          engine.ack(group, topic, e.receipt_handle ?? '', who);
        } catch (err) {
          st = statusOf(err);
        }
        return { message_id: e.message_id ?? '', receipt_handle: e.receipt_handle ?? '', status: st };
      });
      const codes = new Set(entries.map((e) => e.status.code));
      const top = codes.size === 0 ? OK : codes.size === 1 ? entries[0]!.status : status('MULTIPLE_RESULTS', 'entries differ');
      return { status: top, entries };
    }),

    ChangeInvisibleDuration: unary<
      { group?: Resource; topic?: Resource; receipt_handle?: string; invisible_duration?: Duration },
      { status: Status; receipt_handle?: string }
    >((call, who) => {
      const group = groupOf(call.request.group);
      // Tiny durations are legitimate here: the Node push consumer sends its retry delay in ms meant as s (§8.6).
      const ms = durationMs(call.request.invisible_duration) ?? 0;
      const handle = engine.changeInvisibleDuration(group, call.request.topic?.name ?? '', call.request.receipt_handle ?? '', ms, who);
      return { status: OK, receipt_handle: handle };
    }),

    ForwardMessageToDeadLetterQueue: unary<{ group?: Resource; topic?: Resource; receipt_handle?: string }, { status: Status }>(
      async (call, who) => {
        const group = groupOf(call.request.group);
        await engine.forwardToDeadLetter(group, call.request.topic?.name ?? '', call.request.receipt_handle ?? '', who);
        return { status: OK };
      },
    ),

    EndTransaction: unary<
      { topic?: Resource; message_id?: string; transaction_id?: string; resolution?: string },
      { status: Status }
    >(async (call, who) => {
      const r = call.request;
      if (r.resolution !== 'COMMIT' && r.resolution !== 'ROLLBACK') return { status: OK }; // unknown yet: check later
      await engine.endTransaction(r.topic?.name ?? '', r.message_id ?? '', r.transaction_id ?? '', r.resolution === 'COMMIT', who);
      return { status: OK };
    }),

    Telemetry: (call: grpc.ServerDuplexStream<TelemetryCommand, TelemetryCommand>) => hub.attach(call),

    NotifyClientTermination: unary<{ group?: Resource }, { status: Status }>((call) => {
      engine.removeClient(clientIdOf(call));
      return { status: OK };
    }),

    RecallMessage: unary<{ topic?: Resource; recall_handle?: string }, { status: Status; message_id?: string }>(async (call, who) => {
      const id = await engine.recall(call.request.topic?.name ?? '', call.request.recall_handle ?? '', who);
      return { status: OK, message_id: id };
    }),

    PullMessage: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      call.write({ status: notImplemented('PullMessage') });
      call.end();
    },
    UpdateOffset: unary(() => ({ status: notImplemented('UpdateOffset') })),
    GetOffset: unary(() => ({ status: notImplemented('GetOffset') })),
    QueryOffset: unary(() => ({ status: notImplemented('QueryOffset') })),
    SyncLiteSubscription: unary(() => ({ status: notImplemented('SyncLiteSubscription') })),
  };
};

const notImplemented = (rpc: string): Status => status('NOT_IMPLEMENTED', `${rpc} is not supported by this broker`);

interface ReceiveRequestWire {
  group?: Resource;
  message_queue?: MessageQueue;
  filter_expression?: FilterExpression;
  batch_size?: number;
  invisible_duration?: Duration;
  auto_renew?: boolean;
  long_polling_timeout?: Duration;
}

/** Stream order as the proxy writes it: status, the messages, the delivery timestamp, end (§3.7). */
async function receive(ctx: ServiceContext, storeHost: string, call: grpc.ServerWritableStream<ReceiveRequestWire, unknown>): Promise<void> {
  const { engine } = ctx;
  const abort = new AbortController();
  const onGone = (): void => abort.abort();
  call.on('cancelled', onGone);
  ctx.polls.add(abort);
  const finish = (st: Status, messages: Message[] = []): void => {
    call.off('cancelled', onGone);
    ctx.polls.delete(abort);
    if (call.cancelled) return;
    try {
      call.write({ status: st });
      for (const m of messages) call.write({ message: m });
      call.write({ delivery_timestamp: toTimestamp(engine.clock.now()) });
      call.end();
    } catch (e) {
      ctx.log({ err: e }, 'receive stream write failed');
    }
  };
  try {
    const who = principalOf(engine, call);
    const r = call.request;
    const filter = r.filter_expression;
    if (filter?.type === 'SQL') throw new EngineError('ILLEGAL_FILTER_EXPRESSION', 'SQL92 filter expressions are not supported');
    const clientId = clientIdOf(call);
    engine.touchClient(clientId);
    const autoRenew = r.auto_renew === true;
    // Push consumers send no invisible duration (§8.7): the engine picks one and renews it while they are alive.
    const invisibleMs = durationMs(r.invisible_duration) ?? (autoRenew ? engine.tunables.autoRenewInvisibleMs : 30_000);
    const requested = durationMs(r.long_polling_timeout) ?? engine.tunables.longPollMs;
    const deadline = call.getDeadline();
    const deadlineMs = deadline instanceof Date ? deadline.getTime() : typeof deadline === 'number' ? deadline : Infinity;
    // Finish before the client's deadline (requestTimeout + awaitDuration, §8.9).
    const longPollMs = Math.max(0, Math.min(requested, engine.tunables.longPollMs, deadlineMs - Date.now() - DEADLINE_MARGIN_MS));
    const deliveries = await engine.receive({
      group: r.group?.name ?? '',
      topic: r.message_queue?.topic?.name ?? '',
      brokerName: r.message_queue?.broker?.name,
      filter: filter?.expression,
      batchSize: r.batch_size && r.batch_size > 0 ? r.batch_size : 32,
      invisibleMs,
      autoRenew,
      longPollMs,
      clientId,
      signal: abort.signal,
    }, who);
    if (call.cancelled) {
      ctx.polls.delete(abort);
      // The client gave up waiting: hand the messages back at once instead of leaving them invisible.
      for (const d of deliveries) {
        try {
          engine.changeInvisibleDuration(r.group?.name ?? '', d.topic, d.receiptHandle, 0, who);
        } catch {
          // already expired or deleted meanwhile
        }
      }
      return;
    }
    if (deliveries.length === 0) finish(status('MESSAGE_NOT_FOUND', 'no new message'));
    else finish(OK, deliveries.map((d) => fromDelivery(d, storeHost)));
  } catch (e) {
    finish(statusOf(e));
  }
}
