import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { verifyAlibabaSignature, canonicalQueryString, type SignedRequest } from '../../../src/api/alibaba/signature.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { SIGNATURE_WINDOW_MS, type NonceLedger } from '../../../src/api/alibaba/nonce-cache.js';
import { SignatureNonces } from '../../../src/service/signature-nonces.js';
import { openStore } from '../../../src/store/db.js';
import { NonceRepository } from '../../../src/store/nonces.js';
import { DomainError } from '../../../src/domain/errors.js';
import { captured, capturedRequests, type CapturedRequest } from './fixtures.js';

// Nonces are kept in a real database; each ledger of a test is its own scope in it (captures share their nonces).
const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-nonces-'));
const store = await openStore({ dataDir: storeDir });
after(async () => {
  await store.db.destroy();
  fs.rmSync(storeDir, { recursive: true, force: true });
});
const nonces = new SignatureNonces(new NonceRepository(store.db, store.uncounted), SIGNATURE_WINDOW_MS);
let scopes = 0;
const freshNonces = (): NonceLedger => {
  const scope = `scope-${scopes++}`;
  return { remember: (key, nowMs) => nonces.remember(`${scope}\n${key}`, nowMs) };
};

const AK = 'LTAI5tTestAccessKeyId01';
const SECRET = 'TestAccessKeySecret0123456789abcd';
const secrets: Record<string, string> = { [AK]: SECRET, AKSM3: 'secretSM3' };
const lookup = (ak: string): string | undefined => secrets[ak];

const load = (file: string): CapturedRequest => captured(file.slice(0, 3));

const toRequest = (r: CapturedRequest): SignedRequest => ({
  method: r.method,
  rawUrl: r.url,
  headers: { ...r.headers },
  body: Buffer.from(r.bodyBase64, 'base64'),
});

const clockOf = (req: SignedRequest): number => {
  const d = (req.headers['x-acs-date'] ?? req.headers['date']) as string;
  return Date.parse(d);
};

const expectCode = async (p: Promise<unknown>, dialectCode: string): Promise<void> => {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.code, 'Unauthenticated');
    assert.equal(e.dialectCode, dialectCode, e.message);
    return true;
  });
};

// Every capture the reference verified is accepted with the captured clock.
const verifiedCaptures = capturedRequests().map((c) => c.file);

test('there are captured vectors for all three schemes', () => {
  const algs = new Set(capturedRequests().map((c) => c.algorithm));
  assert.deepEqual([...algs].sort(), ['ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3', 'ROA-HMAC-SHA1']);
});

for (const file of verifiedCaptures) {
  test(`accepts captured request ${file}`, async () => {
    const req = toRequest(load(file));
    const v = await verifyAlibabaSignature(req, lookup, clockOf(req), freshNonces());
    assert.ok(v.accessKeyId === AK || v.accessKeyId === 'AKSM3');
  });
}

test('ACS3-HMAC-SM3 vector is recognised as SM3', async () => {
  const req = toRequest(load('32-createTopic-ACS3-HMAC-SM3.json'));
  const v = await verifyAlibabaSignature(req, lookup, clockOf(req), freshNonces());
  assert.equal(v.algorithm, 'ACS3-HMAC-SM3');
  assert.equal(v.accessKeyId, 'AKSM3');
});

test('legacy v2 vector is recognised as ROA HMAC-SHA1', async () => {
  const req = toRequest(load('15-createTopic-legacy-v2-signature.json'));
  const v = await verifyAlibabaSignature(req, lookup, clockOf(req), freshNonces());
  assert.equal(v.algorithm, 'ROA-HMAC-SHA1');
});

test('unknown access key answers InvalidAccessKeyId.NotFound', async () => {
  const req = toRequest(load('02-getInstance.json'));
  await expectCode(verifyAlibabaSignature(req, () => undefined, clockOf(req), freshNonces()), 'InvalidAccessKeyId.NotFound');
});

test('wrong secret answers SignatureDoesNotMatch (all schemes)', async () => {
  for (const f of ['02-getInstance.json', '14-getInstance-legacy-v2-signature.json', '32-createTopic-ACS3-HMAC-SM3.json']) {
    const req = toRequest(load(f));
    await expectCode(verifyAlibabaSignature(req, () => 'wrong-secret', clockOf(req), freshNonces()), 'SignatureDoesNotMatch');
  }
});

test('tampering with body, query, method, host or action is refused', async () => {
  const base = toRequest(load('01-createInstance.json'));
  const now = clockOf(base);
  const tampered: SignedRequest[] = [
    { ...base, body: Buffer.from(base.body.toString().replace('demo-instance', 'evil-instance')) },
    (() => {
      const body = Buffer.from(base.body.toString().replace('demo-instance', 'evil-instance'));
      return { ...base, body, headers: { ...base.headers, 'x-acs-content-sha256': createHash('sha256').update(body).digest('hex') } };
    })(),
    { ...base, rawUrl: base.rawUrl.replace('clientToken=c2', 'clientToken=c3') },
    { ...base, method: 'PUT' },
    { ...base, headers: { ...base.headers, host: 'example.com' } },
    { ...base, headers: { ...base.headers, 'x-acs-action': 'DeleteInstance' } },
  ];
  for (const req of tampered) await expectCode(verifyAlibabaSignature(req, lookup, now, freshNonces()), 'SignatureDoesNotMatch');
  const v2 = toRequest(load('15-createTopic-legacy-v2-signature.json'));
  await expectCode(
    verifyAlibabaSignature({ ...v2, headers: { ...v2.headers, 'x-acs-action': 'DeleteTopic' } }, lookup, clockOf(v2), freshNonces()),
    'SignatureDoesNotMatch',
  );
});

