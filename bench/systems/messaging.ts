// What the produce and round-trip scenarios need from a message queue, implemented once per system with its own
// well-known Node.js client (Hangar: rocketmq-client-nodejs, NATS: nats, RabbitMQ: amqplib).
import type { SystemName } from '../results.js';

export interface MessagingClient {
  readonly system: SystemName;
  /** How this system makes a message durable in this setup, printed beside its figures. */
  readonly flushSetting: string;
  /** Client-side knobs that shape the figures (prefetch, batch sizes), recorded in the rows' params. */
  readonly settings: Record<string, unknown>;
  /** The server processes on this machine (their CPU is measured beside the client's); empty when not local. */
  serverPids(): number[];
  /** Sends one message; resolves when the broker has acknowledged it (its durability promise). */
  send(body: Buffer): Promise<void>;
  /** Starts the one consumer: `onMessage` is called for each delivery, which the client then acknowledges;
   *  `onError` with a failure that stops consumption. */
  startConsumer(onMessage: (body: Buffer) => void, onError: (e: Error) => void): Promise<void>;
  stopConsumer(): Promise<void>;
  /** Removes what the run created (stream, queue, topic) where the system allows it, and disconnects. */
  close(): Promise<void>;
}

/** A destination (stream, queue, topic) of its own for each measurement, so runs never see each other's messages. */
export type ClientFactory = (name: string) => Promise<MessagingClient>;

/** Thrown when a system is not reachable; the runner marks it n/a and prints `hint`. */
export class SystemUnavailableError extends Error {
  readonly code = 'BENCH_SYSTEM_UNAVAILABLE';
  constructor(
    readonly system: SystemName,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'SystemUnavailableError';
  }
}
