// The official RocketMQ 5.x Node client in a process of its own, driven line by line, as a user's program would run it:
// grpc-js reads GRPC_DEFAULT_SSL_ROOTS_FILE_PATH (the CA a TLS client trusts) once, when it loads, so a TLS client needs
// the variable in its own environment. Commands on stdin, one JSON answer per line on stdout:
//   (start)            → {"event":"ready"} | {"event":"error","message":…}
//   send <body>        → {"event":"sent","id":…} | {"event":"error","message":…}
//   receive <n>        → {"event":"received","bodies":[…]} | {"event":"error","message":…}
// Arguments: <endpoint> <topic> <group> <ssl: true|false>.
import readline from 'node:readline';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';

export interface ClientAnswer {
  event: 'ready' | 'sent' | 'received' | 'error';
  message?: string;
  id?: string;
  bodies?: string[];
}

/** The parent's handle on a client process. */
export class ClientProcess {
  private readonly answers: ClientAnswer[] = [];
  private waiting?: (a: ClientAnswer) => void;
  readonly ready: Promise<ClientAnswer>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const a = JSON.parse(line) as ClientAnswer;
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(a);
      } else this.answers.push(a);
    });
    this.ready = this.next();
  }

  /** Starts a client process; `caFile` set: it trusts that CA through GRPC_DEFAULT_SSL_ROOTS_FILE_PATH. */
  static start(o: { endpoint: string; topic: string; group: string; ssl: boolean; caFile?: string }): ClientProcess {
    const self = fileURLToPath(import.meta.url);
    const env: NodeJS.ProcessEnv = { ...process.env, ...(o.caFile ? { GRPC_DEFAULT_SSL_ROOTS_FILE_PATH: o.caFile } : {}) };
    const child = spawn(process.execPath, [...(self.endsWith('.ts') ? ['--import', 'tsx'] : []), self, o.endpoint, o.topic, o.group, String(o.ssl)], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr.resume();
    return new ClientProcess(child);
  }

  private next(): Promise<ClientAnswer> {
    const a = this.answers.shift();
    if (a) return Promise.resolve(a);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async send(body: string): Promise<ClientAnswer> {
    this.child.stdin.write(`send ${body}\n`);
    return this.next();
  }

  async receive(n: number): Promise<ClientAnswer> {
    this.child.stdin.write(`receive ${n}\n`);
    return this.next();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.stdin.end('quit\n');
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(kill);
  }
}

async function runChild(endpoint: string, topic: string, group: string, ssl: boolean): Promise<void> {
  const { newProducer, newSimpleConsumer } = await import('./rocketmq-client.js');
  const say = (a: ClientAnswer): void => void process.stdout.write(JSON.stringify(a) + '\n');
  const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));
  const producer: Producer = newProducer(endpoint, [topic], { sslEnabled: ssl });
  let consumer: SimpleConsumer | undefined;
  try {
    await producer.startup();
    say({ event: 'ready' });
  } catch (e) {
    say({ event: 'error', message: why(e) });
  }
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const [cmd, ...rest] = line.split(' ');
    try {
      if (cmd === 'send') {
        const r = await producer.send({ topic, body: Buffer.from(rest.join(' ')) });
        say({ event: 'sent', id: r.messageId });
      } else if (cmd === 'receive') {
        if (!consumer) {
          consumer = newSimpleConsumer(endpoint, group, { [topic]: '*' }, 1_000, { sslEnabled: ssl });
          await consumer.startup();
        }
        const want = Number(rest[0] ?? 1);
        const bodies: string[] = [];
        for (let empty = 0; bodies.length < want && empty < 5; ) {
          const msgs = await consumer.receive(16, 15_000);
          if (msgs.length === 0) empty++;
          for (const m of msgs) {
            bodies.push(m.body.toString());
            await consumer.ack(m);
          }
        }
        say({ event: 'received', bodies });
      } else if (cmd === 'quit') break;
    } catch (e) {
      say({ event: 'error', message: why(e) });
    }
  }
  await Promise.allSettled([producer.shutdown(), consumer?.shutdown()]);
  process.exit(0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [endpoint, topic, group, ssl] = process.argv.slice(2);
  void runChild(endpoint!, topic!, group!, ssl === 'true');
}
