// One broker process serving one instance: the engine over its store, the RocketMQ 5 gRPC port (messaging service and
// grpc.health.v1), the 4.x remoting name server and broker ports, and the loopback admin API.
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { Logger } from 'pino';
import { engineRoutes } from './admin/engine-routes.js';
import { startAdminServer, type AdminRoute, type AdminServer } from './admin/server.js';
import type { BrokerConfig } from './config.js';
import { Engine } from './engine/index.js';
import { addMessagingService, MESSAGING_SERVER_OPTIONS } from './protocol/grpc/index.js';
import { startRemotingServers } from './protocol/remoting/server.js';
import { storeOptionsFromEnv } from './storage/index.js';

export interface RunningBroker {
  admin: AdminServer;
  close(): Promise<void>;
}

function bindGrpc(server: grpc.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(`${host.includes(':') ? `[${host}]` : host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
}

export async function startBroker(cfg: BrokerConfig, log: Logger, onShutdownRequest: () => void): Promise<RunningBroker> {
  const logFn = (obj: object, msg: string): void => log.info(obj, msg);
  // The instance's spec (quota = storage_space, retention) is the base; HANGAR_STORE_* overrides apply on top (tests).
  const store = storeOptionsFromEnv({
    dir: path.join(cfg.dataDir, 'store'),
    quotaBytes: cfg.storageQuotaBytes,
    retentionMs: cfg.retentionHours * 3_600_000,
  });
  const engine = await Engine.open({ dataDir: cfg.dataDir, brokerNames: cfg.brokerNames, store, maxTps: cfg.limits.tps, log: logFn });

  const server = new grpc.Server(MESSAGING_SERVER_OPTIONS);
  const health = new HealthImplementation({ '': 'NOT_SERVING' });
  health.addToServer(server);
  const messaging = addMessagingService(server, engine, { advertisedHost: cfg.advertisedHost, port: cfg.ports.grpc, log: logFn });

  const routes: AdminRoute[] = [
    {
      method: 'GET',
      pattern: /^\/v1\/health$/,
      handle: () => ({
        ok: true,
        pid: process.pid,
        instanceId: cfg.instanceId,
        uptimeMs: Math.round(process.uptime() * 1000),
        usedStorageBytes: engine.diskBytes(),
      }),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/shutdown$/,
      handle: () => {
        setImmediate(onShutdownRequest);
        return { ok: true };
      },
    },
    ...engineRoutes(engine),
  ];

  await bindGrpc(server, cfg.bindHost, cfg.ports.grpc);
  const remoting = await startRemotingServers(engine, {
    host: cfg.bindHost,
    advertisedHost: cfg.advertisedHost,
    namesrvPort: cfg.ports.namesrv,
    brokerPort: cfg.ports.remoting,
    clusterName: cfg.instanceId,
    log,
  });
  // A half message may come from a 5.x or a 4.x producer: ask both.
  engine.transactionChecker = (m, id) => messaging.transactionChecker(m, id) || remoting.transactionChecker(m, id);
  const admin = await startAdminServer({ port: cfg.ports.admin, token: cfg.adminToken, routes });
  health.setStatus('', 'SERVING');
  log.info({ grpc: cfg.ports.grpc, namesrv: remoting.namesrvAddress, broker: remoting.brokerAddress, admin: cfg.ports.admin }, 'broker serving');

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
      await remoting.close();
      await admin.close();
      await engine.close();
    },
  };
}
