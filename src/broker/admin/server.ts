// The broker's admin API: HTTP on loopback, bearer-token authenticated. The control plane changes a running broker through
// it (topics, groups, limits), and each call also proves the control plane is alive (orphan detection).
import crypto from 'node:crypto';
import http from 'node:http';

export interface AdminRequest {
  params: string[];
  body: unknown;
}

export interface AdminRoute {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Matched against the path; capture groups arrive URL-decoded in `params`. */
  pattern: RegExp;
  /** The response body, or a promise of it. */
  handle(req: AdminRequest): unknown;
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
  const expected = Buffer.from(`Bearer ${opts.token}`);
  let lastCall = Date.now();
  const server = http.createServer((req, res) => {
    const send = (status: number, payload: unknown): void => {
      const body = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== expected.length || !crypto.timingSafeEqual(auth, expected)) {
      send(401, { code: 'Unauthorized', message: 'bad admin token' });
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
        if (r.method !== req.method) continue;
        const m = r.pattern.exec(url.pathname);
        if (!m) continue;
        let body: unknown;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        } catch {
          send(400, { code: 'BadJson', message: 'body is not JSON' });
          return;
        }
        Promise.resolve()
          .then(() => r.handle({ params: m.slice(1).map((p) => decodeURIComponent(p)), body }))
          .then(
            (out) => send(out === undefined ? 204 : 200, out),
            (e: unknown) =>
              e instanceof AdminError
                ? send(e.status, { code: e.code, message: e.message })
                : send(500, { code: 'Internal', message: e instanceof Error ? e.message : String(e) }),
          );
        return;
      }
      send(404, { code: 'NoRoute', message: `${req.method} ${url.pathname}` });
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
