import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MAX_CLOCK_SKEW_MS,
  parseSdkDate,
  signHuaweiRequest,
  verifyHuaweiSignature,
  type HuaweiSignedRequest,
} from '../../../src/api/huawei/signature.js';
import { CAPTURE_AK, CAPTURE_PROJECT, CAPTURE_SK, loadCaptures, type Capture } from './captures.js';

const secrets = (ak: string): string | undefined => (ak === CAPTURE_AK ? CAPTURE_SK : undefined);
const captures = loadCaptures();
const req = (c: Capture, over: Partial<HuaweiSignedRequest> = {}): HuaweiSignedRequest => ({
  method: c.method,
  rawUrl: c.url,
  headers: c.headers,
  body: c.body,
  ...over,
});
const clockOf = (c: Capture): number => parseSdkDate(c.headers['x-sdk-date']!)!;

test('the capture set is complete', () => {
  // 29 request files (V1 never reached the server; _all.json repeats 30 of them) + P3_all_requests' element.
  assert.ok(captures.length >= 29 + 30, `only ${captures.length} captures`);
  assert.ok(captures.some((c) => c.url.includes('t%1|a%20b')));
  assert.ok(captures.some((c) => c.url.startsWith('/v3/projects')));
  assert.ok(captures.some((c) => c.url.includes('%7Bproject_id%7D')));
});

for (const c of captures) {
  test(`capture ${c.name} verifies, and tampering is rejected`, () => {
    const now = clockOf(c);
    const ok = verifyHuaweiSignature(req(c), secrets, now);
    assert.deepEqual(ok.ok, true, JSON.stringify(ok));
    assert.equal(ok.ok && ok.accessKey, CAPTURE_AK);
    if (c.headers['x-project-id']) assert.equal(ok.ok && ok.projectId, CAPTURE_PROJECT);

    const rejected = (r: HuaweiSignedRequest, nowMs = now, lookup = secrets): string => {
      const v = verifyHuaweiSignature(r, lookup, nowMs);
      assert.equal(v.ok, false);
      const reason = (v as { reason: string }).reason;
      assert.ok(!reason.includes(CAPTURE_SK));
      return reason;
    };
    rejected(req(c, { body: Buffer.concat([c.body, Buffer.from(' ')]) }));
    if (c.body.length > 0) rejected(req(c, { body: Buffer.from(c.body.toString('utf8').replace(/.$/, '}}')) }));
    rejected(req(c, { rawUrl: c.url.replace(/\/([^/?]+)(\?|$)/, '/x$1$2') }));
    rejected(req(c, { rawUrl: c.url + (c.url.includes('?') ? '&extra=1' : '?extra=1') }));
    rejected(req(c, { method: c.method === 'GET' ? 'DELETE' : 'GET' }));
    rejected(req(c, { headers: { ...c.headers, host: 'evil.example:1' } }));
    if (c.headers['x-project-id']) rejected(req(c, { headers: { ...c.headers, 'x-project-id': '0'.repeat(32) } }));
    assert.match(rejected(req(c), now + MAX_CLOCK_SKEW_MS + 1000), /15 minutes/);
    assert.match(rejected(req(c), now - MAX_CLOCK_SKEW_MS - 1000), /15 minutes/);
    assert.match(rejected(req(c), now, () => CAPTURE_SK.replace(/.$/, 'X')), /does not match/);
    assert.match(rejected(req(c), now, () => undefined), /unknown access key/);
  });
}

test('skew boundary: exactly 15 minutes is accepted', () => {
  const c = captures[0]!;
  assert.equal(verifyHuaweiSignature(req(c), secrets, clockOf(c) + MAX_CLOCK_SKEW_MS).ok, true);
  assert.equal(verifyHuaweiSignature(req(c), secrets, clockOf(c) - MAX_CLOCK_SKEW_MS).ok, true);
});

test('malformed Authorization and X-Sdk-Date are rejected with a reason', () => {
  const c = captures[0]!;
  const now = clockOf(c);
  const without = (name: string): Record<string, string> => {
    const h = { ...c.headers };
    delete h[name];
    return h;
  };
  const cases: Array<[Record<string, string>, RegExp]> = [
    [without('authorization'), /missing Authorization/],
    [{ ...c.headers, authorization: 'Bearer x' }, /not SDK-HMAC-SHA256/],
    [{ ...c.headers, authorization: c.headers.authorization!.replace('SignedHeaders=content-type;host;', 'SignedHeaders=content-type;') }, /host is not a signed header/],
    [without('x-sdk-date'), /missing X-Sdk-Date/],
    [{ ...c.headers, 'x-sdk-date': '20261321T231502Z' }, /not YYYYMMDDTHHmmssZ/],
    [{ ...c.headers, 'x-sdk-date': '2026-11-21T23:15:02Z' }, /not YYYYMMDDTHHmmssZ/],
    [without('content-type'), /signed header content-type is missing/],
    [{ ...c.headers, 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' }, /X-Sdk-Content-Sha256/],
  ];
  for (const [headers, re] of cases) {
    const v = verifyHuaweiSignature({ method: c.method, rawUrl: c.url, headers, body: c.body }, secrets, now);
    assert.equal(v.ok, false);
    assert.match((v as { reason: string }).reason, re);
  }
});

test('header names are matched case-insensitively and array values are joined', () => {
  const c = captures.find((x) => x.name.startsWith('05_'))!;
  const upper: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.headers)) upper[k.toUpperCase()] = v;
  assert.equal(verifyHuaweiSignature(req(c, { headers: upper }), secrets, clockOf(c)).ok, true);
});

