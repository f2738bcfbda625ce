// The HTTP server: one Fastify instance and port for both cloud dialects, Hangar's own /hangar/v1/ API, /healthz and
// /metrics. It is the only file that knows about the HTTP framework's set-up; dialects register their routes on it.
import crypto from 'node:crypto';
import type { Socket } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { apiNotFound as alibabaApiNotFound } from './alibaba/errors.js';
import { ALIBABA_ROUTE, registerAlibabaRoutes } from './alibaba/routes.js';
import type { ApiDeps } from './deps.js';
import { dialectOf, edgeError, originalUrl, rawResponse, RequestStarts, type EdgeReply } from './edge-errors.js';
import { registerHangarRoutes } from './hangar/routes.js';
import { LazyRequestLogger } from './lazy-request-logger.js';
import { apiNotFound as huaweiApiNotFound, HUAWEI_ROUTE, registerHuaweiRoutes } from './huawei/routes.js';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Longest request target (path and query) served; a longer one is a 431 in the dialect of its path. */
export const MAX_URL_BYTES = 16 * 1024;
// The HTTP parser's own limit on the request line and headers is set well above MAX_URL_BYTES, so that an over-long URL
// is refused here, where its path (and so its dialect) is known, however its bytes were split on the way. Only what
// passes even this limit is refused by the parser, whose refusal guesses the dialect from the bytes it holds.
const PARSER_HEADER_BYTES = 64 * 1024;
// A body over the limit is still read (and dropped) up to this size before the answer goes out: a client that is still
// sending when the server answers and closes sees a broken connection instead of the error.
const DRAIN_BODY_BYTES = 64 * 1024 * 1024;

export function buildServer(deps: ApiDeps): FastifyInstance {
  const starts = new RequestStarts();
  const app = Fastify({
    // The assertion is needed: without it Fastify infers its logger type from pino's Logger and the instance no longer
    // fits FastifyInstance; typescript-eslint compares the two as equal.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: deps.log.child({ component: 'api' }) as FastifyBaseLogger,
    // Dialects log what matters themselves; a line per request would be noise.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    genReqId: () => crypto.randomUUID(),
    childLoggerFactory: (logger, bindings, options) => new LazyRequestLogger(logger, bindings, options),
    // Huawei sends path parameters raw ('a|b%c'), which the framework's router cannot decode: every /v2/ request goes to
    // one route and the dialect routes on the original URL itself.
    // Alibaba's ROA paths are routed the same way (the dialect decodes parameters after matching), so a path the
    // framework could not decode ('/instances/%') still reaches its dialect.
    rewriteUrl: (req) => {
      const url = req.url ?? '/';
      const dialect = dialectOf(url);
      return dialect === 'huawei' ? HUAWEI_ROUTE : dialect === 'alibaba' ? ALIBABA_ROUTE : url;
    },
    routerOptions: { maxParamLength: 1024 },
    http: { maxHeaderSize: PARSER_HEADER_BYTES },
    // What reaches the router but not a route (a URL it cannot decode, a parameter over maxParamLength) ...
    frameworkErrors: (err, req, reply) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const e = new DomainError('InvalidParameter', tooLong ? 'A path segment is longer than 1024 characters.' : 'The request path is not a valid URL.');
      void sendEdge(reply, edgeError(originalUrl(req.raw), e, String(req.id), tooLong ? 414 : 400));
    },
    // ... and what the HTTP parser refuses before there is a request (headers or request line over 16 KiB, bad syntax).
    clientErrorHandler: (err, socket) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const message =
        status === 431 ? `The request line and headers are larger than ${PARSER_HEADER_BYTES} bytes.` : status === 408 ? 'The request was not received in time.' : 'The request is not valid HTTP.';
      const packet: unknown = (err as { rawPacket?: unknown }).rawPacket;
      const reply = edgeError(starts.urlOf(socket, Buffer.isBuffer(packet) ? packet : undefined) ?? '/', new DomainError('InvalidParameter', message), crypto.randomUUID(), status);
      if (socket.writable) socket.write(rawResponse(reply));
      socket.destroy();
    },
  });
  app.addHook('onRequest', (req, reply, done) => {
    const url = originalUrl(req.raw);
    if (url.length <= MAX_URL_BYTES) return done();
    const e = new DomainError('InvalidParameter', `The request path and query are longer than ${MAX_URL_BYTES} bytes.`);
    void sendEdge(reply, edgeError(url, e, String(req.id), 431));
  });
  app.server.on('connection', (socket: Socket) => starts.watch(socket));
  // Signatures cover the exact bytes: every body arrives as a Buffer and each dialect parses it itself.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => readBody(payload, done));

  app.get('/healthz', async (_req, reply) => {
    const ok = deps.ready();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'starting' });
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
    return sendEdge(reply, edgeError(originalUrl(req.raw), e, String(req.id)));
  });
  // A method no route of the path's dialect takes (OPTIONS, TRACE, …), or a path of Hangar's own that does not exist.
  app.setNotFoundHandler((req, reply) => {
    const url = originalUrl(req.raw);
    const dialect = dialectOf(url);
    const e = dialect === 'huawei' ? huaweiApiNotFound() : dialect === 'alibaba' ? alibabaApiNotFound() : new DomainError('NotFound', `${req.method} ${url.split('?')[0]} does not exist.`);
    return sendEdge(reply, edgeError(url, e, String(req.id)));
  });

  registerHangarRoutes(app, deps);
  registerHuaweiRoutes(app, deps);
  // Alibaba's ROA paths (/instances, /regions, …) are everything else.
  registerAlibabaRoutes(app, deps);
  return app;
}

function sendEdge(reply: FastifyReply, r: EdgeReply): FastifyReply {
  return reply.code(r.status).headers(r.headers).send(r.body);
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
