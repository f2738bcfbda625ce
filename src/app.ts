// Composition root: wires the store, services, provisioning and HTTP server of `hangar serve`.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { buildServer } from './api/server.js';
import { createLogger, type Logger } from './log.js';
import { Metrics } from './metrics.js';
import { AdjustableClock } from './domain/clock.js';
import { EmbeddedDriver } from './provision/embedded/driver.js';
import { Reconciler } from './provision/reconciler.js';
import type { CredentialService } from './service/credentials.js';
import { InstanceService } from './service/instances.js';
import { openCore } from './core.js';
import { lockDataDir } from './data-dir/lock.js';
import { prepareDataDir } from './data-dir/prepare.js';
import { StartupError } from './startup-error.js';
import { InstanceRepository } from './store/instances.js';
import { TaskRepository } from './store/tasks.js';
import { GroupRepository, TopicRepository } from './store/resources.js';
import { BrokerChannel } from './service/broker-channel.js';
import { TopicService } from './service/topics.js';
import { GroupService } from './service/groups.js';
import { MessageService } from './service/messages.js';
import { InstanceAccessService } from './service/instance-access.js';
import { InstanceAccessRepository } from './store/instance-access.js';
import { groupSpecOf, topicSpecOf } from './domain/topic.js';
import { TestClockService } from './service/test-clock.js';
import { SignatureNonces } from './service/signature-nonces.js';
import { NonceRepository } from './store/nonces.js';
import { SIGNATURE_WINDOW_MS } from './api/alibaba/nonce-cache.js';
import { HealthService } from './service/health.js';
import { VERSION } from './version.js';

export interface App {
  http: FastifyInstance;
  log: Logger;
  /** Where the generated bootstrap credential was written, if it was. */
  credentialsFile?: string;
  credentials: CredentialService;
  /** The address the API listens on (the real port when HANGAR_PORT is 0). */
  url: string;
  /** Clean stop: HTTP, reconciler, then every broker. */
  close(): Promise<void>;
}

export interface AppOptions {
  /**
   * Run the reconciler (default). Without it instances are recorded but no broker is started: the management API alone,
   * which the API-contract tests use to stay light.
   */
  provision?: boolean;
  /** Called with the API's address once it listens, before the first log line about serving. */
  onListening?: (url: string) => void;
}

export async function startApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const provision = opts.provision ?? true;
  const log = createLogger(config.logLevel);
  const metrics = new Metrics();
  let ready = false;
  // One server per data directory: a second would adopt this one's brokers and stop them when it stops.
  prepareDataDir(config.dataDir);
  const lock = lockDataDir(config.dataDir);
  let core: Awaited<ReturnType<typeof openCore>>;
  try {
    core = await openCore(config);
  } catch (e) {
    lock.release();
    throw e;
  }
  const { db, changes, uncounted, credentials, secrets } = core;
  const giveUp = async (e: unknown): Promise<never> => {
    await db.destroy();
    lock.release();
    throw e;
  };
  const credentialsFile = await credentials.bootstrap(config.dataDir, config).catch(giveUp);

  const instancesRepo = new InstanceRepository(db);
  const tasks = new TaskRepository(db);
  const topicsRepo = new TopicRepository(db);
  const groupsRepo = new GroupRepository(db);
  // HANGAR_TEST_CLOCK=1: one adjustable clock, held by the test-clock service (GET/POST /hangar/v1/clock) and followed by
  // every broker through the driver. Records and supervision (created/updated times, create timeouts, the ERROR grace
  // period, signature skew) stay on real time: a jump must not fail a create that is still starting, and SDKs sign
  // with their own clock.
  const testClock = config.testClock ? new AdjustableClock() : undefined;
  const driver = new EmbeddedDriver({
    dataDir: config.dataDir,
    bindHost: config.host,
    advertisedHost: config.advertisedHost,
    portRange: config.brokerPorts,
    inUse: () => instancesRepo.allPlacements(),
    minFreeDiskMb: config.minFreeDiskMb,
    orphanTimeoutMs: config.brokerOrphanTimeoutMs,
    logLevel: config.logLevel,
    log,
    nodeOptions: config.brokerNodeOptions.split(' ').filter(Boolean),
    clock: testClock,
  });
  const channel = new BrokerChannel(driver);
  // Declared before the reconciler, which asks it for each broker's key and policy; `instances` is set just below.
  const access: InstanceAccessService = new InstanceAccessService(
    { find: (caller, id) => instances.find(caller, id) },
    new InstanceAccessRepository(db),
    secrets,
    channel,
  );
  const reconciler = new Reconciler({
    instances: instancesRepo,
    tasks,
    driver,
    brokerDefaults: config.broker,
    intervalMs: config.reconcileIntervalMs,
    downGraceMs: config.brokerDownGraceMs,
    log,
    metrics,
    desiredMetadata: async (id) => ({
      topics: (await topicsRepo.list(id)).map(topicSpecOf),
      groups: (await groupsRepo.list(id)).map(groupSpecOf),
    }),
    desiredAccess: async (id) => {
      const row = await instancesRepo.findById(id);
      if (!row) throw new Error(`instance ${id} is gone`);
      return access.policyOf(row.instance);
    },
    secretsKeyOf: (id) => access.brokerKey(id),
  });
  const instances = new InstanceService({
    db,
    changes,
    instances: instancesRepo,
    tasks,
    driver,
    instanceQuota: config.instanceQuota,
    log,
    wake: () => (provision ? reconciler.wake() : undefined),
    accessSwitched: (i) => access.pushToBroker(i),
    broker: channel,
  });

  const topics = new TopicService(instances, topicsRepo, channel, changes);
  const groups = new GroupService(instances, groupsRepo, channel, changes);
  const messages = new MessageService(instances, topicsRepo, groupsRepo, channel);

  const testClockService = new TestClockService(testClock, driver);
  const nonces = new SignatureNonces(new NonceRepository(db, uncounted), SIGNATURE_WINDOW_MS);
  const health = new HealthService({
    db,
    databaseKind: config.databaseUrl && /^postgres(ql)?:/.test(config.databaseUrl) ? 'postgres' : 'sqlite',
    instances: instancesRepo,
    brokerState: (id) => reconciler.brokerState(id),
    ready: () => ready,
    version: VERSION,
  });
  const http = buildServer({ config, instances, topics, groups, messages, access, credentials, nonces, clock: testClockService, metrics, log, now: Date.now, ready: () => ready, health });
  await listen(http, config).catch(giveUp);
  // Serve /healthz (503) while the first reconcile pass re-adopts or restarts brokers.
  if (provision) await reconciler.start();
  ready = true;
  const port = (http.server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  opts.onListening?.(url);
  log.info({ url, dataDir: config.dataDir }, 'hangar serving');

  return {
    http,
    log,
    credentialsFile,
    credentials,
    url,
    async close() {
      ready = false;
      await http.close();
      await reconciler.stop();
      await driver.stopAll();
      await db.destroy();
      lock.release();
    },
  };
}

/** Listens on HANGAR_HOST:HANGAR_PORT; an address in use or not available here is a StartupError naming both. */
async function listen(http: FastifyInstance, config: Config): Promise<void> {
  try {
    await http.listen({ host: config.host, port: config.port });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(`HANGAR_PORT ${config.port} on HANGAR_HOST ${config.host} is already in use: stop what listens there or choose another port.`);
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      throw new StartupError(`HANGAR_HOST ${config.host} port ${config.port} cannot be listened on (${code}): choose an address of this machine and a port this user may use.`);
    }
    throw e;
  }
}
