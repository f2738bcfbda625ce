// Source-address patterns of access rules. Alibaba ACL entries and whitelists give IPs or CIDR blocks; Huawei's
// `white_remote_address` follows Apache RocketMQ ACL 1.0 (RemoteAddressStrategyFactory): `*`, a comma-separated list of
// IPs, `192.168.1.{1,2,3}`, segments with `*` or `a-b` ranges (`192.168.*.1-10`), and here also CIDR blocks.
import net from 'node:net';

export type AddressMatcher = (address: string) => boolean;

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is 10.0.0.1. */
export const normalizeAddress = (address: string): string => (address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address);

const family = (ip: string): 'ipv4' | 'ipv6' => (net.isIPv4(ip) ? 'ipv4' : 'ipv6');

/** An IP or a CIDR block; undefined when the text is neither. */
export function ipOrCidrMatcher(text: string): AddressMatcher | undefined {
  const list = new net.BlockList();
  const slash = text.indexOf('/');
  const ip = slash < 0 ? text : text.slice(0, slash);
  if (!net.isIP(ip)) return undefined;
  if (slash < 0) list.addAddress(ip, family(ip));
  else {
    const bits = text.slice(slash + 1);
    const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!(prefix >= 0 && prefix <= (family(ip) === 'ipv4' ? 32 : 128))) return undefined;
    list.addSubnet(ip, prefix, family(ip));
  }
  return (address) => {
    const a = normalizeAddress(address);
    return net.isIP(a) !== 0 && list.check(a, family(a));
  };
}

/** One IPv4 segment pattern: `*`, `n` or `a-b`. */
function segmentMatcher(seg: string): ((n: number) => boolean) | undefined {
  if (seg === '*') return () => true;
  const range = /^(\d{1,3})-(\d{1,3})$/.exec(seg);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    return lo <= hi && hi <= 255 ? (n) => n >= lo && n <= hi : undefined;
  }
  if (!/^\d{1,3}$/.test(seg) || Number(seg) > 255) return undefined;
  const v = Number(seg);
  return (n) => n === v;
}

function rangeMatcher(text: string): AddressMatcher | undefined {
  const segs = text.split('.');
  if (segs.length !== 4) return undefined;
  const parts = segs.map(segmentMatcher);
  if (parts.some((p) => p === undefined)) return undefined;
  return (address) => {
    const a = normalizeAddress(address);
    if (!net.isIPv4(a)) return false;
    return a.split('.').every((s, i) => parts[i]!(Number(s)));
  };
}

/** The matcher of an ACL 1.0 address pattern (or an IP/CIDR); undefined when the pattern is malformed. */
export function addressPattern(text: string): AddressMatcher | undefined {
  const p = text.trim();
  if (p === '') return undefined;
  if (p === '*' || p === '*.*.*.*' || p === '*:*:*:*:*:*:*:*') return () => true;
  if (p.includes(',') && !p.includes('{')) return anyOf(p.split(',').map((s) => ipOrCidrMatcher(s.trim())));
  const braces = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.\{([\d,\s]+)\}$/.exec(p);
  if (braces) return anyOf(braces[2]!.split(',').map((n) => ipOrCidrMatcher(`${braces[1]}.${n.trim()}`)));
  return ipOrCidrMatcher(p) ?? rangeMatcher(p);
}

function anyOf(matchers: (AddressMatcher | undefined)[]): AddressMatcher | undefined {
  if (matchers.length === 0 || matchers.some((m) => m === undefined)) return undefined;
  const all = matchers as AddressMatcher[];
  return (address) => all.some((m) => m(address));
}
