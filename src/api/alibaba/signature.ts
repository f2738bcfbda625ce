// Verifies the three request signatures the official Alibaba SDK can send:
// ACS3-HMAC-SHA256 (default), ACS3-HMAC-SM3, and the legacy ROA HMAC-SHA1 (`signatureAlgorithm: 'v2'`).
// Pure apart from the secret lookup: the clock and the nonce cache are passed in.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import { SIGNATURE_WINDOW_MS, type NonceLedger } from './nonce-cache.js';

export type HeaderValue = string | string[] | undefined;

export interface SignedRequest {
  method: string;
  /** The request target exactly as received: path and query, still percent-encoded. */
  rawUrl: string;
  /** Lower-cased header names (node's IncomingMessage.headers). */
  headers: Record<string, HeaderValue>;
  body: Buffer;
}

export type SecretLookup = (accessKeyId: string) => string | undefined | Promise<string | undefined>;

export type SignatureAlgorithm = 'ACS3-HMAC-SHA256' | 'ACS3-HMAC-SM3' | 'ROA-HMAC-SHA1';

export interface VerifiedSignature {
  accessKeyId: string;
  algorithm: SignatureAlgorithm;
}

const authError = (dialectCode: string, message: string): DomainError =>
  new DomainError('Unauthenticated', message, { dialectCode });

const header = (headers: Record<string, HeaderValue>, name: string): string | undefined => {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? [...v].sort().join(',') : v;
};

const splitUrl = (rawUrl: string): { path: string; query: string } => {
  const q = rawUrl.indexOf('?');
  return q < 0 ? { path: rawUrl, query: '' } : { path: rawUrl.slice(0, q), query: rawUrl.slice(q + 1) };
};

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Raw query → [key, decoded value] pairs. `+` stays `+`: the SDK sends a space as %20. */
export const parseRawQuery = (query: string): Array<[string, string]> =>
  query === ''
    ? []
    : query
        .split('&')
        .filter((p) => p !== '')
        .map((p) => {
          const eq = p.indexOf('=');
          return eq < 0 ? [safeDecode(p), ''] : [safeDecode(p.slice(0, eq)), safeDecode(p.slice(eq + 1))];
        });

// The SDK's percent-encoding of query values in the canonical request.
const encodeValue = (v: string): string =>
  encodeURIComponent(v).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const canonicalQueryString = (query: string): string =>
  parseRawQuery(query)
    .sort((a, b) => byCodeUnit(a[0], b[0]))
    .map(([k, v]) => `${k}=${encodeValue(v)}`)
    .join('&');

/**
 * Path spellings the signer may have used. Node's HTTP client escapes some characters on the wire
 * (`'` → %27) that the SDK signed literally, and the SDK encodes `*` inconsistently, so besides the raw
 * path we try the segment-wise decoded and re-encoded form.
 */
// A path of unreserved characters and slashes encodes to itself in every spelling below.
const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

export const canonicalUriCandidates = (path: string): string[] => {
  const raw = path === '' ? '/' : path;
  if (PLAIN_PATH.test(raw)) return [raw];
  const reencoded = raw
    .split('/')
    .map((seg) => encodeURIComponent(safeDecode(seg)).replace(/\*/g, '%2A'))
    .join('/');
  const sdkStyle = raw
    .split('/')
    .map((seg) => encodeURIComponent(safeDecode(seg)).replace(/\*/, '%2A'))
    .join('/');
  return [...new Set([raw, reencoded, sdkStyle])];
};

const hashHex = (alg: 'sha256' | 'sm3', data: Buffer | string): string => createHash(alg).update(data).digest('hex');

// Most requests (GET, DELETE) have no body: its hash is a constant.
const emptyBodyHashes = new Map<string, string>();
const bodyHashHex = (alg: 'sha256' | 'sm3', body: Buffer): string => {
  if (body.length > 0) return hashHex(alg, body);
  let h = emptyBodyHashes.get(alg);
  if (h === undefined) emptyBodyHashes.set(alg, (h = hashHex(alg, body)));
  return h;
};

const equalText = (a: string, b: string): boolean => {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
};

