// The 4.x front end of one broker process: a name server listener and a broker listener over one Engine.
// Both accept through the broker's transport (plaintext, TLS or both); the name server is built in (no broker
// registration traffic).

import { isIP } from 'node:net';
import type { Engine } from '../../engine/index.js';
import { authenticated, type BrokerHandler } from './auth.js';
import { clientHandlers } from './broker-clients.js';
import { offsetHandlers } from './broker-offsets.js';
import { pullHandlers } from './broker-pull.js';
import { queryHandlers } from './broker-query.js';
import { retryHandlers } from './broker-retry.js';
import { sendHandlers } from './broker-send.js';
import { remotingCheckBack, transactionHandlers, type TransactionChecker } from './broker-transaction.js';
import { remotingVerifier, type RemotingVerifier } from './broker-verify.js';
import { ClientRegistry } from './client-registry.js';
import { RequestCode } from './codes.js';
import type { RequestHandler } from './connection.js';
import { BoundedMap, type RemotingContext, type RemotingLog } from './context.js';
import { EngineRemotingBackend } from './engine-backend.js';
import { DEFAULT_MAX_FRAME_BYTES } from './frame.js';
import { formatHost } from './host.js';
import { listenRemoting, type RemotingListener } from './listener.js';
import { nameServerHandlers } from './namesrv.js';
import { QueueLocks } from './queue-locks.js';
import { Transport } from '../../transport/transport.js';

export interface RemotingServerOptions {
  /** Interface to bind (e.g. 0.0.0.0 or 127.0.0.1). */
  host: string;
  /** Host clients are told to connect to (routes, store host of message ids). */
  advertisedHost: string;
  /** 0 picks a free port. */
  namesrvPort: number;
  brokerPort: number;
  /** Cluster name in routes (default "DefaultCluster"). */
  clusterName?: string;
  maxFrameBytes?: number;
  /** Longest long poll granted to a PULL_MESSAGE (default 30 s; clients ask 15 s). */
  maxSuspendMs?: number;
  /** Clients silent for longer are forgotten (default 120 s, the Java broker's channel expiry). */
  clientExpiryMs?: number;
  log?: RemotingLog;
  /**
   * Also serve the broker on brokerPort-2, the "VIP channel" older Java 4.x producers send to by default
   * (com.rocketmq.sendMessageWithVIPChannel). Best effort: a busy port is logged, not fatal.
   */
  vipChannel?: boolean;
  /** The broker's transport (its TLS mode); plaintext when absent. */
  transport?: Transport;
}

export interface RemotingServers {
  /** "host:port" to give 4.x clients as their name server. */
  namesrvAddress: string;
  /** "host:port" of the broker listener (also what routes announce). */
  brokerAddress: string;
  namesrvPort: number;
  brokerPort: number;
  /** brokerPort-2 when the VIP channel listener is up. */
  vipPort?: number;
  /**
   * Asks a connected 4.x producer to resolve a half message it sent. Same signature as `engine.transactionChecker`;
   * compose it with the gRPC checker: `engine.transactionChecker = (m, id) => grpc(m, id) || remoting(m, id)`.
   */
  transactionChecker: TransactionChecker;
  /** Asks a connected 4.x consumer to consume one message (compose with the gRPC verifier like the checker). */
  consumeVerifier: RemotingVerifier;
  close(): Promise<void>;
}

const silentLog: RemotingLog = { info: () => {}, warn: () => {}, debug: () => {} };

const merge = (...maps: Map<number, BrokerHandler>[]): Map<number, BrokerHandler> => {
  const out = new Map<number, BrokerHandler>();
  for (const m of maps) for (const [k, v] of m) out.set(k, v);
  return out;
};

export const startRemotingServers = async (engine: Engine, opts: RemotingServerOptions): Promise<RemotingServers> => {
  const log = opts.log ?? silentLog;
  const maxFrameBytes = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const transport = opts.transport ?? new Transport('PLAINTEXT');
  let ctx: RemotingContext;
  const clients = new ClientRegistry(() => engine.clock.now(), (group) => {
    // Tell the group's consumers to rebalance now instead of at their next 20 s tick (Java clients act on it).
    for (const peer of ctx.clients.consumerPeers(group)) {
      if (!peer.closed) peer.sendOneway(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, { consumerGroup: group });
    }
  });

  const brokerHandlers = new Map<number, RequestHandler>();
  let namesrv: RemotingListener | undefined;
  let broker: RemotingListener | undefined;
  try {
    // The broker listener first: its port is part of every route and message id.
    const handlersOf = (c: RemotingContext): Map<number, BrokerHandler> =>
      merge(sendHandlers(c), pullHandlers(c), offsetHandlers(c), clientHandlers(c), retryHandlers(c), transactionHandlers(c), queryHandlers(c));
    broker = await listenRemoting(transport, opts.host, opts.brokerPort, brokerHandlers, log, maxFrameBytes, (conn) => clients.connectionClosed(conn));
    // Message ids carry an IP; an advertised host name is announced in routes but ids use loopback.
    const storeHost = { ip: isIP(opts.advertisedHost) ? opts.advertisedHost : '127.0.0.1', port: broker.port };
    ctx = {
      backend: new EngineRemotingBackend(engine, { clusterName: opts.clusterName ?? 'DefaultCluster', storeHost }),
      clients,
      locks: new QueueLocks(),
      storeHost,
      brokerAddress: formatHost({ ip: opts.advertisedHost, port: broker.port }),
      maxPullBytes: 256 * 1024,
      maxSuspendMs: opts.maxSuspendMs ?? 30_000,
      log,
      clock: engine.clock,
      transactionGroups: new BoundedMap<string, string>(100_000),
    };
    // Every broker request is authenticated; route lookups (name-server codes, also served here) need no credentials.
    for (const [k, v] of handlersOf(ctx)) brokerHandlers.set(k, authenticated(ctx.backend, v));
    // Route lookups also work on the broker address (some tools point their name server at the broker).
    namesrv = await listenRemoting(transport, opts.host, opts.namesrvPort, nameServerHandlers(ctx), log, maxFrameBytes);
    for (const [k, v] of nameServerHandlers(ctx)) if (!brokerHandlers.has(k)) brokerHandlers.set(k, v);
  } catch (e) {
    await broker?.close();
    await namesrv?.close();
    throw e;
  }

  let vip: RemotingListener | undefined;
  if (opts.vipChannel && broker.port > 2) {
    try {
      vip = await listenRemoting(transport, opts.host, broker.port - 2, brokerHandlers, log, maxFrameBytes, (conn) => clients.connectionClosed(conn));
    } catch (e) {
      log.warn({ port: broker.port - 2, err: (e as Error).message }, 'VIP channel port unavailable; Java clients must disable vipChannelEnabled');
    }
  }

  const expiry = setInterval(() => clients.expire(opts.clientExpiryMs ?? 120_000), 10_000);
  expiry.unref();
  const nsPort = namesrv.port;
  const brPort = broker.port;
  log.info({ namesrv: nsPort, broker: brPort }, 'remoting serving');
  return {
    namesrvAddress: formatHost({ ip: opts.advertisedHost, port: nsPort }),
    brokerAddress: formatHost({ ip: opts.advertisedHost, port: brPort }),
    namesrvPort: nsPort,
    brokerPort: brPort,
    ...(vip ? { vipPort: vip.port } : {}),
    transactionChecker: remotingCheckBack(ctx),
    consumeVerifier: remotingVerifier(ctx),
    close: async () => {
      clearInterval(expiry);
      await Promise.all([namesrv.close(), broker.close(), vip?.close()]);
    },
  };
};
