// Hangar's own API namespace, /hangar/v1/… (not a cloud dialect): plain JSON bodies and plain JSON errors
// {"code", "message"}. Today it holds the test clock: GET answers {"now"}; POST {"advanceMs": N} moves it forward and is
// signed like a Huawei request (SDK-HMAC-SHA256) with any credential of the server. Both are 404 while the clock is off.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, isDomainError, type ErrorCode } from '../../domain/errors.js';
import type { ApiDeps } from '../deps.js';
import { authenticateHuawei } from '../huawei/auth.js';

export const HANGAR_PREFIX = '/hangar/';

const STATUS: Partial<Record<ErrorCode, number>> = {
  InvalidParameter: 400,
  MissingParameter: 400,
  InvalidBody: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  StateConflict: 409,
};

/** The plain error body of /hangar/, /healthz and /metrics. */
export function plainError(e: DomainError): { status: number; body: { code: string; message: string } } {
  return { status: STATUS[e.code] ?? 500, body: { code: e.code, message: e.code === 'Internal' ? 'Internal error.' : e.message } };
}

export function registerHangarRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const run =
    (fn: (req: FastifyRequest, body: Buffer) => Promise<unknown>) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let status = 200;
      let out: unknown;
      try {
        out = await fn(req, body);
      } catch (e) {
        if (!isDomainError(e)) deps.log.error({ err: e, requestId: req.id }, 'hangar request failed');
        ({ status, body: out } = plainError(isDomainError(e) ? e : new DomainError('Internal', 'Internal error.', { cause: e })));
      }
      void reply.code(status).header('x-request-id', String(req.id)).header('content-type', 'application/json');
      await reply.send(JSON.stringify(out));
    };

  app.get(
    '/hangar/v1/clock',
    run(async () => ({ now: deps.clock.now() })),
  );

  app.post(
    '/hangar/v1/clock',
    run(async (req, body) => {
      if (!deps.clock.enabled) deps.clock.now(); // NotFound, before anything else is looked at
      const rawUrl = (req.raw as { originalUrl?: string }).originalUrl ?? req.raw.url ?? '/';
      const caller = await authenticateHuawei(deps, { method: req.method, rawUrl, headers: req.headers, body }, String(req.id));
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new DomainError('InvalidBody', 'The body must be a JSON object like {"advanceMs": 3600000}.');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new DomainError('InvalidBody', 'The body must be a JSON object like {"advanceMs": 3600000}.');
      }
      return { now: await deps.clock.advance(caller, (parsed as { advanceMs?: unknown }).advanceMs) };
    }),
  );

  // Anything else under /hangar/ is not an operation (and never falls through to the Alibaba dialect).
  app.all(
    '/hangar/*',
    run(async (req) => {
      throw new DomainError('NotFound', `${req.method} ${req.url.split('?')[0]} is not an operation of Hangar's API.`);
    }),
  );
}
