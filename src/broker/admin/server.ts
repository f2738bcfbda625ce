// The broker's admin API: HTTP on loopback, bearer-token authenticated. The control plane changes a running broker through
// it (topics, groups, limits), and each call also proves the control plane is alive (orphan detection).
// Operations, bodies, answers and error codes are those of the contract (contract.ts) the control plane's client uses.
import crypto from 'node:crypto';
import http from 'node:http';
import {
  ADMIN_ERROR,
  adminAuthorization,
  matchAdminPath,
  type AdminErrorBody,
  type AnswerOf,
  type AnyAdminOperation,
  type BodyOf,
  type ParamsOf,
} from './contract.js';

export interface AdminRequest {
  params: Record<string, string>;
  body: unknown;
}

export interface AdminRoute {
  operation: AnyAdminOperation;
  /** The response body, or a promise of it. */
  handle(req: AdminRequest): unknown;
}

/** A route serving one operation of the contract, its handler typed by it. */
export function adminRoute<O extends AnyAdminOperation>(
  operation: O,
  handle: (req: { params: ParamsOf<O>; body: BodyOf<O> }) => Promise<AnswerOf<O>> | AnswerOf<O>,
): AdminRoute {
  return { operation, handle: (req) => handle(req as { params: ParamsOf<O>; body: BodyOf<O> }) };
}

/** Thrown by a handler to answer with a status other than 500. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AdminServer {
  close(): Promise<void>;
  /** Epoch ms of the last authenticated call. */
  lastCallAt(): number;
}

const MAX_BODY = 16 * 1024 * 1024;

export function startAdminServer(opts: { port: number; token: string; routes: AdminRoute[] }): Promise<AdminServer> {
  const expected = Buffer.from(adminAuthorization(opts.token));
  let lastCall = Date.now();
  const server = http.createServer((req, res) => {
    const refuse = (e: { status: number; code: string }, message: string): void => send(e.status, { code: e.code, message } satisfies AdminErrorBody);
    const send = (status: number, payload: unknown): void => {
      const body = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== expected.length || !crypto.timingSafeEqual(auth, expected)) {
      refuse(ADMIN_ERROR.unauthorized, 'bad admin token');
      req.resume();
      return;
    }
    lastCall = Date.now();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://admin');
      for (const r of opts.routes) {
        if (r.operation.method !== req.method) continue;
        const params = matchAdminPath(r.operation, url.pathname);
        if (!params) continue;
        let body: unknown;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        } catch {
          refuse(ADMIN_ERROR.badJson, 'body is not JSON');
          return;
        }
        if (r.operation.hasBody && (typeof body !== 'object' || body === null || Array.isArray(body))) {
          refuse(ADMIN_ERROR.badBody, `${r.operation.name} needs a JSON object body`);
          return;
        }
        Promise.resolve()
          .then(() => r.handle({ params, body }))
          .then(
            (out) => send(out === undefined ? 204 : 200, out),
            (e: unknown) =>
              e instanceof AdminError
                ? refuse(e, e.message)
                : refuse(ADMIN_ERROR.internal, e instanceof Error ? e.message : String(e)),
          );
        return;
      }
      refuse(ADMIN_ERROR.noRoute, `${req.method} ${url.pathname}`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve({
        close: () => new Promise<void>((r) => server.close(() => r())),
        lastCallAt: () => lastCall,
      });
    });
    server.keepAliveTimeout = 30_000;
  });
}