test('an unsigned x-acs- header is refused as IncompleteSignature', async () => {
  const req = toRequest(load('02-getInstance.json'));
  req.headers['x-acs-injected'] = '1';
  await expectCode(verifyAlibabaSignature(req, lookup, clockOf(req), freshNonces()), 'IncompleteSignature');
});

test('missing signing headers answer Missing* codes', async () => {
  const base = toRequest(load('02-getInstance.json'));
  const cases: Array<[string, string]> = [
    ['authorization', 'MissingAuthorization'],
    ['x-acs-date', 'MissingXAcsDate'],
    ['x-acs-signature-nonce', 'MissingSignatureNonce'],
    ['x-acs-content-sha256', 'MissingXAcsContentSha256'],
  ];
  for (const [name, code] of cases) {
    const headers = { ...base.headers };
    delete headers[name];
    await expectCode(verifyAlibabaSignature({ ...base, headers }, lookup, clockOf(base), freshNonces()), code);
  }
  const v2 = toRequest(load('14-getInstance-legacy-v2-signature.json'));
  const headers = { ...v2.headers };
  delete headers['date'];
  await expectCode(verifyAlibabaSignature({ ...v2, headers }, lookup, clockOf(v2), freshNonces()), 'MissingDate');
});

test('a date more than 15 minutes off is refused, within is accepted', async () => {
  for (const f of ['02-getInstance.json', '14-getInstance-legacy-v2-signature.json']) {
    const req = toRequest(load(f));
    const t = clockOf(req);
    await expectCode(verifyAlibabaSignature(req, lookup, t + 15 * 60_000 + 1000, freshNonces()), 'InvalidTimeStamp.Expired');
    await expectCode(verifyAlibabaSignature(req, lookup, t - 16 * 60_000, freshNonces()), 'InvalidTimeStamp.Expired');
    await verifyAlibabaSignature(req, lookup, t + 14 * 60_000, freshNonces());
  }
});

test('a nonce seen before in the window is refused; a bad signature does not burn it', async () => {
  const req = toRequest(load('02-getInstance.json'));
  const cache = freshNonces();
  const t = clockOf(req);
  await expectCode(verifyAlibabaSignature(req, () => 'wrong', t, cache), 'SignatureDoesNotMatch');
  await verifyAlibabaSignature(req, lookup, t, cache);
  await expectCode(verifyAlibabaSignature(req, lookup, t + 1000, cache), 'SignatureNonceUsed');
  const v2 = toRequest(load('14-getInstance-legacy-v2-signature.json'));
  await verifyAlibabaSignature(v2, lookup, clockOf(v2), cache);
  await expectCode(verifyAlibabaSignature(v2, lookup, clockOf(v2), cache), 'SignatureNonceUsed');
});

// A signer written from the reference, independent of the verifier, for property tests.
const sign = (method: string, path: string, query: Record<string, string>, body: string, date: string, nonce: string): SignedRequest => {
  const enc = (v: string): string =>
    encodeURIComponent(v).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');
  const keys = Object.keys(query).sort();
  const canonicalQuery = keys.map((k) => `${k}=${enc(query[k]!)}`).join('&');
  const wireQuery = keys.map((k) => `${k}=${encodeURIComponent(query[k]!)}`).join('&');
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const headers: Record<string, string> = {
    host: '127.0.0.1:8080',
    'x-acs-action': 'ListInstances',
    'x-acs-content-sha256': bodyHash,
    'x-acs-date': date,
    'x-acs-signature-nonce': nonce,
    'x-acs-version': '2022-08-01',
  };
  const names = Object.keys(headers).sort();
  const canonical = [method, path, canonicalQuery, names.map((n) => `${n}:${headers[n]}\n`).join(''), names.join(';'), bodyHash].join('\n');
  const sts = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
  const sig = createHmac('sha256', SECRET).update(sts).digest('hex');
  headers['authorization'] = `ACS3-HMAC-SHA256 Credential=${AK},SignedHeaders=${names.join(';')},Signature=${sig}`;
  return { method, rawUrl: wireQuery ? `${path}?${wireQuery}` : path, headers, body: Buffer.from(body) };
};

test('property: any query values and bodies signed per the reference verify', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,8}$/), fc.string({ unit: 'grapheme', maxLength: 12 }), { maxKeys: 4 }),
      fc.string({ maxLength: 40 }),
      async (query, body) => {
        const req = sign('POST', '/instances', query, body, '2026-11-21T23:19:21Z', `n${n++}`);
        await verifyAlibabaSignature(req, lookup, Date.parse('2026-11-21T23:19:21Z'), freshNonces());
      },
    ),
    { numRuns: 150 },
  );
});

test('property: changing any query value breaks the signature', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ minLength: 1, maxLength: 10 }), async (a, b) => {
      fc.pre(a !== b);
      const req = sign('GET', '/instances', { filter: a }, '', '2026-11-21T23:19:21Z', 'x');
      const forged = { ...req, rawUrl: `/instances?filter=${encodeURIComponent(b)}` };
      await expectCode(verifyAlibabaSignature(forged, lookup, Date.parse('2026-11-21T23:19:21Z'), freshNonces()), 'SignatureDoesNotMatch');
    }),
    { numRuns: 100 },
  );
});

test('canonical query sorts keys and encodes like the SDK', () => {
  assert.equal(
    canonicalQueryString('pageSize=5&filter=a%20b%2Bc%26d%3D%C3%A9&pageNumber=2&messageTypes=NORMAL%2CFIFO'),
    'filter=a%20b%2Bc%26d%3D%C3%A9&messageTypes=NORMAL%2CFIFO&pageNumber=2&pageSize=5',
  );
});
