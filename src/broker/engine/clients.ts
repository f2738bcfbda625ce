// Clients of the broker as the protocols report them (5.x Settings and heartbeats, 4.x heartbeats): who consumes
// which group, which producers can answer a transaction check-back. A client silent for clientExpiryMs is gone.
import type { Clock } from '../../domain/clock.js';
import type { ClientInfo } from './types.js';

interface ClientRecord extends ClientInfo {
  lastSeen: number;
}

/** Above this many records the expired ones are dropped on the next registration. */
const PRUNE_ABOVE = 1000;

export class ClientRegistry {
  readonly #clients = new Map<string, ClientRecord>();
  readonly #clock: Clock;
  readonly #expiryMs: number;

  constructor(clock: Clock, expiryMs: number) {
    this.#clock = clock;
    this.#expiryMs = expiryMs;
  }

  register(info: ClientInfo): void {
    this.#clients.set(info.clientId, { ...info, lastSeen: this.#clock.now() });
    if (this.#clients.size > PRUNE_ABOVE) this.#prune();
  }

  touch(clientId: string): void {
    const c = this.#clients.get(clientId);
    if (c) c.lastSeen = this.#clock.now();
  }

  remove(clientId: string): void {
    this.#clients.delete(clientId);
  }

  info(clientId: string): ClientInfo | undefined {
    return this.#clients.get(clientId);
  }

  isAlive(clientId: string): boolean {
    const c = this.#clients.get(clientId);
    return c !== undefined && this.#clock.now() - c.lastSeen < this.#expiryMs;
  }

  live(): ClientInfo[] {
    const now = this.#clock.now();
    return [...this.#clients.values()].filter((c) => now - c.lastSeen < this.#expiryMs);
  }

  #prune(): void {
    const now = this.#clock.now();
    for (const [id, c] of this.#clients) if (now - c.lastSeen >= this.#expiryMs) this.#clients.delete(id);
  }
}
