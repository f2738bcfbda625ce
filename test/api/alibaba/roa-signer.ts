// The legacy ROA signature (`acs AK:signature`, HMAC-SHA1) as the reference describes it, written apart from the
// verifier, for requests the SDK would not send as they are (the same request twice, a body swapped on the way).
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { TEST_AK, TEST_SK } from '../../helpers/hangar.js';

export interface RawRequest {
  method: string;
  pathAndQuery: string;
  headers: Record<string, string>;
  body?: string;
}

/** Signs `method pathAndQuery` over `body`; `contentMd5` adds the Content-MD5 of that body (and signs it). */
export function signRoa(method: string, pathAndQuery: string, body: string | undefined, opts: { contentMd5?: boolean; host: string }): RawRequest {
  const headers: Record<string, string> = {
    accept: 'application/json',
    date: new Date().toUTCString(),
    host: opts.host,
    'x-acs-signature-method': 'HMAC-SHA1',
    'x-acs-signature-nonce': randomUUID(),
    'x-acs-signature-version': '1.0',
    'x-acs-version': '2022-08-01',
  };
  if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  if (opts.contentMd5 && body !== undefined) headers['content-md5'] = createHash('md5').update(body).digest('base64');
  const [path, query = ''] = pathAndQuery.split('?') as [string, string?];
  const decode = (v: string): string => {
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  };
  const params = query === '' ? [] : query.split('&').map((p) => p.split('=').map(decode) as [string, string]);
  params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const resource = params.length ? `${path}?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
  const acs = Object.keys(headers)
    .filter((k) => k.startsWith('x-acs-'))
    .sort()
    .map((k) => `${k}:${headers[k]}\n`)
    .join('');
  const toSign = [method, headers.accept, headers['content-md5'] ?? '', headers['content-type'] ?? '', headers.date].join('\n') + `\n${acs}${resource}`;
  headers.authorization = `acs ${TEST_AK}:${createHmac('sha1', TEST_SK).update(toSign, 'utf8').digest('base64')}`;
  return { method, pathAndQuery, headers, ...(body !== undefined ? { body } : {}) };
}

/** Sends a signed request as it is (or with another body), and returns the status and the parsed envelope. */
export async function send(baseUrl: string, req: RawRequest, body = req.body): Promise<{ status: number; json: { code?: string; message?: string; success?: boolean; data?: unknown } }> {
  const headers = { ...req.headers };
  delete headers.host;
  const r = await fetch(baseUrl + req.pathAndQuery, { method: req.method, headers, ...(body !== undefined ? { body } : {}) });
  return { status: r.status, json: (await r.json()) as { code?: string; message?: string; success?: boolean } };
}
