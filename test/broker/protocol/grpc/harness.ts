// An Engine on the real store in a temp dir, served by a grpc.Server on 127.0.0.1:0 with the messaging service,
// plus helpers to build official rocketmq-client-nodejs clients against it.
import * as grpc from '@grpc/grpc-js';
import { Producer, PushConsumer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { quietLogger } from '../../../helpers/rocketmq-client.js';
import type { EngineOptions } from '../../../../src/broker/engine/index.js';
import { MESSAGING_SERVER_OPTIONS, addMessagingService } from '../../../../src/broker/protocol/grpc/index.js';
import { openEngine, type EngineFixture } from '../../engine/engine-harness.js';

export { quietLogger };

export interface BrokerFixture extends EngineFixture {
  endpoint: string;
  port: number;
  server: grpc.Server;
  stop(): Promise<void>;
}

export const bind = (server: grpc.Server, host = '127.0.0.1', port = 0): Promise<number> =>
  new Promise((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );

export const startBroker = async (opts: Partial<EngineOptions> = {}): Promise<BrokerFixture> => {
  const fx = await openEngine(opts);
  const server = new grpc.Server(MESSAGING_SERVER_OPTIONS);
  const port = await bind(server);
  const svc = addMessagingService(server, fx.engine, { advertisedHost: '127.0.0.1', port });
  const cleanup = fx.cleanup.bind(fx);
  const stop = async (): Promise<void> => {
    svc.close();
    server.forceShutdown();
  };
  return Object.assign(fx, {
    endpoint: `127.0.0.1:${port}`,
    port,
    server,
    stop,
    async cleanup() {
      await stop();
      await cleanup();
    },
  });
};

export const producer = (b: BrokerFixture, topics: string[], extra: Record<string, unknown> = {}): Producer =>
  new Producer({ endpoints: b.endpoint, namespace: '', topics, logger: quietLogger, ...extra });

export const simpleConsumer = (b: BrokerFixture, group: string, subs: Record<string, string>, awaitDuration = 1_000): SimpleConsumer =>
  new SimpleConsumer({
    endpoints: b.endpoint,
    namespace: '',
    consumerGroup: group,
    subscriptions: new Map(Object.entries(subs)),
    awaitDuration,
    logger: quietLogger,
  });

export const pushConsumer = (
  b: BrokerFixture,
  group: string,
  subs: Record<string, string>,
  listener: ConstructorParameters<typeof PushConsumer>[0]['messageListener'],
): PushConsumer =>
  new PushConsumer({
    endpoints: b.endpoint,
    namespace: '',
    consumerGroup: group,
    subscriptions: new Map(Object.entries(subs)),
    messageListener: listener,
    logger: quietLogger,
  });

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until the predicate holds or the time is up; returns whether it held. */
export const waitFor = async (pred: () => boolean | Promise<boolean>, ms: number, step = 25): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await pred()) return true;
    await sleep(step);
  }
  return pred();
};
