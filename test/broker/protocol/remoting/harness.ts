// A real Engine (real store in a temporary directory) with the remoting servers in front, for end-to-end tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Engine, type BrokerMetadata, type EngineTunables } from '../../../../src/broker/engine/index.js';
import type { Clock } from '../../../../src/domain/clock.js';
import { startRemotingServers, type RemotingServers } from '../../../../src/broker/protocol/remoting/server.js';

const require = createRequire(import.meta.url);
export const ons: any = require('ali-ons');

export interface Harness {
  dir: string;
  engine: Engine;
  servers: RemotingServers;
  close(keepDir?: boolean): Promise<void>;
}

export const quietLogger = { info() {}, warn() {}, error() {}, debug() {} };

export const startHarness = async (meta: BrokerMetadata, opts: { dir?: string; tunables?: Partial<EngineTunables>; brokerNames?: string[]; clock?: Clock } = {}): Promise<Harness> => {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'hangar-remoting-')));
  const engine = await Engine.open({
    dataDir: dir,
    brokerNames: opts.brokerNames ?? ['broker-a'],
    tunables: { retryBackoffMs: [300], longPollMs: 1000, ...opts.tunables },
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  await engine.applyMetadata(meta);
  const servers = await startRemotingServers(engine, { host: '127.0.0.1', advertisedHost: '127.0.0.1', namesrvPort: 0, brokerPort: 0 });
  return {
    dir,
    engine,
    servers,
    async close(keepDir = false) {
      await closeOnsDefaultProducer();
      await servers.close();
      await engine.close();
      if (!keepDir) await rm(dir, { recursive: true, force: true });
    },
  };
};

/** ali-ons keeps a process-wide inner producer per first consumer's options; close it with the harness. */
export const closeOnsDefaultProducer = async (): Promise<void> => {
  const p = ons.Producer.defaultProducer;
  ons.Producer.defaultProducer = null;
  if (p) await p.close();
};

let instance = 0;

/** Options of an ali-ons producer or consumer of a name server (`extra` may set the credentials, groups, …). */
export const onsClientOptions = (nameSrv: string, extra: Record<string, unknown>): Record<string, unknown> => ({
  httpclient: {},
  accessKeyId: 'AK',
  accessKeySecret: 'SK',
  nameSrv,
  logger: quietLogger,
  // One MQClient per instance name inside a process: separate clients must not share one.
  instanceName: `test-${process.pid}-${++instance}`,
  // ali-ons's scheduled tasks sleep their full interval even after close(): short ones let the test process exit.
  pollNameServerInteval: 1000,
  heartbeatBrokerInterval: 1000,
  persistConsumerOffsetInterval: 500,
  rebalanceInterval: 1000,
  ...extra,
});

/** Options shared by ali-ons producers and consumers against the harness. */
export const onsOptions = (h: Harness, extra: Record<string, unknown>): Record<string, unknown> => onsClientOptions(h.servers.namesrvAddress, extra);

export const until = async (cond: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

export const topic = (name: string, messageType: 'NORMAL' | 'FIFO' | 'DELAY' | 'TRANSACTION' | 'MIXED' = 'MIXED', queueNum = 4) =>
  ({ name, messageType, queueNum, brokers: ['broker-a'], perm: 'all' as const });

export const group = (name: string, extra: Partial<{ maxRetries: number; broadcast: boolean; consumeOrderly: boolean }> = {}) =>
  ({ name, maxRetries: 16, consumeOrderly: false, broadcast: false, enabled: true, ...extra });
