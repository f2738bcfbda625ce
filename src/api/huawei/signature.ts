// Huawei SDK-HMAC-SHA256 (AK/SK) request signatures: verification for the server, signing for tests and benchmarks.
// The algorithm is the SDK's AKSKSigner as described in reference §6: canonical request over the raw request-target
// and the raw body bytes, HMAC keyed with the raw SK (no derivation, no scope).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const HUAWEI_SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** The Huawei API gateway rejects an X-Sdk-Date further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface HuaweiSignedRequest {
  method: string;
  /** The request-target exactly as received (node:http req.url): never decoded or normalised. */
  rawUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type HuaweiVerification =
  | { ok: true; accessKey: string; /** the signed X-Project-Id header, when present */ projectId?: string }
  | { ok: false; reason: string };

const AUTH_RE = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/;
const DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const isUnreserved = (b: number): boolean =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e;

const HEX = '0123456789ABCDEF';
/** The SDK's urlEncode over bytes: keep A-Z a-z 0-9 - _ . ~, percent-encode every other byte upper-case. */
const encodeBytes = (bytes: Uint8Array): string => {
  let out = '';
  for (const b of bytes) out += isUnreserved(b) ? String.fromCharCode(b) : `%${HEX[b >> 4]}${HEX[b & 15]}`;
  return out;
};
const urlEncode = (s: string): string => encodeBytes(Buffer.from(s, 'utf8'));

// Characters Node's legacy url.parse escapes inside the SDK while axios (WHATWG URL) sends them raw.
const LEGACY_ESCAPES: Record<string, string> = { '|': '%7C', '^': '%5E', "'": '%27' };

const HIGH_BYTE_ESCAPE = /%[89A-Fa-f][0-9A-Fa-f]/;

/** Segment bytes as the SDK saw them; with rawHighBytes, %XX (XX ≥ 80) become the byte itself (non-ASCII params). */
const segmentBytes = (segment: string, rawHighBytes: boolean): Buffer => {
  const escaped = segment.replace(/[|^']/g, (c) => LEGACY_ESCAPES[c]!);
  if (!rawHighBytes) return Buffer.from(escaped, 'utf8');
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of escaped.matchAll(/%([89A-Fa-f][0-9A-Fa-f])/g)) {
    parts.push(Buffer.from(escaped.slice(last, m.index), 'utf8'), Buffer.from([parseInt(m[1]!, 16)]));
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(escaped.slice(last), 'utf8'));
  return Buffer.concat(parts);
};

// A path of unreserved characters and slashes (the usual /v2/{project}/instances/{uuid}) is its own encoding.
const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

const canonicalUri = (rawPath: string, rawHighBytes: boolean): string => {
  if (PLAIN_PATH.test(rawPath)) return rawPath.endsWith('/') ? rawPath : `${rawPath}/`;
  const uri = rawPath
    .split('/')
    .map((seg) => encodeBytes(segmentBytes(seg, rawHighBytes)))
    .join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
};

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // the SDK never sends a malformed escape; the signature check will fail on its own
  }
};

const canonicalQuery = (rawQuery: string): string => {
  if (rawQuery === '') return '';
  const params = new Map<string, string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
    const values = params.get(key);
    if (values) values.push(value);
    else params.set(key, [value]);
  }
  const out: string[] = [];
  for (const key of [...params.keys()].sort()) {
    for (const v of params.get(key)!.sort()) out.push(`${urlEncode(key)}=${urlEncode(v)}`);
  }
  return out.join('&');
};

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

const splitTarget = (rawUrl: string): { path: string; query: string } => {
  const q = rawUrl.indexOf('?');
  return q < 0 ? { path: rawUrl, query: '' } : { path: rawUrl.slice(0, q), query: rawUrl.slice(q + 1) };
};

