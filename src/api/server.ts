// The HTTP server: one Fastify instance and port for both cloud dialects, Hangar's own /hangar/v1/ API, /healthz and
// /metrics. It is the only file that knows about the HTTP framework's set-up; dialects register their routes on it.
import crypto from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { alibabaError } from './alibaba/errors.js';
import { huaweiError } from './huawei/errors.js';
import { registerAlibabaRoutes } from './alibaba/routes.js';
import type { ApiDeps } from './deps.js';
import { HANGAR_PREFIX, plainError, registerHangarRoutes } from './hangar/routes.js';
import { LazyRequestLogger } from './lazy-request-logger.js';
import { HUAWEI_ROUTE, registerHuaweiRoutes } from './huawei/routes.js';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;
// A body over the limit is still read (and dropped) up to this size before the answer goes out: a client that is still
// sending when the server answers and closes sees a broken connection instead of the error.
const DRAIN_BODY_BYTES = 64 * 1024 * 1024;

export function buildServer(deps: ApiDeps): FastifyInstance {
  const app = Fastify({
    // The assertion is needed: without it Fastify infers its logger type from pino's Logger and the instance no longer
    // fits FastifyInstance; typescript-eslint compares the two as equal.
    // The framework's own info lines ("Server listening at …") repeat what app.ts logs: warnings and errors only.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: deps.log.child({ component: 'api' }, { level: deps.log.levelVal < 40 ? 'warn' : deps.log.level }) as FastifyBaseLogger,
    // Dialects log what matters themselves; a line per request would be noise.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    genReqId: () => crypto.randomUUID(),
    childLoggerFactory: (logger, bindings, options) => new LazyRequestLogger(logger, bindings, options),
    // Huawei sends path parameters raw ('a|b%c'), which the framework's router cannot decode: every /v2/ request goes to
    // one route and the dialect routes on the original URL itself.
    rewriteUrl: (req) => (req.url?.startsWith('/v2/') ? HUAWEI_ROUTE : (req.url ?? '/')),
    routerOptions: { maxParamLength: 1024 },
  });
  // Signatures cover the exact bytes: every body arrives as a Buffer and each dialect parses it itself.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => readBody(payload, done));

  app.get('/healthz', async (_req, reply) => {
    const report = await deps.health.report();
    return reply.code(report.status === 'ok' ? 200 : 503).send(report);
  });
  app.get('/metrics', async (_req, reply) => {
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  // What the framework itself refuses (a body over the limit, a broken request) answers in the caller's dialect too.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const clientMistake = (err.statusCode ?? 500) < 500;
    const e = clientMistake
      ? new DomainError('InvalidBody', err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? `The request body is larger than ${MAX_BODY_BYTES} bytes.` : 'The request is malformed.')
      : new DomainError('Internal', 'Internal error.', { cause: err });
    if (!clientMistake) deps.log.error({ err, requestId: req.id }, 'request failed');
    const url = req.raw.url ?? '';
    // Hangar's own paths keep their plain JSON errors; the dialects' paths answer in their cloud's envelope.
    const plain = url.startsWith(HANGAR_PREFIX) || url === '/healthz' || url.startsWith('/healthz?') || url === '/metrics' || url.startsWith('/metrics?');
    const out = plain ? plainError(e) : url.startsWith('/v2/') ? huaweiError(e) : alibabaError(e, String(req.id).toUpperCase());
    void reply.code(out.status).header('x-request-id', String(req.id)).header('content-type', 'application/json');
    return reply.send(JSON.stringify(out.body));
  });

  registerHangarRoutes(app, deps);
  registerHuaweiRoutes(app, deps);
  // Alibaba's ROA paths (/instances, /regions, …) are everything else.
  registerAlibabaRoutes(app, deps);
  return app;
}

function readBody(payload: NodeJS.ReadableStream, done: (err: Error | null, body?: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish = (err: Error | null, body?: Buffer) => {
    if (finished) return;
    finished = true;
    done(err, body);
  };
  const tooLarge = () => Object.assign(new Error('body too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  payload.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received <= MAX_BODY_BYTES) chunks.push(chunk);
    else if (received > DRAIN_BODY_BYTES) finish(tooLarge());
  });
  payload.on('end', () => finish(received > MAX_BODY_BYTES ? tooLarge() : null, Buffer.concat(chunks, Math.min(received, MAX_BODY_BYTES))));
  payload.on('error', (err: Error) => finish(Object.assign(err, { statusCode: 400 })));
}
