// Port allocation from HANGAR_BROKER_PORTS: never a port another instance holds, and each one test-bound before use.
import net from 'node:net';
import type { PortRange } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { PlacementTakenError, type Placement } from './driver.js';

/** Ports owned by an instance's embedded broker process: the embedded driver's placement. */
export interface BrokerPorts {
  grpc: number;
  namesrv: number;
  remoting: number;
  admin: number;
}

const PORT_KINDS = ['grpc', 'namesrv', 'remoting', 'admin'] as const;

/** Resolves true when the port can be bound on the host right now. */
export function canBind(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen({ port, host, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

export async function portsFree(ports: BrokerPorts, host: string): Promise<boolean> {
  for (const k of PORT_KINDS) {
    if (!(await canBind(ports[k], k === 'admin' ? '127.0.0.1' : host))) return false;
  }
  return true;
}

/** The ports of a placement, or undefined when it is not one of the embedded driver's. */
export function portsOf(p: Placement): BrokerPorts | undefined {
  const ok = PORT_KINDS.every((k) => Number.isInteger(p[k]) && (p[k] as number) > 0 && (p[k] as number) <= 65535);
  return ok ? { grpc: p.grpc as number, namesrv: p.namesrv as number, remoting: p.remoting as number, admin: p.admin as number } : undefined;
}

/** The ports recorded for an instance are bound by something else; the reconciler reserves new ones. */
export class PortsTakenError extends PlacementTakenError {
  constructor(ports: BrokerPorts) {
    super(`ports ${JSON.stringify(ports)} are in use by another process`);
  }
}

export class PortAllocator {
  private cursor: number;

  constructor(
    private readonly range: PortRange,
    private readonly host: string,
  ) {
    this.cursor = range.from + Math.floor(Math.random() * (range.to - range.from + 1));
  }

  /** Picks four free ports not in `taken`; throws ResourceExhausted when the range has none left. */
  async allocate(taken: Iterable<BrokerPorts | Placement>): Promise<BrokerPorts> {
    const used = new Set<number>();
    for (const p of taken) for (const k of PORT_KINDS) if (typeof p[k] === 'number') used.add(p[k]);
    const size = this.range.to - this.range.from + 1;
    const picked: number[] = [];
    for (let tried = 0; tried < size && picked.length < PORT_KINDS.length; tried++) {
      const port = this.cursor;
      this.cursor = port >= this.range.to ? this.range.from : port + 1;
      if (used.has(port)) continue;
      const host = picked.length === 3 ? '127.0.0.1' : this.host;
      if (await canBind(port, host)) {
        picked.push(port);
        used.add(port);
      }
    }
    if (picked.length < PORT_KINDS.length) {
      throw new DomainError('ResourceExhausted', `No free broker ports left in ${this.range.from}-${this.range.to}.`, { resource: 'instance' });
    }
    return { grpc: picked[0]!, namesrv: picked[1]!, remoting: picked[2]!, admin: picked[3]! };
  }
}
