// Answers the HTTP framework gives on its own — a body too large, a URL it cannot decode, no route, a request line or
// headers over the parser's limit — in the envelope of the dialect the path belongs to: Hangar's own paths (/healthz,
// /metrics, /hangar/…) plain JSON, /v2/… Huawei's, every other path Alibaba's.
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { DomainError } from '../domain/errors.js';
import { alibabaError } from './alibaba/errors.js';
import { HANGAR_PREFIX, plainError } from './hangar/routes.js';
import { huaweiError } from './huawei/errors.js';

export type Dialect = 'plain' | 'huawei' | 'alibaba';

export interface EdgeReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const isPath = (url: string, p: string): boolean => url === p || url.startsWith(`${p}?`);

export const dialectOf = (url: string): Dialect =>
  url.startsWith(HANGAR_PREFIX) || isPath(url, '/healthz') || isPath(url, '/metrics') ? 'plain' : url.startsWith('/v2/') ? 'huawei' : 'alibaba';

/** The URL as the client sent it, before the server rewrote it to a dialect's route. */
export const originalUrl = (raw: IncomingMessage): string => (raw as { originalUrl?: string }).originalUrl ?? raw.url ?? '/';

/** `e` as the dialect of `url` answers it; `status` replaces the dialect's status where the framework's is more exact. */
export function edgeError(url: string, e: DomainError, requestId: string, status?: number): EdgeReply {
  switch (dialectOf(url)) {
    case 'plain': {
      const out = plainError(e);
      return { status: status ?? out.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(out.body) };
    }
    case 'huawei': {
      const out = huaweiError(e);
      return { status: status ?? out.status, headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify(out.body) };
    }
    case 'alibaba': {
      const id = requestId.toUpperCase();
      const out = alibabaError(e, id);
      const code = status ?? out.status;
      return {
        status: code,
        headers: { 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': id },
        body: JSON.stringify({ ...out.body, httpStatusCode: code }),
      };
    }
  }
}

const REQUEST_LINE = /^[A-Z]{3,10} (\S+)/;

/** The path of the request line at the start of `packet`, when there is one. */
export const requestLineUrl = (packet: Buffer | undefined): string | undefined =>
  packet && REQUEST_LINE.exec(packet.subarray(0, 8 * 1024).toString('latin1'))?.[1];

/**
 * Remembers, per connection, the chunk a request began with: when the parser gives up on a request whose line and
 * headers came in many chunks, the chunk it holds is not the one with the request line (and so the path).
 */
export class RequestStarts {
  private readonly starts = new WeakMap<Socket, Buffer>();

  watch(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      // A chunk opening with a method and a path starts a request (a body chunk that looks like one only makes the
      // guess of a refused request's dialect wrong, nothing else).
      const first = chunk[0];
      if (first !== undefined && first >= 0x41 && first <= 0x5a && requestLineUrl(chunk.subarray(0, 16)) !== undefined) this.starts.set(socket, chunk.subarray(0, 8 * 1024));
    });
  }

  /** The path of the request being read on `socket`, or of `packet` when none was seen. */
  urlOf(socket: Socket, packet: Buffer | undefined): string | undefined {
    return requestLineUrl(this.starts.get(socket)) ?? requestLineUrl(packet);
  }
}

/** A whole HTTP/1.1 response for a socket the parser gave up on; the connection is closed after it. */
export function rawResponse(r: EdgeReply): string {
  const headers = Object.entries({ ...r.headers, 'content-length': String(Buffer.byteLength(r.body)), connection: 'close' })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `HTTP/1.1 ${r.status} ${http.STATUS_CODES[r.status] ?? ''}\r\n${headers}\r\n${r.body}`;
}
