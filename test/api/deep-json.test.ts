// Deep JSON in either dialect is a 400 naming the field, and nothing is stored; unknown keys of a known free-form value
// are dropped before anything is stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseCreateInstanceBody } from '../../src/api/huawei/create-instance.js';
import { MAX_JSON_DEPTH, tooDeep } from '../../src/api/http/fields.js';
import { TEST_PROJECT } from '../helpers/hangar.js';
import { seedBody as huaweiSeed, signedFetch } from '../helpers/huawei-sdk.js';
import { alibabaClient, rmq, seedBody as alibabaSeed } from './alibaba/alibaba-sdk.js';
import { startAlibabaHangar, type AlibabaHangar } from './alibaba/harness.js';
import { send, signRoa } from './alibaba/roa-signer.js';

/** `{"a":{"a":…{leaf}…}}`, `levels` objects deep. */
const nested = (levels: number, leaf: unknown = 1): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

/** The same as JSON text, built as text: JSON.stringify itself overflows the stack on such values. */
const nestedText = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('deep JSON', () => {
  let h: AlibabaHangar;
  before(async () => {
    h = await startAlibabaHangar({ reconcile: false });
  });
  after(async () => {
    await h?.close();
  });

  it('tooDeep names the top-level key whose value nests beyond the limit, without recursion', () => {
    assert.equal(tooDeep({ ok: nested(MAX_JSON_DEPTH - 1), x: 1 }), undefined);
    assert.equal(tooDeep({ ok: 1, deep: nested(MAX_JSON_DEPTH + 1) }), 'deep');
    assert.equal(tooDeep({ list: [[[[nested(200_000)]]]] }), 'list');
    assert.equal(tooDeep({ wide: Array.from({ length: 200_000 }, () => ({ a: 1 })) }), undefined);
  });

  it('Huawei: bss_param 5,000 levels deep is 400 naming bss_param; nothing stored', async () => {
    const body = JSON.stringify({ ...huaweiSeed('deep-one'), bss_param: { charging_mode: 'postPaid', extra: 'X' } }).replace('"X"', nestedText(5000));
    const r = await signedFetch(h.url, 'POST', `/v2/${TEST_PROJECT}/instances`, body);
    assert.equal(r.status, 400);
    const e = (await r.json()) as { error_code: string; error_msg: string };
    assert.equal(e.error_code, 'DMS.00400800');
    assert.match(e.error_msg, /bss_param is nested deeper than/);
    const list = await signedFetch(h.url, 'GET', `/v2/${TEST_PROJECT}/instances?engine=reliability&include_failure=true`);
    assert.equal(((await list.json()) as { instance_num: number }).instance_num, 0);
  });

  it('Huawei: unknown keys of bss_param are dropped, never stored', () => {
    const cmd = parseCreateInstanceBody(Buffer.from(JSON.stringify({ ...huaweiSeed('keys'), bss_param: { charging_mode: 'postPaid', period_num: 1, junk: 'x'.repeat(1000), more: { a: 1 } } })));
    assert.deepEqual(cmd.attributes.bssParam, { charging_mode: 'postPaid', period_num: 1 });
  });

  it('Alibaba: a deep body field and a deep JSON query parameter are 400 naming the field; nothing stored', async () => {
    const body = JSON.stringify({ ...alibabaSeed(), instanceName: 'deep', productInfo: { msgProcessSpec: 'rmq.s2.2xlarge', x: 'X' } }).replace('"X"', nestedText(5000));
    const r = await send(h.url, signRoa('POST', '/instances', body, { host: h.endpoint }));
    assert.equal(r.status, 400);
    assert.equal(r.json.code, 'InvalidParameter.ProductInfo');
    assert.match(r.json.message ?? '', /productInfo is nested deeper than/);
    const q = await send(h.url, signRoa('GET', `/instances?tags=${encodeURIComponent(JSON.stringify(nested(100, 'v')))}`, undefined, { host: h.endpoint }));
    assert.equal(q.status, 400);
    assert.equal(q.json.code, 'InvalidParameter.Tags');
    assert.match(q.json.message ?? '', /nested deeper than/);
    const listed = await alibabaClient(h.endpoint).listInstances(new rmq.ListInstancesRequest({ pageNumber: 1, pageSize: 10 }));
    assert.equal(listed.body.data.totalCount, 0);
  });
});