test('signHuaweiRequest reproduces the SDK headers of every capture', () => {
  for (const c of captures) {
    const signed = signHuaweiRequest({
      method: c.method,
      url: c.url,
      host: c.headers.host!,
      body: c.body,
      ak: CAPTURE_AK,
      sk: CAPTURE_SK,
      projectId: c.headers['x-project-id'],
      date: c.headers['x-sdk-date']!,
    });
    assert.equal(signed.Authorization, c.headers.authorization, c.name);
    assert.equal(signed['X-Sdk-Date'], c.headers['x-sdk-date']);
    assert.equal(signed['Content-Type'], 'application/json');
  }
});

test('sign → verify round trip over arbitrary paths, queries and bodies', () => {
  const chars = (alphabet: string, min: number, max: number) =>
    fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
  const segment = chars('abcXYZ019_.~%|-', 1, 12);
  fc.assert(
    fc.property(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      fc.array(segment, { minLength: 1, maxLength: 4 }),
      fc.array(fc.tuple(chars('abcxyz_', 1, 8), fc.string({ maxLength: 10 })), { maxLength: 4 }),
      fc.option(fc.json(), { nil: undefined }),
      fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
      (method, segs, params, body, date) => {
        const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        const url = `/v2/${segs.join('/')}${query ? `?${query}` : ''}`;
        const headers = signHuaweiRequest({ method, url, host: 'h:1', body, ak: 'AK', sk: 'SK', projectId: 'p', date });
        const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
        const now = Math.floor(date.getTime() / 1000) * 1000;
        const v = verifyHuaweiSignature({ method, rawUrl: url, headers: lower, body: Buffer.from(body ?? '') }, (ak) => (ak === 'AK' ? 'SK' : undefined), now);
        return v.ok;
      },
    ),
    { numRuns: 200 },
  );
});

test('non-ASCII path parameters (sent once-encoded) verify through the high-byte fallback', () => {
  const url = '/v2/p/instances/i/topics/%C3%BC%E4%B8%AD';
  const headers = signHuaweiRequest({ method: 'DELETE', url, host: 'h', ak: 'AK', sk: 'SK', projectId: 'p', date: '20261121T231502Z' });
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const now = parseSdkDate('20261121T231502Z')!;
  assert.equal(verifyHuaweiSignature({ method: 'DELETE', rawUrl: url, headers: lower, body: Buffer.alloc(0) }, () => 'SK', now).ok, true);
});

test('an endpoint with a trailing slash (SDK signs //v2/…) verifies through the fallback', () => {
  const headers = signHuaweiRequest({ method: 'GET', url: '//v2/p/instances', host: 'h', ak: 'AK', sk: 'SK', projectId: 'p', date: '20261121T231502Z' });
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const now = parseSdkDate('20261121T231502Z')!;
  assert.equal(verifyHuaweiSignature({ method: 'GET', rawUrl: '/v2/p/instances', headers: lower, body: Buffer.alloc(0) }, () => 'SK', now).ok, true);
});

test("signHuaweiRequest equals the official SDK's AKSKSigner on random requests", async () => {
  const { createRequire } = await import('node:module');
  const { stringify } = await import('node:querystring');
  const require = createRequire(import.meta.url);
  // The SDK core's own signer, driven the way BaseCredentials.processAuthRequest drives it.
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
    AKSKSigner: { sign(req: Record<string, unknown>, cred: { getAk(): string; getSk(): string }): Record<string, string> };
  };
  const chars = (alphabet: string, min: number, max: number) =>
    fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
  fc.assert(
    fc.property(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      fc.array(chars('abcXYZ019_.~-', 1, 12), { minLength: 1, maxLength: 4 }),
      fc.dictionary(chars('abcxyz_', 1, 8), fc.string({ maxLength: 10 }), { maxKeys: 4 }),
      fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 4 }), { nil: undefined }),
      chars('abcdef0123456789', 32, 32),
      (method, segs, queryParams, data, projectId) => {
        const path = `/v2/${segs.join('/')}`;
        const sdk = AKSKSigner.sign(
          { endpoint: `http://127.0.0.1:8080${path}`, method, headers: { 'content-type': 'application/json', 'X-Project-Id': projectId }, queryParams, data },
          { getAk: () => 'AK', getSk: () => 'SK' },
        );
        const query = stringify(queryParams);
        const ours = signHuaweiRequest({
          method,
          url: query ? `${path}?${query}` : path,
          host: '127.0.0.1:8080',
          body: data === undefined ? undefined : JSON.stringify(data),
          ak: 'AK',
          sk: 'SK',
          projectId,
          date: sdk['X-Sdk-Date']!,
        });
        assert.equal(ours.Authorization, sdk.Authorization);
      },
    ),
    { numRuns: 200 },
  );
});
