// What a call tells about its client: metadata values and the peer's address.
import type * as grpc from '@grpc/grpc-js';

export const metaValue = (md: grpc.Metadata, key: string): string | undefined => {
  const v = md.get(key)[0];
  return v === undefined ? undefined : String(v);
};

/** "ipv4:127.0.0.1:5000" / "[::1]:5000" → "127.0.0.1:5000". */
export const peerAddress = (peer: string): string => peer.replace(/^ipv[46]:/, '');

/** "ipv4:127.0.0.1:5000" / "ipv6:[::1]:5000" / "[::1]:5000" → the host alone. */
export const peerHost = (peer: string): string => {
  const p = peer.replace(/^ipv[46]:/, '');
  if (p.startsWith('[')) return p.slice(1, p.indexOf(']'));
  const colon = p.lastIndexOf(':');
  return colon > 0 && p.indexOf(':') === colon ? p.slice(0, colon) : p;
};