const stringToSign = (date: string, canonicalRequest: string): string =>
  `${HUAWEI_SIGNING_ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;

const hmacHex = (sk: string, data: string): string => createHmac('sha256', sk).update(data).digest('hex');

const headerValue = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

const UPPER = /[A-Z]/;

const lowerCaseKeys = (h: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> => {
  // node:http already lower-cases header names; only other callers (tests, the SDK's own header maps) need a copy.
  let lower = true;
  for (const k in h) {
    if (UPPER.test(k)) {
      lower = false;
      break;
    }
  }
  if (lower) return h;
  const out: Record<string, string | string[] | undefined> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
};

// Requests signed within the same second carry the same X-Sdk-Date: remember the last one parsed.
let lastDate: { text: string; ms: number | undefined } = { text: '', ms: undefined };

/** Parse an X-Sdk-Date (YYYYMMDDTHHmmssZ, UTC) into epoch ms; undefined when malformed or not a real time. */
export const parseSdkDate = (s: string): number | undefined => {
  if (s === lastDate.text) return lastDate.ms;
  const ms = parseSdkDateUncached(s);
  lastDate = { text: s, ms };
  return ms;
};

const parseSdkDateUncached = (s: string): number | undefined => {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== se) {
    return undefined;
  }
  return ms;
};

// A signer formats the same second many times: remember the last one.
let lastFormatted = { second: NaN, text: '' };

export const formatSdkDate = (d: Date): string => {
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastFormatted.second) {
    lastFormatted = { second, text: d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z') };
  }
  return lastFormatted.text;
};

interface SignedHeaderList {
  /** Lower-cased, in the order signed. */
  signedNames: readonly string[];
  /** In canonical order. */
  sortedNames: readonly string[];
}

// A client sends the same SignedHeaders list on every request: keep the parsed, sorted form of the few seen.
const signedHeaderLists = new Map<string, SignedHeaderList>();

const signedHeaderList = (list: string): SignedHeaderList => {
  let parsed = signedHeaderLists.get(list);
  if (parsed === undefined) {
    const signedNames = list.split(';').map((n) => n.toLowerCase());
    parsed = { signedNames, sortedNames: [...signedNames].sort((a, b) => a.localeCompare(b)) };
    if (signedHeaderLists.size >= 64) signedHeaderLists.clear();
    signedHeaderLists.set(list, parsed);
  }
  return parsed;
};

/**
 * Verify an SDK-HMAC-SHA256 signed request (reference §6.2). Reasons never contain the secret or the expected signature.
 * Not checked here (the router's job): X-Project-Id equals the path's project and belongs to the access key.
 */
export const verifyHuaweiSignature = (
  req: HuaweiSignedRequest,
  lookupSecret: (ak: string) => string | undefined,
  nowMs: number,
): HuaweiVerification => {
  const headers = lowerCaseKeys(req.headers);
  const auth = headerValue(headers, 'authorization');
  if (!auth) return { ok: false, reason: 'missing Authorization header' };
  const m = AUTH_RE.exec(auth.trim());
  if (!m) return { ok: false, reason: `Authorization is not ${HUAWEI_SIGNING_ALGORITHM} Access=…, SignedHeaders=…, Signature=…` };
  const [, accessKey, signedList, signature] = m as unknown as [string, string, string, string];

  const date = headerValue(headers, 'x-sdk-date');
  if (!date) return { ok: false, reason: 'missing X-Sdk-Date header' };
  const dateMs = parseSdkDate(date);
  if (dateMs === undefined) return { ok: false, reason: 'X-Sdk-Date is not YYYYMMDDTHHmmssZ' };
  if (Math.abs(nowMs - dateMs) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'X-Sdk-Date is more than 15 minutes from the server clock' };

  const { signedNames, sortedNames } = signedHeaderList(signedList);
  for (const required of ['host', 'x-sdk-date']) {
    if (!signedNames.includes(required)) return { ok: false, reason: `${required} is not a signed header` };
  }
  let canonicalHeaders = '';
  for (const name of sortedNames) {
    const v = headerValue(headers, name);
    if (v === undefined) return { ok: false, reason: `signed header ${name} is missing` };
    canonicalHeaders += `${name}:${v}\n`;
  }

  let payloadHash = req.body.length === 0 ? EMPTY_SHA256 : sha256Hex(req.body);
  const declared = headerValue(headers, 'x-sdk-content-sha256');
  if (declared !== undefined) {
    // Stricter than the SDK allows: the declared hash must be signed and match; no body goes unauthenticated.
    if (!signedNames.includes('x-sdk-content-sha256')) return { ok: false, reason: 'X-Sdk-Content-Sha256 is not a signed header' };
    if (declared.toLowerCase() !== payloadHash) return { ok: false, reason: 'X-Sdk-Content-Sha256 does not match the body' };
    payloadHash = declared;
  }

  const secret = lookupSecret(accessKey);
  if (secret === undefined) return { ok: false, reason: 'unknown access key' };

  const { path, query } = splitTarget(req.rawUrl);
  const cq = canonicalQuery(query);
  const signedHeaderNames = signedNames.join(';');
  const paths = [path, `/${path}`]; // fallback (b): endpoint configured with a trailing slash signs //v2/…
  const highBytes = HIGH_BYTE_ESCAPE.test(path) ? [false, true] : [false]; // fallback (a): non-ASCII params
  const got = Buffer.from(signature, 'utf8');
  for (const p of paths) {
    for (const raw of highBytes) {
      const canonical = [req.method.toUpperCase(), canonicalUri(p, raw), cq, canonicalHeaders, signedHeaderNames, payloadHash].join('\n');
      const expected = Buffer.from(hmacHex(secret, stringToSign(date, canonical)), 'utf8');
      if (expected.length === got.length && timingSafeEqual(expected, got)) {
        const projectId = signedNames.includes('x-project-id') ? headerValue(headers, 'x-project-id') : undefined;
        return projectId === undefined ? { ok: true, accessKey } : { ok: true, accessKey, projectId };
      }
    }
  }
  return { ok: false, reason: 'signature does not match' };
};

export interface HuaweiSigningInput {
  method: string;
  /** Request-target as it will be sent (path and query, already percent-encoded where the wire needs it). */
  url: string;
  /** host[:port] exactly as in the endpoint. */
  host: string;
  body?: string | Buffer;
  ak: string;
  sk: string;
  /** Omit to sign without X-Project-Id (as the SDK does when it has no project). */
  projectId?: string;
  /** A Date, or an X-Sdk-Date string. */
  date: Date | string;
}

interface SigningOrder {
  names: string[];
  lowerNames: string[];
  signedHeaderNames: string;
}

// The signer's header names in canonical order, by the names given (always one of two sets): sorting with
// localeCompare is most of the cost of signing.
const signingOrders = new Map<string, SigningOrder>();

const signingOrder = (keys: string[]): SigningOrder => {
  const id = keys.join('\n');
  let order = signingOrders.get(id);
  if (order === undefined) {
    const names = [...keys].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    const lowerNames = names.map((n) => n.toLowerCase());
    order = { names, lowerNames, signedHeaderNames: lowerNames.join(';') };
    if (signingOrders.size >= 64) signingOrders.clear();
    signingOrders.set(id, order);
  }
  return order;
};

/** Sign like the official SDK: returns the headers it adds (Content-Type, X-Project-Id, X-Sdk-Date, host, Authorization). */
export const signHuaweiRequest = (input: HuaweiSigningInput): Record<string, string> => {
  const date = typeof input.date === 'string' ? input.date : formatSdkDate(input.date);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (input.projectId !== undefined) headers['X-Project-Id'] = input.projectId;
  headers['X-Sdk-Date'] = date;
  headers['host'] = input.host;
  const { names, lowerNames, signedHeaderNames } = signingOrder(Object.keys(headers));
  let canonicalHeaders = '';
  for (let i = 0; i < names.length; i++) canonicalHeaders += `${lowerNames[i]}:${headers[names[i]!]}\n`;
  const body = input.body === undefined ? Buffer.alloc(0) : Buffer.from(input.body);
  const { path, query } = splitTarget(input.url);
  const canonical = [
    input.method.toUpperCase(),
    canonicalUri(path, HIGH_BYTE_ESCAPE.test(path)),
    canonicalQuery(query),
    canonicalHeaders,
    signedHeaderNames,
    body.length === 0 ? EMPTY_SHA256 : sha256Hex(body),
  ].join('\n');
  const signature = hmacHex(input.sk, stringToSign(date, canonical));
  headers['Authorization'] = `${HUAWEI_SIGNING_ALGORITHM} Access=${input.ak}, SignedHeaders=${signedHeaderNames}, Signature=${signature}`;
  return headers;
};
