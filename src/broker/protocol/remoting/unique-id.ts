// Unique message ids for 4.x messages whose producer set no UNIQ_KEY (ali-ons never does). Same layout as Java's
// MessageClientIDSetter — ip(4) pid(2) random(4) | time since month start(4) counter(2) — 32 upper-case hex chars.

import { randomBytes } from 'node:crypto';
import { ipToBytes } from './host.js';

const prefixOf = (ip: string): string => {
  const b = Buffer.alloc(10);
  try {
    ipToBytes(ip).subarray(-4).copy(b, 0);
  } catch {
    randomBytes(4).copy(b, 0);
  }
  b.writeUInt16BE(process.pid & 0xffff, 4);
  randomBytes(4).copy(b, 6);
  return b.toString('hex').toUpperCase();
};

const monthStart = (now: number): number => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};

export class UniqueIdGenerator {
  readonly #prefix: string;
  #counter = 0;

  constructor(ip = '127.0.0.1') {
    this.#prefix = prefixOf(ip);
  }

  next(now = Date.now()): string {
    this.#counter = (this.#counter + 1) & 0xffff;
    const t = ((now - monthStart(now)) >>> 0).toString(16).padStart(8, '0');
    return `${this.#prefix}${t}${this.#counter.toString(16).padStart(4, '0')}`.toUpperCase();
  }
}
