// The Alibaba ApsaraMQ for RocketMQ 5.x dialect: every request is signed (ACS3 / legacy ROA), routed on method + raw
// path, cross-checked against x-acs-action, and answered with Alibaba's {requestId, success, code, …, data} envelope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { Caller } from '../../service/caller.js';
import type { ApiDeps } from '../deps.js';
import { alibabaError, apiNotFound, notImplemented } from './errors.js';
import type { AlibabaContext } from './context.js';
import { HANDLERS } from './handlers.js';
import type { NonceLedger } from './nonce-cache.js';
import { OPERATIONS, type OperationSpec } from './operations.js';
import { AlibabaRouter } from './router.js';
import { parseRawQuery, verifyAlibabaSignature } from './signature.js';

const API_VERSION = '2022-08-01';

/** The single framework route all Alibaba ROA requests are rewritten to (see server.ts); the dialect routes itself. */
export const ALIBABA_ROUTE = '/alibaba-roa';

/** Authenticates the request and resolves its caller; the credential's tenant is the Alibaba account. */
const authenticate = async (
  deps: ApiDeps,
  nonces: NonceLedger,
  req: { method: string; rawUrl: string; headers: Record<string, string | string[] | undefined>; body: Buffer },
  requestId: string,
): Promise<Caller> => {
  let cred: Awaited<ReturnType<ApiDeps['credentials']['resolve']>>;
  await verifyAlibabaSignature(
    req,
    async (ak) => {
      cred = await deps.credentials.resolve(ak);
      return cred?.secretKey;
    },
    deps.now(),
    nonces,
    { legacyRoa: deps.config.legacyRoaSignature },
  );
  const c = cred!;
  // The region travels with the caller so policies name resources in this server's region.
  const caller: Caller & { region: string } = {
    tenantId: c.tenantId,
    accessKey: c.accessKey,
    policy: c.policy,
    dialect: 'alibaba',
    requestId,
    region: deps.config.region,
  };
  return caller;
};

const headerText = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function registerAlibabaRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const router = new AlibabaRouter<OperationSpec>();
  for (const op of OPERATIONS) router.add(op.method, op.path, op);

  const handle = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const requestId = String(req.id).toUpperCase();
    const rawUrl = (req.raw as { originalUrl?: string }).originalUrl ?? req.raw.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let action = 'unknown';
    let status = 200;
    let payload: unknown;
    try {
      const caller = await authenticate(deps, deps.nonces, { method: req.method, rawUrl, headers: req.headers, body }, requestId);
      const found = router.match(req.method, rawPath);
      if (!found) throw apiNotFound();
      action = found.handler.action;
      const claimed = headerText(req.headers['x-acs-action']);
      if (claimed !== undefined && claimed !== action) {
        throw new DomainError('InvalidParameter', `The x-acs-action ${claimed} does not match ${req.method} ${rawPath} (${action}).`, {
          dialectCode: 'InvalidAction.Mismatch',
        });
      }
      const version = headerText(req.headers['x-acs-version']);
      if (version !== undefined && version !== API_VERSION) {
        throw new DomainError('InvalidParameter', `The API version ${version} is not supported; use ${API_VERSION}.`, {
          dialectCode: 'InvalidVersion',
        });
      }
      const run = HANDLERS[action];
      if (!run) throw notImplemented(action);
      const query: Record<string, string> = {};
      for (const [k, v] of parseRawQuery(q < 0 ? '' : rawUrl.slice(q + 1))) query[k] = v;
      const ctx: AlibabaContext = { caller, params: found.params, query, body, deps, action };
      const data = await run(ctx);
      payload = {
        requestId,
        success: true,
        code: 'Success',
        message: 'operation success.',
        httpStatusCode: 200,
        dynamicCode: null,
        dynamicMessage: null,
        ...(data === undefined ? {} : { data }),
      };
    } catch (e) {
      if (!isDomainError(e)) deps.log.error({ err: e, requestId, action }, 'alibaba request failed');
      const out = alibabaError(e, requestId);
      status = out.status;
      payload = out.body;
    }
    deps.metrics.requests.inc({ dialect: 'alibaba', operation: action, status: String(status) });
    void reply.code(status).header('x-acs-request-id', requestId).header('content-type', 'application/json;charset=utf-8');
    await reply.send(JSON.stringify(payload));
  };

  app.route({ method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'], url: ALIBABA_ROUTE, handler: handle });
}
