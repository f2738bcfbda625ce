// What binds a signed Alibaba request to one use and one body: its nonce is refused a second time, also after a restart
// of `hangar serve`; a Content-MD5 it carries must be its body's; HANGAR_LEGACY_ROA_SIGNATURE=off refuses the legacy
// signature, which does not cover the body.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hangar } from '../../helpers/hangar.js';
import { alibabaClient, createInstanceRequest, rmq, seedBody } from './alibaba-sdk.js';
import { startAlibabaHangar, type AlibabaHangar } from './harness.js';
import { send, signRoa } from './roa-signer.js';

describe('a signed Alibaba request is used once, across restarts', () => {
  let h: Hangar;
  before(async () => {
    h = await Hangar.start();
  });
  after(async () => {
    await h?.destroy();
  });

  it('refuses the same request again after the server restarted', async () => {
    const req = signRoa('GET', '/instances?pageNumber=1&pageSize=10', undefined, { host: `127.0.0.1:${h.port}` });
    assert.equal((await send(h.url, req)).status, 200);
    const again = await send(h.url, req);
    assert.equal(again.status, 400);
    assert.equal(again.json.code, 'SignatureNonceUsed');
    await h.restart();
    const afterRestart = await send(h.url, req);
    assert.equal(afterRestart.status, 400);
    assert.equal(afterRestart.json.code, 'SignatureNonceUsed');
    // A fresh request is served as ever.
    assert.equal((await send(h.url, signRoa('GET', '/instances?pageNumber=1&pageSize=10', undefined, { host: `127.0.0.1:${h.port}` }))).status, 200);
  });
});

describe('the body of a legacy-signed request', () => {
  let h: AlibabaHangar;
  let strict: AlibabaHangar;
  before(async () => {
    h = await startAlibabaHangar({ reconcile: false });
    strict = await startAlibabaHangar({ reconcile: false, env: { HANGAR_LEGACY_ROA_SIGNATURE: 'off' } });
  });
  after(async () => {
    await h?.close();
    await strict?.close();
  });

  const count = async (server: AlibabaHangar): Promise<number> =>
    (await alibabaClient(server.endpoint).listInstances(new rmq.ListInstancesRequest({ pageNumber: 1, pageSize: 100 }))).body.data.totalCount as number;
  const bodies = (): { signed: string; swapped: string } => ({
    signed: JSON.stringify({ ...seedBody(), instanceName: 'signed-name' }),
    swapped: JSON.stringify({ ...seedBody(), instanceName: 'swapped-name' }),
  });

  it('with a Content-MD5 that is not its body: 400 InvalidContentMD5 and nothing created', async () => {
    const { signed, swapped } = bodies();
    const req = signRoa('POST', '/instances', signed, { contentMd5: true, host: h.endpoint });
    const r = await send(h.url, req, swapped);
    assert.equal(r.status, 400);
    assert.equal(r.json.code, 'InvalidContentMD5');
    assert.equal(await count(h), 0);
    // The same request with the body it was signed over is served.
    const ok = await send(h.url, signRoa('POST', '/instances', signed, { contentMd5: true, host: h.endpoint }));
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    assert.equal(await count(h), 1);
  });

  it('HANGAR_LEGACY_ROA_SIGNATURE=off refuses the legacy signature; ACS3 is served', async () => {
    const { signed, swapped } = bodies();
    const refused = await send(strict.url, signRoa('POST', '/instances', signed, { host: strict.endpoint }), swapped);
    assert.equal(refused.status, 400);
    assert.equal(refused.json.code, 'InvalidAuthorization');
    assert.equal(await count(strict), 0);
    const legacyClient = alibabaClient(strict.endpoint, { signatureAlgorithm: 'v2' });
    await assert.rejects(legacyClient.listInstances(new rmq.ListInstancesRequest({})), (e: { code?: string }) => e.code === 'InvalidAuthorization');
    const id = (await alibabaClient(strict.endpoint).createInstance(createInstanceRequest({ ...seedBody(), instanceName: 'acs3' }))).body.data as string;
    assert.match(id, /^rmq-cn-/);
  });
});
