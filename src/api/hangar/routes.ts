// Hangar's own API namespace, /hangar/v1/… (not a cloud dialect): plain JSON bodies and plain JSON errors
// {"code", "message"}, every operation signed like a Huawei request (SDK-HMAC-SHA256) with a credential of the server.
// It holds instances, topics and groups (operations.ts, used by the `hangar` command), the OpenAPI documents, and the
// test clock: GET answers {"now"}; POST {"advanceMs": N} moves it forward; both are 404 while the clock is off.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, isDomainError, type ErrorCode } from '../../domain/errors.js';
import { VERSION } from '../../version.js';
import type { ApiDeps } from '../deps.js';
import { TemplateRouter } from '../http/router.js';
import { authenticateHuawei } from '../huawei/auth.js';
import { logRefusal } from '../refusals.js';
import { alibabaOpenApi, hangarOpenApi, huaweiOpenApi } from './openapi.js';
import { HANGAR_OPERATIONS, notAnOperation, type HangarOperation } from './operations.js';

export const HANGAR_PREFIX = '/hangar/';

const STATUS: Partial<Record<ErrorCode, number>> = {
  InvalidParameter: 400,
  MissingParameter: 400,
  InvalidBody: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  StateConflict: 409,
  AlreadyExists: 409,
  QuotaExceeded: 409,
  ResourceExhausted: 503,
  NotImplemented: 501,
};

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const rawUrlOf = (req: FastifyRequest): string => (req.raw as { originalUrl?: string }).originalUrl ?? req.raw.url ?? '/';

/** The plain error body of /hangar/, /healthz and /metrics. */
export function plainError(e: DomainError): { status: number; body: { code: string; message: string } } {
  return { status: STATUS[e.code] ?? 500, body: { code: e.code, message: e.code === 'Internal' ? 'Internal error.' : e.message } };
}

export function registerHangarRoutes(app: FastifyInstance, deps: ApiDeps): void {
  // Each handler answers its success status (200 unless told) and body, or throws.
  const run =
    (fn: (req: FastifyRequest, body: Buffer) => Promise<{ status?: number; body: unknown }>) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let status = 200;
      let out: unknown;
      try {
        ({ status = 200, body: out } = await fn(req, body));
      } catch (e) {
        if (!isDomainError(e)) deps.log.error({ err: e, requestId: req.id }, 'hangar request failed');
        logRefusal(deps.log, e, { via: 'hangar', requestId: String(req.id) });
        ({ status, body: out } = plainError(isDomainError(e) ? e : new DomainError('Internal', 'Internal error.', { cause: e })));
      }
      void reply.code(status).header('x-request-id', String(req.id)).header('content-type', 'application/json');
      await reply.send(JSON.stringify(out));
    };

  app.get(
    '/hangar/v1/clock',
    run(async () => ({ body: { now: deps.clock.now() } })),
  );

  app.post(
    '/hangar/v1/clock',
    run(async (req, body) => {
      if (!deps.clock.enabled) deps.clock.now(); // NotFound, before anything else is looked at
      const caller = await authenticateHuawei(deps, { method: req.method, rawUrl: rawUrlOf(req), headers: req.headers, body }, String(req.id), 'hangar');
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new DomainError('InvalidBody', 'The body must be a JSON object like {"advanceMs": 3600000}.');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new DomainError('InvalidBody', 'The body must be a JSON object like {"advanceMs": 3600000}.');
      }
      return { body: { now: await deps.clock.advance(caller, (parsed as { advanceMs?: unknown }).advanceMs) } };
    }),
  );

  app.get('/hangar/v1/openapi.json', run(async () => ({ body: hangarOpenApi(VERSION) })));
  app.get('/hangar/v1/openapi/huawei.json', run(async () => ({ body: huaweiOpenApi() })));
  app.get('/hangar/v1/openapi/alibaba.json', run(async () => ({ body: alibabaOpenApi() })));

  // Instances, topics and groups: routed on the raw path, so that a name holding %2F stays one segment.
  const router = new TemplateRouter<HangarOperation>({ decode: safeDecode });
  for (const op of HANGAR_OPERATIONS) router.add(op.method, op.path, op);
  const resources = run(async (req, body) => {
    const rawUrl = rawUrlOf(req);
    const rawPath = rawUrl.split('?')[0]!;
    // The signature is checked before the path is looked at: an unsigned caller learns nothing about the API.
    const caller = await authenticateHuawei(deps, { method: req.method, rawUrl, headers: req.headers, body }, String(req.id), 'hangar');
    const match = router.match(req.method, rawPath).found;
    if (!match) throw notAnOperation(req.method, rawPath);
    return { status: match.handler.status, body: await match.handler.run({ caller, params: match.params, body, deps }) };
  });
  app.route({ method: ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'], url: '/hangar/v1/instances', handler: resources });
  app.route({ method: ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'], url: '/hangar/v1/instances/*', handler: resources });

  // Anything else under /hangar/ is not an operation (and never falls through to the Alibaba dialect).
  app.all(
    '/hangar/*',
    run(async (req) => {
      throw notAnOperation(req.method, req.url.split('?')[0]!);
    }),
  );
}
