// The 4.x "offset message id": hex(storeHost address ++ int32 port ++ int64 commit-log offset), upper case.
// 32 hex chars for an IPv4 store host, 56 for IPv6 (Java MessageDecoder.createMessageId / decodeMessageId).

import { RemotingError } from './errors.js';
import { bytesToIp, ipToBytes, type HostAddress } from './host.js';

export interface OffsetMessageId {
  storeHost: HostAddress;
  commitLogOffset: number;
}

export const encodeOffsetMessageId = (storeHost: HostAddress, commitLogOffset: number): string => {
  const ip = ipToBytes(storeHost.ip);
  const b = Buffer.allocUnsafe(ip.length + 12);
  ip.copy(b, 0);
  b.writeInt32BE(storeHost.port, ip.length);
  b.writeBigInt64BE(BigInt(commitLogOffset), ip.length + 4);
  return b.toString('hex').toUpperCase();
};

export const isOffsetMessageId = (s: string): boolean => (s.length === 32 || s.length === 56) && /^[0-9A-Fa-f]+$/.test(s);

export const decodeOffsetMessageId = (s: string): OffsetMessageId => {
  if (!isOffsetMessageId(s)) throw new RemotingError('REMOTING_MESSAGE_ID_MALFORMED', `not an offset message id: ${s}`);
  const b = Buffer.from(s, 'hex');
  const ipLen = b.length === 16 ? 4 : 16;
  const offset = b.readBigInt64BE(ipLen + 4);
  if (offset < 0n || offset > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RemotingError('REMOTING_MESSAGE_ID_MALFORMED', `offset out of range in message id ${s}`);
  }
  return { storeHost: { ip: bytesToIp(b.subarray(0, ipLen)), port: b.readInt32BE(ipLen) }, commitLogOffset: Number(offset) };
};
