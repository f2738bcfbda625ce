// What a broker is told about its instance: the server-wide broker settings with the instance's own values applied.
// Per-instance values win: its storage space is the store's quota, its retention (when it has one) the store's
// retention, its flavour's TPS the broker's limit. Plain function, no I/O.
import type { BrokerDefaults } from '../config.js';
import { instanceLimits } from '../domain/catalogue.js';
import { brokerNames, type Instance } from '../domain/instance.js';
import { instanceLogFields } from '../log.js';
import type { BrokerSpec, Placement } from './driver.js';

const GIB = 1024 ** 3;
const HOUR_MS = 3_600_000;

/** `secretsKey`: the instance's broker key (derived from the master key), which opens the users' secrets sent to it. */
export function brokerSpecOf(i: Instance, placement: Placement, defaults: BrokerDefaults, secretsKey: string): BrokerSpec {
  const limits = instanceLimits(i.flavorId, i.brokerNum);
  const quotaBytes = i.storageSpaceGb > 0 ? i.storageSpaceGb * GIB : defaults.store.quotaBytes;
  return {
    instanceId: i.id,
    engineVersion: i.engineVersion,
    brokerNames: brokerNames(i.brokerNum),
    placement,
    store: {
      segmentBytes: defaults.store.segmentBytes,
      retentionMs: i.messageRetentionHours !== undefined ? i.messageRetentionHours * HOUR_MS : defaults.store.retentionMs,
      ...(quotaBytes === undefined ? {} : { quotaBytes }),
      flushPolicy: defaults.store.flushPolicy,
      flushIntervalMs: defaults.store.flushIntervalMs,
    },
    tunables: { ...defaults.tunables, retryBackoffMs: [...defaults.tunables.retryBackoffMs] },
    limits: { tps: limits.tps, maxTopics: limits.maxTopics, maxGroups: limits.maxGroups },
    access: { secretsKey, enabled: i.options.enableAcl, anonymousOnPrivate: i.options.vpcAuthFree === true },
    tlsMode: i.options.tlsMode,
    labels: instanceLogFields(i),
  };
}
