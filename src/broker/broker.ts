// One broker process serving one instance: the engine over its store, the RocketMQ 5 gRPC port (messaging service and
// grpc.health.v1), the 4.x remoting name server and broker ports, and the loopback admin API.
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { Logger } from 'pino';
import { AdjustableClock, systemClock, type Clock } from '../domain/clock.js';
import { TLS_MODES } from '../domain/tls.js';
import { ADMIN_ERROR, ADMIN_OPERATIONS as OP } from './admin/contract.js';
import { engineRoutes } from './admin/engine-routes.js';
import { messageRoutes } from './admin/message-routes.js';
import { AdminError, adminRoute, startAdminServer, type AdminRoute, type AdminServer } from './admin/server.js';
import type { BrokerConfig } from './config.js';
import { Engine, type EngineOptions } from './engine/index.js';
import { addMessagingService, MESSAGING_SERVER_OPTIONS } from './protocol/grpc/index.js';
import { startRemotingServers } from './protocol/remoting/server.js';
import { resolveStoreOptions } from './storage/options.js';
import { listenGrpc } from './transport/grpc-listener.js';
import { Transport, TransportError } from './transport/transport.js';

export interface RunningBroker {
  admin: AdminServer;
  close(): Promise<void>;
}

export async function startBroker(cfg: BrokerConfig, log: Logger, onShutdownRequest: () => void): Promise<RunningBroker> {
  const logFn = (obj: object, msg: string): void => log.info(obj, msg);
  // With HANGAR_TEST_CLOCK the control plane moves this clock forward through the admin API; engine and store read it.
  const testClock = cfg.testClock ? new AdjustableClock(cfg.testClock.offsetMs) : undefined;
  const clock: Clock = testClock ?? systemClock;
  // Every value comes from the config file (the server's settings with the instance's quota and retention applied).
  const engineOptions: EngineOptions = {
    dataDir: cfg.dataDir,
    brokerNames: cfg.brokerNames,
    store: { dir: path.join(cfg.dataDir, 'store'), ...cfg.store },
    maxTps: cfg.limits.tps,
    tunables: cfg.tunables,
    log: logFn,
    // The engine's timers, long polls, check-backs and delays, and its store, all read this clock.
    clock,
    ...(cfg.access
      ? {
          secretsKey: cfg.access.secretsKey,
          initialAccess: { enabled: cfg.access.enabled, anonymousOnPrivate: cfg.access.anonymousOnPrivate, users: [], acls: [] },
        }
      : {}),
  };
  const engine = await Engine.open(engineOptions);
  const resolved = resolveStoreOptions({ ...engineOptions.store, dir: path.join(cfg.dataDir, 'store') });
  const storeInUse = {
    retentionMs: resolved.retentionMs,
    segmentBytes: resolved.segmentBytes,
    flushPolicy: resolved.flushPolicy,
    ...(cfg.store.quotaBytes === undefined ? {} : { quotaBytes: resolved.quotaBytes }),
  };

  // One transport for every data-plane port: the TLS mode of the config file, switched live through the admin API.
  const transport = Transport.fromConfig(cfg.tls);
  const server = new grpc.Server(MESSAGING_SERVER_OPTIONS);
  const health = new HealthImplementation({ '': 'NOT_SERVING' });
  health.addToServer(server);
  const messaging = addMessagingService(server, engine, { advertisedHost: cfg.advertisedHost, port: cfg.ports.grpc, log: logFn });

  const routes: AdminRoute[] = [
    adminRoute(OP.health, () => ({
      ok: true as const,
      pid: process.pid,
      instanceId: cfg.instanceId,
      uptimeMs: Math.round(process.uptime() * 1000),
      usedStorageBytes: engine.diskBytes(),
      store: storeInUse,
      ...(testClock ? { clockOffsetMs: testClock.offsetMs } : {}),
      tlsMode: transport.mode,
    })),
    adminRoute(OP.setTls, ({ body }) => {
      const mode = body.mode;
      if (typeof mode !== 'string' || !(TLS_MODES as readonly string[]).includes(mode)) {
        throw new AdminError(ADMIN_ERROR.badBody.status, ADMIN_ERROR.badBody.code, `mode must be one of ${TLS_MODES.join(', ')}, got ${JSON.stringify(mode)}`);
      }
      try {
        transport.setMode(mode);
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        throw new AdminError(ADMIN_ERROR.tlsUnavailable.status, ADMIN_ERROR.tlsUnavailable.code, e.message);
      }
      log.info({ tlsMode: mode }, 'tls mode switched');
      return { mode: transport.mode };
    }),
    adminRoute(OP.shutdown, () => {
      setImmediate(onShutdownRequest);
      return { ok: true as const };
    }),
    adminRoute(OP.setClock, ({ body }) => {
      if (!testClock) throw new AdminError(ADMIN_ERROR.clockNotAdjustable.status, ADMIN_ERROR.clockNotAdjustable.code, 'this broker runs on the system clock');
      const offset = body.offsetMs;
      if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
        throw new AdminError(ADMIN_ERROR.badBody.status, ADMIN_ERROR.badBody.code, `offsetMs must be an integer >= 0, got ${JSON.stringify(offset)}`);
      }
      testClock.setOffset(offset);
      return { now: testClock.now(), offsetMs: testClock.offsetMs };
    }),
    ...engineRoutes(engine),
    ...messageRoutes(engine, `${cfg.advertisedHost}:${cfg.ports.remoting}`),
  ];

  const grpcListener = await listenGrpc(server, transport, cfg.bindHost, cfg.ports.grpc, log);
  const remoting = await startRemotingServers(engine, {
    host: cfg.bindHost,
    advertisedHost: cfg.advertisedHost,
    namesrvPort: cfg.ports.namesrv,
    brokerPort: cfg.ports.remoting,
    clusterName: cfg.instanceId,
    log,
    transport,
  });
  // A half message may come from a 5.x or a 4.x producer: ask both.
  engine.transactionChecker = (m, id) => messaging.transactionChecker(m, id) || remoting.transactionChecker(m, id);
  // A verify-consume request goes to the client over whichever protocol it is connected by.
  engine.consumeVerifier = async (c, m) => (await messaging.consumeVerifier(c, m)) ?? remoting.consumeVerifier(c, m);
  const admin = await startAdminServer({ port: cfg.ports.admin, token: cfg.adminToken, routes });
  health.setStatus('', 'SERVING');
  log.info({ grpc: grpcListener.port, tlsMode: transport.mode, namesrv: remoting.namesrvAddress, broker: remoting.brokerAddress, admin: cfg.ports.admin }, 'broker serving');

  return {
    admin,
    async close() {
      health.setStatus('', 'NOT_SERVING');
      messaging.close();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 3000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      await grpcListener.close();
      await remoting.close();
      await admin.close();
      await engine.close();
    },
  };
}
