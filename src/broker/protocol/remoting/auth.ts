// The 4.x credential of a request (Apache RocketMQ's AclClientRPCHook, ali-ons `Channel#beforeRequest`): ext fields
// `AccessKey` and `Signature` = base64(HMAC-SHA1(secret, the values of every other ext field ordered by key, then the
// body)) — rocketmq-remoting.md §3. The backend (the engine) decides; handlers get the principal with the request.
import crypto from 'node:crypto';
import type { Credential, Principal } from '../../engine/index.js';
import type { RemotingBackend } from './backend.js';
import type { RequestContext, RequestHandler } from './connection.js';

/** A request of a broker handler: the connection's context and who sent it. */
export interface BrokerRequest extends RequestContext {
  who: Principal;
}

export type BrokerHandler = (rc: BrokerRequest) => ReturnType<RequestHandler>;

/** What the client signed: the other ext fields' values by key order (Java TreeMap: UTF-16 order), then the body. */
export function signedContent(extFields: Record<string, string>, body: Buffer | null | undefined): Buffer {
  const keys = Object.keys(extFields).filter((k) => k !== 'Signature').sort();
  const parts: Buffer[] = keys.map((k) => Buffer.from(String(extFields[k]), 'utf8'));
  if (body && body.length > 0) parts.push(body);
  return Buffer.concat(parts);
}

export function remotingCredential(rc: RequestContext): Credential | undefined {
  const ext = rc.request.extFields;
  const accessKey = ext.AccessKey;
  if (accessKey === undefined) return undefined;
  const given = Buffer.from(ext.Signature ?? '', 'utf8');
  return {
    accessKey,
    verify: (secret) => {
      const want = Buffer.from(crypto.createHmac('sha1', secret).update(signedContent(ext, rc.request.body)).digest('base64'), 'utf8');
      return want.length === given.length && crypto.timingSafeEqual(want, given);
    },
  };
}

/** Wraps a broker handler: the request is authenticated first (a refusal is NO_PERMISSION, 16, with the reason). */
export const authenticated =
  (backend: RemotingBackend, handler: BrokerHandler): RequestHandler =>
  (rc) => {
    const who = backend.authenticate(remotingCredential(rc), { address: rc.peer.remoteIp, endpoint: 'private' });
    return handler({ ...rc, who });
  };
