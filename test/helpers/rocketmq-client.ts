// The official RocketMQ 5.x Node client (rocketmq-client-nodejs), quiet, with two client-side bugs worked around that
// would otherwise write under ~/logs or crash the process on shutdown. Tests and benchmarks import it from here.
import { createRequire } from 'node:module';
import { Producer, RpcClientManager, SimpleConsumer, type ILogger } from 'rocketmq-client-nodejs';

/** The client's default logger writes under ~/logs; keep quiet unless HANGAR_TEST_CLIENT_LOG is set. */
export const quietLogger: ILogger = process.env.HANGAR_TEST_CLIENT_LOG
  ? { info: console.log, warn: console.warn, error: console.error, debug: () => undefined }
  : { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

// Client bug: the push consumer's consume services build the default file logger (~/logs/rocketmq, with a 1 s interval
// that is never cleared) whatever logger was passed, which keeps a process alive. Hand out ours.
(createRequire(import.meta.url)('rocketmq-client-nodejs/dist/client/Logger.js') as { getDefaultLogger: () => ILogger }).getDefaultLogger =
  () => quietLogger;

// Client bug: on shutdown the client ends its Telemetry stream, removes every listener and closes the channel at once, so
// the CANCELLED status that follows is an 'error' with no listener (an uncaught exception). Keep a no-op error listener.
// Kept to be called with the right `this` through apply below.
// eslint-disable-next-line @typescript-eslint/unbound-method
const telemetry = RpcClientManager.prototype.telemetry;
RpcClientManager.prototype.telemetry = function (this: RpcClientManager, ...args: Parameters<typeof telemetry>) {
  const stream = telemetry.apply(this, args);
  const removeAll = stream.removeAllListeners.bind(stream);
  stream.removeAllListeners = ((...a: Parameters<typeof removeAll>) => {
    const r = removeAll(...a);
    stream.on('error', () => undefined);
    return r;
  });
  return stream;
};

export const newProducer = (endpoints: string, topics: string[], extra: Record<string, unknown> = {}): Producer =>
  new Producer({ endpoints, namespace: '', topics, logger: quietLogger, ...extra });

export const newSimpleConsumer = (
  endpoints: string,
  group: string,
  subscriptions: Record<string, string>,
  awaitDuration = 1_000,
  extra: Record<string, unknown> = {},
): SimpleConsumer =>
  new SimpleConsumer({ endpoints, namespace: '', consumerGroup: group, subscriptions: new Map(Object.entries(subscriptions)), awaitDuration, logger: quietLogger, ...extra });

/**
 * Shuts a client down even when the broker refuses it: the client's shutdown stops at a refused NotifyClientTermination
 * (a client whose credentials are refused) and would leave its gRPC channels open, keeping the test process alive.
 */
export const shutdownQuietly = async (client: Producer | SimpleConsumer): Promise<void> => {
  try {
    await client.shutdown();
  } catch {
    (client as unknown as { rpcClientManager: RpcClientManager }).rpcClientManager.close();
  }
};

/** The client option that makes every request carry a user's signature. */
export const sessionCredentials = (accessKey: string, accessSecret: string) => ({ sessionCredentials: { accessKey, accessSecret } });

/** The RocketMQ status code of a client error, however deep the client wrapped it (startup wraps twice). */
export const statusCodeOf = (e: unknown): number | undefined => {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined; x; x = x.cause as typeof x) if (typeof x.code === 'number') return x.code;
  return undefined;
};

/** Every body a fresh SimpleConsumer of the group receives from the topic until two empty receives, acked, sorted. */
export const receiveAll = async (endpoints: string, group: string, topic: string, extra: Record<string, unknown> = {}): Promise<string[]> => {
  const c = newSimpleConsumer(endpoints, group, { [topic]: '*' }, 300, extra);
  try {
    await c.startup();
    const got: string[] = [];
    for (let empty = 0; empty < 2; ) {
      const msgs = await c.receive(32, 10_000);
      if (msgs.length === 0) empty++;
      for (const m of msgs) {
        got.push(m.body.toString());
        await c.ack(m);
      }
    }
    return got.sort();
  } finally {
    await shutdownQuietly(c);
  }
};
