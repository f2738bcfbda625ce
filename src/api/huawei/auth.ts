// Resolves a signed Huawei request to its caller: access key → credential (secret, tenant, policy) → signature check.
import { DomainError } from '../../domain/errors.js';
import type { Caller } from '../../service/caller.js';
import type { ApiDeps } from '../deps.js';
import { verifyHuaweiSignature } from './signature.js';

const ACCESS = /Access=([^,\s]+)/;

export async function authenticateHuawei(
  deps: ApiDeps,
  req: { method: string; rawUrl: string; headers: Record<string, string | string[] | undefined>; body: Buffer },
  requestId: string,
  /** Hangar's own API is signed the same way; its callers say so. */
  dialect: Caller['dialect'] = 'huawei',
): Promise<Caller> {
  const auth = req.headers.authorization;
  const ak = typeof auth === 'string' ? ACCESS.exec(auth)?.[1] : undefined;
  const cred = ak ? await deps.credentials.resolve(ak) : undefined;
  const result = verifyHuaweiSignature(req, (k) => (cred && k === cred.accessKey ? cred.secretKey : undefined), deps.now());
  if (!result.ok || !cred) {
    throw new DomainError('Unauthenticated', 'Incorrect IAM authentication information: verify aksk signature fail');
  }
  return { tenantId: cred.tenantId, accessKey: cred.accessKey, policy: cred.policy, dialect, requestId, region: deps.config.region };
}
