// The Huawei DMS for RocketMQ v2 dialect: every /v2/... request is signed (SDK-HMAC-SHA256), routed on the raw URL, and
// answered with snake_case bodies and {error_code, error_msg} errors carrying an X-Request-Id header.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { ApiDeps } from '../deps.js';
import { logRefusal } from '../refusals.js';
import { authenticateHuawei } from './auth.js';
import { huaweiError } from './errors.js';
import { groupRoutes } from './group-routes.js';
import { instanceRoutes } from './instance-routes.js';
import { messageRoutes } from './message-routes.js';
import type { HuaweiOperation, HuaweiResponse } from './operation.js';
import { topicRoutes } from './topic-routes.js';
import { userRoutes } from './user-routes.js';
import { HUAWEI_OPERATIONS, type HuaweiOperationSpec } from './operations.js';
import { RawRouter } from './router.js';

/** The single framework route all /v2/ requests are rewritten to (see server.ts). */
export const HUAWEI_ROUTE = '/v2/huawei';

/** Every operation Hangar implements of the Huawei API, on one router (also listed by /hangar/v1/openapi/huawei.json). */
export function huaweiRouter(): RawRouter<HuaweiOperation> {
  const router = new RawRouter<HuaweiOperation>();
  instanceRoutes(router);
  topicRoutes(router);
  groupRoutes(router);
  userRoutes(router);
  messageRoutes(router);
  return router;
}

export function registerHuaweiRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const router = huaweiRouter();
  // Every operation of the API, built or not: what tells a 501 (not built yet) from a 404 (no operation at all).
  const operations = new RawRouter<HuaweiOperationSpec>();
  for (const o of HUAWEI_OPERATIONS) operations.add(o.method, o.path, o);

  const handle = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const rawUrl = (req.raw as { originalUrl?: string }).originalUrl ?? req.raw.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let operation = 'unknown';
    let out: HuaweiResponse;
    try {
      const caller = await authenticateHuawei(deps, { method: req.method, rawUrl, headers: req.headers, body }, String(req.id));
      const { found } = router.match(req.method, rawPath);
      if (!found) throw noOperation(operations, req.method, rawPath);
      operation = found.handler.name;
      if (found.params.project_id !== undefined && found.params.project_id !== caller.tenantId) {
        throw new DomainError('Forbidden', 'The project in the path is not the project of the credential.');
      }
      out = await found.handler.run({ caller, params: found.params, query: new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)), body, deps });
    } catch (e) {
      if (!isDomainError(e)) deps.log.error({ err: e, requestId: req.id, operation }, 'huawei request failed');
      logRefusal(deps.log, e, { via: 'huawei', requestId: String(req.id), operation });
      out = huaweiError(isDomainError(e) ? e : new DomainError('Internal', 'Internal error.', { cause: e }));
    }
    deps.metrics.requests.inc({ dialect: 'huawei', operation, status: String(out.status) });
    void reply
      .code(out.status)
      .header('x-request-id', String(req.id))
      .header('content-type', 'application/json');
    await reply.send(out.json ?? (out.body === undefined ? '' : JSON.stringify(out.body)));
  };

  app.route({ method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'], url: HUAWEI_ROUTE, handler: handle });
}

/** 501 for an operation of the API Hangar does not provide yet; a path or method that is none answers 404 APIGW.0101. */
function noOperation(operations: RawRouter<HuaweiOperationSpec>, method: string, rawPath: string): DomainError {
  const known = operations.match(method, rawPath).found;
  if (known) return new DomainError('NotImplemented', `The operation ${known.handler.name} is not implemented by Hangar yet.`);
  return apiNotFound();
}

/** Huawei's API gateway answer to a request that is no operation of the API. */
export const apiNotFound = (): DomainError =>
  new DomainError('NotFound', 'The API does not exist or has not been published in the environment.', { dialectCode: 'APIGW.0101' });
