// Socket addresses as the stored-message format carries them: 4 (IPv4) or 16 (IPv6) address bytes + int32 port.

import { isIPv4, isIPv6 } from 'node:net';
import { RemotingError } from './errors.js';

export interface HostAddress {
  /** Dotted IPv4 or IPv6 text; IPv4-mapped IPv6 (::ffff:a.b.c.d) is reduced to IPv4. */
  ip: string;
  port: number;
}

export const normaliseIp = (ip: string): string => {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : ip;
};

export const isV6 = (h: HostAddress): boolean => !isIPv4(normaliseIp(h.ip)) && isIPv6(normaliseIp(h.ip));

export const ipToBytes = (ipText: string): Buffer => {
  const ip = normaliseIp(ipText);
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  if (!isIPv6(ip)) throw new RemotingError('REMOTING_VALUE_OUT_OF_RANGE', `not an IP address: ${ipText}`);
  const [headPart = '', tailPart] = ip.split('::') as [string, string | undefined];
  const groups = (part: string): number[] => {
    if (!part) return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const b = g.split('.').map(Number);
        out.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(headPart);
  const tail = tailPart === undefined ? [] : groups(tailPart);
  const all = tailPart === undefined ? head : [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
};

export const bytesToIp = (b: Uint8Array): string => {
  if (b.length === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return groups.join(':');
};

/** "ip:port" (IPv6 in brackets). */
export const formatHost = (h: HostAddress): string => (isV6(h) ? `[${h.ip}]:${h.port}` : `${normaliseIp(h.ip)}:${h.port}`);

/** Parses "ip:port" / "[v6]:port"; undefined when it is not one. */
export const parseHost = (s: string): HostAddress | undefined => {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(s) ?? /^([^:]+):(\d+)$/.exec(s);
  if (!m) return undefined;
  const ip = normaliseIp(m[1]!);
  if (!isIPv4(ip) && !isIPv6(ip)) return undefined;
  return { ip, port: Number(m[2]) };
};
