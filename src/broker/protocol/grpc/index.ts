// RocketMQ 5.x gRPC front-end of the broker: registers apache.rocketmq.v2.MessagingService on a grpc-js Server.
import type * as grpc from '@grpc/grpc-js';
import type { ConsumeVerifier, Engine, StoredMessage } from '../../engine/index.js';
import { fromStored } from './convert.js';
import { messagingServiceDefinition } from './proto.js';
import { createHandlers } from './service.js';
import { TelemetryHub } from './telemetry.js';

export interface MessagingServiceOptions {
  /** Host clients can reach (routes point here, never at the bind address). */
  advertisedHost: string;
  port: number;
  log?: (obj: object, msg: string) => void;
}

/**
 * Options the grpc.Server must be created with: room for 4 MiB bodies plus headers, and no channelz (its per-call
 * trackers and timestamps cost on every RPC, and nothing here reads them).
 */
export const MESSAGING_SERVER_OPTIONS: grpc.ServerOptions = Object.freeze({
  'grpc.max_receive_message_length': 16 * 1024 * 1024,
  'grpc.max_send_message_length': 16 * 1024 * 1024,
  'grpc.enable_channelz': 0,
});

export interface MessagingService {
  /** Asks the producers connected over gRPC about an unresolved transaction (to chain with other protocols' checkers). */
  transactionChecker: (m: StoredMessage, transactionId: string) => boolean;
  /** Asks a client connected over gRPC to consume one message (to chain with other protocols' verifiers). */
  consumeVerifier: ConsumeVerifier;
  close(): void;
}

export function addMessagingService(server: grpc.Server, engine: Engine, opts: MessagingServiceOptions): MessagingService {
  const log = opts.log ?? (() => undefined);
  const hub = new TelemetryHub(engine, log);
  const storeHost = `${opts.advertisedHost}:${opts.port}`;
  const transactionChecker = (m: StoredMessage, transactionId: string): boolean =>
    hub.recoverOrphanedTransaction(m.topic, fromStored(m, storeHost), transactionId);
  engine.transactionChecker = transactionChecker;
  const consumeVerifier: ConsumeVerifier = (client, m) => hub.verifyMessage(client.clientId, fromStored(m, storeHost));
  engine.consumeVerifier = consumeVerifier;
  const polls = new Set<AbortController>();
  server.addService(messagingServiceDefinition(), createHandlers({ engine, hub, polls, advertisedHost: opts.advertisedHost, port: opts.port, log }));
  return {
    transactionChecker,
    consumeVerifier,
    /** Ends telemetry streams and long polls (they answer at once), so a server shutdown completes quickly. */
    close() {
      engine.transactionChecker = () => false;
      hub.close();
      for (const p of polls) p.abort();
    },
  };
}
