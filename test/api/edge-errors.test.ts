// Every answer of the server is in the envelope of the dialect its path belongs to — also what the framework or the
// HTTP parser refuses on its own — and a path or method that is no operation of the API is a 404, not a 5xx; 501 stays
// for a real operation not built yet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { signHuaweiRequest } from '../../src/api/huawei/signature.js';
import { TEST_AK, TEST_PROJECT, TEST_SK } from '../helpers/hangar.js';
import { rawBytes, rawRequest, type RawReply } from '../helpers/raw-http.js';
import { startAlibabaHangar, type AlibabaHangar } from './alibaba/harness.js';
import { signRoa } from './alibaba/roa-signer.js';

let h: AlibabaHangar;
let port: number;

const huawei = (method: string, path: string, body?: string): Promise<RawReply> => {
  const headers = signHuaweiRequest({ method, url: path, host: h.endpoint, body, ak: TEST_AK, sk: TEST_SK, projectId: TEST_PROJECT, date: new Date() });
  return rawRequest(port, method, path, headers, body);
};

const alibaba = (method: string, path: string, body?: string): Promise<RawReply> => {
  const req = signRoa(method, path, body, { host: h.endpoint });
  return rawRequest(port, method, path, req.headers, body);
};

/** A Huawei error envelope with this status and code. */
const isHuawei = (r: RawReply, status: number, code: string): void => {
  assert.equal(r.status, status, r.text);
  const body = JSON.parse(r.text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['error_code', 'error_msg'], r.text);
  assert.equal(body.error_code, code, r.text);
  assert.ok(r.headers['x-request-id'], 'x-request-id');
};

/** An Alibaba error envelope with this status and code. */
const isAlibaba = (r: RawReply, status: number, code: string): void => {
  assert.equal(r.status, status, r.text);
  const body = JSON.parse(r.text) as Record<string, unknown>;
  assert.equal(body.success, false, r.text);
  assert.equal(body.code, code, r.text);
  assert.equal(body.httpStatusCode, status, r.text);
  assert.equal(body.requestId, r.headers['x-acs-request-id'], r.text);
};

