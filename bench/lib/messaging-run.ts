// The two measurements every message queue goes through, whatever its client: produce-only with a window of sends in
// flight, and round-trip (producer and consumer running together). Bodies carry a sequence number and the send time so
// the consumer can count distinct messages and measure end-to-end latency on the same clock.
import type { MessagingClient } from '../systems/messaging.js';
import { LatencyRecorder } from './latency.js';
import { CpuMeter, ProcessCpuMeter } from './process-stats.js';

export interface Measurement {
  messages: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  clientCpuPct: number;
  /** CPU of the server processes on this machine over the same window (% of one core). */
  serverCpuPct: number;
  /** Client and server CPU time spent per message: a figure that holds on a busy shared machine. */
  cpuMsPerMessage: number;
}

function result(n: number, seconds: number, lat: LatencyRecorder, clientCpuPct: number, serverCpuPct: number): Measurement {
  const cpuMsPerMessage = (((clientCpuPct + serverCpuPct) / 100) * seconds * 1000) / n;
  return { messages: n, seconds, rate: n / seconds, p50: lat.percentile(50), p99: lat.percentile(99), clientCpuPct, serverCpuPct, cpuMsPerMessage };
}

const HEADER_BYTES = 16;

/** A message of `size` bytes whose first 16 hold its sequence number and its send time (hrtime, ns). */
export function stampedBody(seq: number, size: number): Buffer {
  const b = Buffer.alloc(Math.max(size, HEADER_BYTES), 0x61);
  b.writeUInt32BE(seq, 0);
  b.writeBigUInt64BE(process.hrtime.bigint(), 8);
  return b;
}

export function readStamp(body: Buffer): { seq: number; sentNs: bigint } {
  return { seq: body.readUInt32BE(0), sentNs: body.readBigUInt64BE(8) };
}

/** Runs `count` tasks with at most `inFlight` at a time; task(i) gets the task index. */
async function windowed(count: number, inFlight: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Produce only: `n` messages with `inFlight` sends outstanding; latency is send → broker acknowledgement. */
export async function measureProduce(client: MessagingClient, n: number, inFlight: number, size: number): Promise<Measurement> {
  const lat = new LatencyRecorder();
  const cpu = new CpuMeter();
  const server = new ProcessCpuMeter(client.serverPids());
  const t0 = process.hrtime.bigint();
  await windowed(n, inFlight, async (i) => {
    const start = process.hrtime.bigint();
    await client.send(stampedBody(i, size));
    lat.since(start);
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return result(n, seconds, lat, cpu.percent(), server.percent());
}

/**
 * Round trip: the consumer runs while `n` messages are produced with `inFlight` outstanding; done when every
 * sequence number has been consumed once. Latency is send start → delivery to the consumer.
 */
export async function measureRoundTrip(client: MessagingClient, n: number, inFlight: number, size: number, timeoutMs: number): Promise<Measurement> {
  const lat = new LatencyRecorder();
  const seen = new Uint8Array(n);
  let distinct = 0;
  let failed: Error | undefined;
  let done!: () => void;
  const allConsumed = new Promise<void>((resolve) => (done = resolve));
  let fail!: (e: Error) => void;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined);
  await client.startConsumer(
    (body) => {
      const { seq, sentNs } = readStamp(body);
      if (seq >= n || seen[seq]) return; // a redelivery is not a new message
      seen[seq] = 1;
      lat.add(Number(process.hrtime.bigint() - sentNs) / 1e6);
      if (++distinct === n) done();
    },
    (e) => {
      failed = e;
      fail(e);
    },
  );
  const cpu = new CpuMeter();
  const server = new ProcessCpuMeter(client.serverPids());
  const t0 = process.hrtime.bigint();
  const timer = setTimeout(() => fail(new Error(`round trip: ${distinct} of ${n} messages consumed after ${timeoutMs} ms`)), timeoutMs);
  let seconds: number;
  let clientCpuPct: number;
  let serverCpuPct: number;
  try {
    await Promise.race([windowed(n, inFlight, (i) => client.send(stampedBody(i, size))).then(() => allConsumed), failure]);
    seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    clientCpuPct = cpu.percent();
    serverCpuPct = server.percent();
  } finally {
    clearTimeout(timer);
    await client.stopConsumer();
  }
  if (failed) throw failed;
  return result(n, seconds, lat, clientCpuPct, serverCpuPct);
}
