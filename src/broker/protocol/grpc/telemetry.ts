// Telemetry streams: the settings handshake (with one re-push, §8.2), the client registry fed from it, and the
// server→client commands: transaction check-backs routed to a live stream of a producer of the topic, and consume
// verifications sent to one client, whose answer (matched by nonce) is awaited.
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { sleep } from '../../../domain/clock.js';
import type { VerifyOutcome } from '../../../domain/message.js';
import { isEngineError, type Engine, type Principal } from '../../engine/index.js';
import { principalOf } from './auth.js';
import { metaValue, peerAddress } from './call-info.js';
import { settingsReply } from './settings.js';
import type { Message, Settings, TelemetryCommand } from './wire.js';

type TelemetryCall = grpc.ServerDuplexStream<TelemetryCommand, TelemetryCommand>;

/** How long a client has to answer a verify-message command (the API call waits for it). */
const VERIFY_TIMEOUT_MS = 2_000;

/** Settings re-push times, in multiples of settingsRepushMs. */
const REPUSH_FACTORS = [1, 3, 7];


export class TelemetryHub {
  readonly #engine: Engine;
  readonly #streams = new Map<string, Set<TelemetryCall>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #log: (obj: object, msg: string) => void;
  /** Verify-message commands awaiting their answer, by nonce. */
  readonly #verifies = new Map<string, (answer: TelemetryCommand) => void>();
  #rr = 0;

  constructor(engine: Engine, log: (obj: object, msg: string) => void) {
    this.#engine = engine;
    this.#log = log;
  }

  attach(call: TelemetryCall): void {
    // The stream's metadata is fixed when it opens; it is checked then and again with every command, so a user removed
    // or disabled meanwhile loses its stream.
    if (!this.#authenticate(call)) return;
    const clientId = metaValue(call.metadata, 'x-mq-client-id') ?? peerAddress(call.getPeer());
    let repushed = false;
    let closed = false;
    const detach = (): void => {
      if (closed) return;
      closed = true;
      const set = this.#streams.get(clientId);
      set?.delete(call);
      if (set && set.size === 0) this.#streams.delete(clientId);
    };
    let set = this.#streams.get(clientId);
    if (!set) this.#streams.set(clientId, (set = new Set()));
    set.add(call);
    call.on('data', (cmd: TelemetryCommand) => {
      if (!cmd.settings) {
        // A verify answer: the Node client echoes the command with its status, others send a result. Stack traces: nothing to do.
        const nonce = cmd.verify_message_result?.nonce ?? cmd.verify_message_command?.nonce;
        if (nonce) this.#verifies.get(nonce)?.(cmd);
        return;
      }
      if (!this.#authenticate(call)) return;
      this.#register(clientId, call, cmd.settings);
      const reply = settingsReply(this.#engine, cmd.settings);
      this.#write(call, reply);
      if (!repushed && reply.settings && this.#engine.tunables.settingsRepushMs > 0) {
        // The Node client misses a Settings reply that arrives before it starts waiting (several topics, each
        // routed first): push it again a few times, later each time, in case routing the topics takes long.
        repushed = true;
        for (const factor of REPUSH_FACTORS) {
          const timer = setTimeout(() => {
            this.#timers.delete(timer);
            if (!closed) this.#write(call, settingsReply(this.#engine, cmd.settings!));
          }, this.#engine.tunables.settingsRepushMs * factor);
          timer.unref();
          this.#timers.add(timer);
        }
      }
    });
    call.on('end', () => {
      detach();
      call.end();
    });
    call.on('error', detach);
    call.on('cancelled', detach);
    call.on('close', detach);
  }

  /** Sends a transaction check-back to one live producer of the topic; false when there is none. */
  recoverOrphanedTransaction(topic: string, message: Message, transactionId: string): boolean {
    let producers = this.#engine.producersOf(topic).filter((p) => this.#streams.has(p.clientId));
    // A producer's Settings list the topics it started with, not the ones it sent to later: any producer will do.
    if (producers.length === 0) producers = this.#engine.producersOf(undefined).filter((p) => this.#streams.has(p.clientId));
    if (producers.length === 0) return false;
    const p = producers[this.#rr++ % producers.length]!;
    const call = [...this.#streams.get(p.clientId)!][0]!;
    return this.#write(call, { recover_orphaned_transaction_command: { message, transaction_id: transactionId } });
  }

  /** Asks a connected client to consume a message; undefined when it has no stream or does not answer in time. */
  async verifyMessage(clientId: string, message: Message): Promise<VerifyOutcome | undefined> {
    const call = [...(this.#streams.get(clientId) ?? [])][0];
    if (!call) return undefined;
    const nonce = randomUUID();
    const stop = new AbortController();
    let answer: TelemetryCommand | undefined;
    this.#verifies.set(nonce, (cmd) => {
      answer = cmd;
      stop.abort();
    });
    try {
      if (!this.#write(call, { verify_message_command: { nonce, message } })) return undefined;
      await sleep(this.#engine.clock, VERIFY_TIMEOUT_MS, stop.signal);
    } finally {
      this.#verifies.delete(nonce);
    }
    if (!answer) return undefined;
    const code = answer.status?.code ?? 'OK';
    return { consumed: code === 'OK', answer: answer.status?.message ? `${code} (${answer.status.message})` : code };
  }

  close(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const set of this.#streams.values()) for (const call of set) this.#safeEnd(call);
    this.#streams.clear();
  }

  /** The caller, or undefined after failing the stream with UNAUTHENTICATED. */
  #authenticate(call: TelemetryCall): Principal | undefined {
    try {
      return principalOf(this.#engine, call);
    } catch (e) {
      this.#fail(call, e);
      return undefined;
    }
  }

  /** Ends the stream with the gRPC status of an engine refusal (the stream has no status field of its own). */
  #fail(call: TelemetryCall, e: unknown): void {
    const code = isEngineError(e) && e.code === 'UNAUTHORIZED' ? grpc.status.UNAUTHENTICATED : isEngineError(e) && e.code === 'FORBIDDEN' ? grpc.status.PERMISSION_DENIED : grpc.status.INTERNAL;
    call.emit('error', { code, details: e instanceof Error ? e.message : String(e) });
  }

  #register(clientId: string, call: TelemetryCall, s: Settings): void {
    const topics = (s.publishing?.topics ?? s.subscription?.subscriptions?.map((e) => e.topic ?? {}) ?? [])
      .map((r) => r.name ?? '')
      .filter((n) => n.length > 0);
    this.#engine.registerClient({
      clientId,
      address: peerAddress(call.getPeer()),
      language: s.user_agent?.language ?? metaValue(call.metadata, 'x-mq-language') ?? 'UNKNOWN',
      version: s.user_agent?.version ?? metaValue(call.metadata, 'x-mq-client-version') ?? '',
      clientType: s.client_type ?? 'CLIENT_TYPE_UNSPECIFIED',
      group: s.subscription?.group?.name,
      topics,
      subscriptions: (s.subscription?.subscriptions ?? [])
        .filter((e) => (e.topic?.name ?? '') !== '')
        .map((e) => ({ topic: e.topic?.name ?? '', type: e.expression?.type === 'SQL' ? 'SQL' : 'TAG', expression: e.expression?.expression ?? '*' })),
    });
  }

  #write(call: TelemetryCall, cmd: TelemetryCommand): boolean {
    try {
      call.write(cmd);
      return true;
    } catch (e) {
      this.#log({ err: e }, 'telemetry write failed');
      return false;
    }
  }

  #safeEnd(call: TelemetryCall): void {
    try {
      call.end();
    } catch {
      // already closed
    }
  }
}
