// HTTP requests exactly as written: no path normalisation ('..' stays), any method, any length, or raw bytes.
import http from 'node:http';
import net from 'node:net';

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function rawRequest(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    // Node's client sends a DELETE's body without a length (and so as a second, broken request): give it one.
    const withLength = body === undefined || Object.keys(headers).some((k) => k.toLowerCase() === 'content-length') ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: withLength }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Writes `bytes` on a fresh connection — a list is written piece by piece, each once the one before is with the
 * kernel — and returns everything the server sent back until it closed.
 */
export function rawBytes(port: number, bytes: string | string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let out = '';
    s.setEncoding('latin1');
    s.on('data', (d: string) => (out += d));
    s.on('error', reject);
    s.on('close', () => resolve(out));
    s.setNoDelay(true);
    const pieces = typeof bytes === 'string' ? [bytes] : [...bytes];
    const next = (): void => {
      const piece = pieces.shift();
      if (piece !== undefined) s.write(piece, () => setImmediate(next));
    };
    next();
  });
}