describe('edge answers', () => {
  before(async () => {
    h = await startAlibabaHangar({ reconcile: false });
    port = Number(new URL(h.url).port);
  });
  after(async () => {
    await h?.close();
  });

  it('Huawei: a path or method that is no operation is 404 APIGW.0101; an unbuilt operation 501', async () => {
    isHuawei(await huawei('POST', `/v2/${TEST_PROJECT}/instances/x/y/z/w`, '{}'), 404, 'APIGW.0101');
    isHuawei(await huawei('POST', `/v2/${TEST_PROJECT}/instances/../instances`, '{}'), 404, 'APIGW.0101');
    isHuawei(await huawei('GET', `/v2/${TEST_PROJECT}/instances/..`), 404, 'APIGW.0101');
    isHuawei(await huawei('PATCH', `/v2/${TEST_PROJECT}/instances`, '{}'), 404, 'APIGW.0101');
    isHuawei(await huawei('GET', `/v2/${TEST_PROJECT}/recycle`), 501, 'DMS.00501000');
    // A method the server has no route for at all.
    isHuawei(await rawRequest(port, 'OPTIONS', `/v2/${TEST_PROJECT}/instances`), 404, 'APIGW.0101');
  });

  it('Alibaba: a path or method that is no operation is 404 InvalidApi.NotFound; an unbuilt operation 501', async () => {
    isAlibaba(await alibaba('POST', '/instances/x/y/z/w/v'), 404, 'InvalidApi.NotFound');
    isAlibaba(await alibaba('PUT', '/instances'), 404, 'InvalidApi.NotFound');
    isAlibaba(await alibaba('GET', '/disaster_recovery'), 501, 'NotImplemented');
    isAlibaba(await rawRequest(port, 'OPTIONS', '/instances'), 404, 'InvalidApi.NotFound');
  });

  it('a path the framework cannot decode reaches its dialect', async () => {
    isAlibaba(await alibaba('POST', '/instances/%'), 404, 'InvalidApi.NotFound');
    isAlibaba(await alibaba('GET', '/instances/%'), 404, 'Instance.NotFound');
    isHuawei(await huawei('GET', `/v2/${TEST_PROJECT}/instances/%`), 404, 'DMS.00404022');
  });

  it('a query string over the parser limit is 431 in the dialect of its path', async () => {
    const q = `?name=${'a'.repeat(20 * 1024)}`;
    isHuawei(await rawRequest(port, 'GET', `/v2/${TEST_PROJECT}/instances${q}`), 431, 'DMS.00400800');
    isAlibaba(await rawRequest(port, 'GET', `/instances${q}`), 431, 'InvalidParameter');
    const plain = await rawRequest(port, 'GET', `/healthz${q}`);
    assert.equal(plain.status, 431);
    assert.deepEqual(Object.keys(JSON.parse(plain.text) as object).sort(), ['code', 'message']);
    // However the bytes are split on the way, the answer knows the path's dialect.
    const pieces = await rawBytes(port, [`GET /v2/${TEST_PROJECT}/instances?name=`, ...Array.from({ length: 20 }, () => 'a'.repeat(1024)), ' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    assert.match(pieces, /^HTTP\/1\.1 431 /);
    assert.match(pieces, /"error_code":"DMS\.00400800"/);
    // Beyond the parser's own limit too.
    isHuawei(await rawRequest(port, 'GET', `/v2/${TEST_PROJECT}/instances?name=${'a'.repeat(70 * 1024)}`), 431, 'DMS.00400800');
  });

  it('a request the HTTP parser cannot read is 400 in the dialect of its path', async () => {
    const huaweiReply = await rawBytes(port, `GET /v2/${TEST_PROJECT}/instances HTTP/1.1\r\nHost: x\r\nbroken header line\r\n\r\n`);
    assert.match(huaweiReply, /^HTTP\/1\.1 400 /);
    assert.match(huaweiReply, /"error_code":"DMS\.00400800"/);
    const alibabaReply = await rawBytes(port, 'GET /instances HTTP/1.1\r\nHost: x\r\nbroken header line\r\n\r\n');
    assert.match(alibabaReply, /^HTTP\/1\.1 400 /);
    assert.match(alibabaReply, /"success":false/);
    assert.doesNotMatch(huaweiReply + alibabaReply, /FST_ERR|Client Error/);
  });

  it("Hangar's own paths keep their plain JSON", async () => {
    const r = await rawRequest(port, 'GET', '/hangar/v1/nothing');
    assert.equal(r.status, 404);
    assert.deepEqual(Object.keys(JSON.parse(r.text) as object).sort(), ['code', 'message']);
    assert.equal((await rawRequest(port, 'GET', '/healthz')).status, 200);
  });

  it('property: any method, path and body answers below 500 in the envelope of its path', async () => {
    const segment = fc.oneof(fc.constantFrom('instances', 'topics', 'groups', '..', '.', '%', '%zz', '%2F', '', 'rocketmq', TEST_PROJECT), fc.string({ maxLength: 12 }));
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'),
      prefix: fc.constantFrom(`/v2/${TEST_PROJECT}/`, '/v2/', '/', '/instances/', '/hangar/v1/'),
      segments: fc.array(segment, { maxLength: 6 }),
      query: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
      body: fc.option(fc.oneof(fc.string({ maxLength: 40 }), fc.json()), { nil: undefined }),
      signed: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, prefix, segments, query, body, signed }) => {
        // Only what a client can put on a request line: no spaces or controls, anything else percent-encoded by the client.
        const clean = (t: string): string => t.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
        const path = clean(prefix + segments.join('/')) + (query === undefined ? '' : `?${clean(query)}`);
        const b = method === 'GET' || method === 'OPTIONS' || method === 'TRACE' ? undefined : body;
        const r = signed ? await (path.startsWith('/v2/') ? huawei(method, path, b) : alibaba(method, path, b)) : await rawRequest(port, method, path, {}, b);
        assert.ok(r.status < 500, `${method} ${path} -> ${r.status} ${r.text}`);
        const json = JSON.parse(r.text) as Record<string, unknown>;
        if (path.startsWith('/v2/')) assert.ok('error_code' in json || r.status < 400, `${method} ${path} -> ${r.text}`);
        else if (path.startsWith('/hangar/')) assert.ok('code' in json && 'message' in json && !('requestId' in json), `${method} ${path} -> ${r.text}`);
        else assert.ok('requestId' in json, `${method} ${path} -> ${r.text}`);
      }),
      { numRuns: 150 },
    );
  });
});