interface Acs3Authorization {
  algorithm: 'ACS3-HMAC-SHA256' | 'ACS3-HMAC-SM3';
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

const parseAcs3 = (authorization: string): Acs3Authorization => {
  const m = /^(ACS3-HMAC-SHA256|ACS3-HMAC-SM3)\s+(.*)$/.exec(authorization.trim());
  if (!m) throw authError('IncompleteSignature', 'The Authorization header is malformed.');
  const fields = new Map<string, string>();
  for (const part of m[2]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) {
    throw authError('IncompleteSignature', 'The Authorization header must carry Credential, SignedHeaders and Signature.');
  }
  return {
    algorithm: m[1] as Acs3Authorization['algorithm'],
    accessKeyId,
    signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()),
    signature: signature.toLowerCase(),
  };
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

const checkClock = (dateMs: number, nowMs: number): void => {
  if (Math.abs(nowMs - dateMs) > SIGNATURE_WINDOW_MS) {
    throw authError('InvalidTimeStamp.Expired', 'The request date is more than 15 minutes away from the server time.');
  }
};

const lookup = async (lookupSecret: SecretLookup, accessKeyId: string): Promise<string> => {
  const secret = await lookupSecret(accessKeyId);
  if (secret === undefined) {
    throw new DomainError('Unauthenticated', `Specified access key is not found: ${accessKeyId}.`, {
      resource: 'credential',
      dialectCode: 'InvalidAccessKeyId.NotFound',
    });
  }
  return secret;
};

const rememberNonce = async (nonceCache: NonceLedger, accessKeyId: string, nonce: string, nowMs: number): Promise<void> => {
  if (!(await nonceCache.remember(`${accessKeyId}\n${nonce}`, nowMs))) {
    throw authError('SignatureNonceUsed', 'The request signature nonce has been used.');
  }
};

/**
 * A Content-MD5 the client sent must be the body's: the legacy ROA signature covers that header but not the body, so
 * it is what binds a signed body to its signature.
 */
const checkContentMd5 = (req: SignedRequest): void => {
  const given = header(req.headers, 'content-md5');
  if (given === undefined) return;
  const actual = createHash('md5').update(req.body).digest('base64');
  if (!equalText(actual, given.trim())) {
    throw new DomainError('InvalidParameter', 'The Content-MD5 header does not match the MD5 of the request body.', { field: 'Content-MD5', dialectCode: 'InvalidContentMD5' });
  }
};

/** The ACS3 canonical request, for one spelling of the path. */
export const acs3CanonicalRequest = (
  method: string,
  canonicalUri: string,
  rawQuery: string,
  headers: Record<string, HeaderValue>,
  signedHeaders: string[],
  payloadHash: string,
): string => {
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${(header(headers, h) ?? '').trim()}\n`).join('');
  return [method.toUpperCase(), canonicalUri, canonicalQueryString(rawQuery), canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
};

const verifyAcs3 = async (
  req: SignedRequest,
  auth: Acs3Authorization,
  lookupSecret: SecretLookup,
  nowMs: number,
  nonceCache: NonceLedger,
): Promise<VerifiedSignature> => {
  const h = req.headers;
  const date = header(h, 'x-acs-date');
  if (date === undefined) throw authError('MissingXAcsDate', 'The x-acs-date header is mandatory for this signature.');
  const nonce = header(h, 'x-acs-signature-nonce');
  if (nonce === undefined || nonce === '') throw authError('MissingSignatureNonce', 'The x-acs-signature-nonce header is mandatory.');
  const contentHash = header(h, 'x-acs-content-sha256');
  if (contentHash === undefined) throw authError('MissingXAcsContentSha256', 'The x-acs-content-sha256 header is mandatory.');

  // Every header the signer could have signed must be covered, so none can be added on the way.
  const signed = new Set(auth.signedHeaders);
  for (const required of ['host', 'x-acs-date', 'x-acs-content-sha256', 'x-acs-signature-nonce']) {
    if (!signed.has(required)) throw authError('IncompleteSignature', `The header ${required} must be signed.`);
  }
  for (const name of Object.keys(h)) {
    const lower = name.toLowerCase();
    if ((lower.startsWith('x-acs-') || lower === 'content-type') && !signed.has(lower)) {
      throw authError('IncompleteSignature', `The header ${lower} is present but not signed.`);
    }
  }
  for (const name of signed) {
    if (header(h, name) === undefined) throw authError('IncompleteSignature', `The signed header ${name} is missing.`);
  }

  const m = ISO_DATE.exec(date);
  if (!m) throw authError('InvalidTimeStamp.Format', 'The x-acs-date header must look like 2026-01-01T00:00:00Z.');
  checkClock(Date.parse(date), nowMs);

  const secret = await lookup(lookupSecret, auth.accessKeyId);
  const alg = auth.algorithm === 'ACS3-HMAC-SM3' ? 'sm3' : 'sha256';
  const bodyHash = bodyHashHex(alg, req.body);
  if (!equalText(bodyHash, contentHash.toLowerCase())) {
    throw authError('SignatureDoesNotMatch', 'The request body does not match x-acs-content-sha256.');
  }

  const { path, query } = splitUrl(req.rawUrl);
  const ok = canonicalUriCandidates(path).some((uri) => {
    const canonical = acs3CanonicalRequest(req.method, uri, query, h, auth.signedHeaders, contentHash);
    const stringToSign = `${auth.algorithm}\n${hashHex(alg, canonical)}`;
    const expected = createHmac(alg, secret).update(stringToSign).digest('hex');
    return equalText(expected, auth.signature);
  });
  if (!ok) throw authError('SignatureDoesNotMatch', 'The request signature does not conform to Aliyun standards.');

  checkContentMd5(req);
  await rememberNonce(nonceCache, auth.accessKeyId, nonce, nowMs);
  return { accessKeyId: auth.accessKeyId, algorithm: auth.algorithm };
};

/** The legacy ROA string-to-sign for one spelling of the path. */
export const roaStringToSign = (method: string, pathname: string, rawQuery: string, headers: Record<string, HeaderValue>): string => {
  const acs = Object.keys(headers)
    .map((k) => k.toLowerCase())
    .filter((k) => k.startsWith('x-acs-'))
    .sort()
    .map((k) => `${k}:${(header(headers, k) ?? '').replace(/[\t\n\r\f]/g, ' ').trim()}\n`)
    .join('');
  const params = parseRawQuery(rawQuery).sort((a, b) => byCodeUnit(a[0], b[0]));
  const resource = params.length === 0 ? pathname : `${pathname}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`;
  return [
    method.toUpperCase(),
    header(headers, 'accept') ?? '',
    header(headers, 'content-md5') ?? '',
    header(headers, 'content-type') ?? '',
    header(headers, 'date') ?? '',
  ].join('\n') + `\n${acs}${resource}`;
};

const verifyRoa = async (
  req: SignedRequest,
  authorization: string,
  lookupSecret: SecretLookup,
  nowMs: number,
  nonceCache: NonceLedger,
): Promise<VerifiedSignature> => {
  const m = /^acs\s+([^:\s]+):(\S+)$/.exec(authorization.trim());
  if (!m) throw authError('IncompleteSignature', 'The Authorization header is malformed.');
  const accessKeyId = m[1]!;
  const signature = m[2]!;
  const h = req.headers;
  const date = header(h, 'date');
  if (date === undefined) throw authError('MissingDate', 'The Date header is mandatory for this signature.');
  const nonce = header(h, 'x-acs-signature-nonce');
  if (nonce === undefined || nonce === '') throw authError('MissingSignatureNonce', 'The x-acs-signature-nonce header is mandatory.');
  const method = header(h, 'x-acs-signature-method');
  if (method !== undefined && method !== 'HMAC-SHA1') {
    throw authError('InvalidSignatureMethod', `The signature method ${method} is not supported.`);
  }
  const dateMs = Date.parse(date);
  if (Number.isNaN(dateMs)) throw authError('InvalidTimeStamp.Format', 'The Date header is not an RFC 1123 date.');
  checkClock(dateMs, nowMs);

  const secret = await lookup(lookupSecret, accessKeyId);
  const { path, query } = splitUrl(req.rawUrl);
  const ok = canonicalUriCandidates(path).some((uri) => {
    const expected = createHmac('sha1', secret).update(roaStringToSign(req.method, uri, query, h), 'utf8').digest('base64');
    return equalText(expected, signature);
  });
  if (!ok) throw authError('SignatureDoesNotMatch', 'The request signature does not conform to Aliyun standards.');
  checkContentMd5(req);
  await rememberNonce(nonceCache, accessKeyId, nonce, nowMs);
  return { accessKeyId, algorithm: 'ROA-HMAC-SHA1' };
};

/**
 * Checks the request's signature and freshness and records its nonce. Throws a DomainError with code
 * Unauthenticated and the Alibaba error code in dialectCode.
 */
export const verifyAlibabaSignature = async (
  req: SignedRequest,
  lookupSecret: SecretLookup,
  nowMs: number,
  nonceCache: NonceLedger,
  opts: { legacyRoa?: boolean } = {},
): Promise<VerifiedSignature> => {
  const authorization = header(req.headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') {
    throw authError('MissingAuthorization', 'The Authorization header is mandatory for this action.');
  }
  if (/^acs\s/.test(authorization.trim())) {
    if (opts.legacyRoa === false) {
      throw authError('InvalidAuthorization', 'The legacy ROA signature (HMAC-SHA1) is turned off on this server: sign with ACS3-HMAC-SHA256.');
    }
    return verifyRoa(req, authorization, lookupSecret, nowMs, nonceCache);
  }
  if (/^ACS3-/.test(authorization.trim())) {
    return verifyAcs3(req, parseAcs3(authorization), lookupSecret, nowMs, nonceCache);
  }
  throw authError('InvalidAuthorization', 'The signature algorithm of the Authorization header is not supported.');
};
