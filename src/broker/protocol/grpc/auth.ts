// The 5.x credential of a call: the `authorization` metadata (MQv2-HMAC-SHA1 over the x-mq-date-time value,
// rocketmq-protocols.md §6) and the peer's address. The engine decides; a call without the metadata is anonymous.
// The date is not checked for freshness (Java clients format local time with a literal Z).
import crypto from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { unauthorized, type Credential, type Engine, type Principal } from '../../engine/index.js';
import { metaValue, peerHost } from './call-info.js';


/** `MQv2-HMAC-SHA1 Credential=AK, SignedHeaders=x-mq-date-time, Signature=HEX` → its access key and signature. */
export function parseAuthorization(value: string): { accessKey: string; signature: string } | undefined {
  const space = value.indexOf(' ');
  if (space < 0) return undefined;
  let accessKey: string | undefined;
  let signature: string | undefined;
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 'Credential') accessKey = v.split('/')[0];
    else if (k === 'Signature') signature = v;
  }
  return accessKey && signature ? { accessKey, signature } : undefined;
}

export function grpcCredential(md: grpc.Metadata): Credential | undefined {
  const auth = metaValue(md, 'authorization');
  if (auth === undefined) return undefined;
  const parsed = parseAuthorization(auth);
  if (!parsed) throw unauthorized('the authorization metadata is malformed (expected MQv2-HMAC-SHA1 Credential=…, Signature=…)');
  const dateTime = metaValue(md, 'x-mq-date-time') ?? '';
  const given = Buffer.from(parsed.signature.toUpperCase(), 'utf8');
  return {
    accessKey: parsed.accessKey,
    cacheKey: `${auth}\n${dateTime}`,
    verify: (secret) => {
      const want = Buffer.from(crypto.createHmac('sha1', secret).update(dateTime, 'utf8').digest('hex').toUpperCase(), 'utf8');
      return want.length === given.length && crypto.timingSafeEqual(want, given);
    },
  };
}

/** Who the call comes from, checked against the instance's access policy on every call (throws UNAUTHORIZED). */
export const principalOf = (engine: Engine, call: { metadata: grpc.Metadata; getPeer(): string }): Principal =>
  engine.authenticate(grpcCredential(call.metadata), { address: peerHost(call.getPeer()), endpoint: 'private' });
