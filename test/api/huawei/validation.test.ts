// Every create rule of the seed page, through the official SDK: a 400 with the field's DMS code, a message naming the
// field, and nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hangar, TEST_PROJECT } from '../../helpers/hangar.js';
import { huaweiClient, sdkError, seedBody, signedFetch } from '../../helpers/huawei-sdk.js';

type Mutation = [label: string, change: (b: Record<string, unknown>) => void, code: string, field: string];

const CASES: Mutation[] = [
  ['name starting with a digit', (b) => (b.name = '1abc'), 'DMS.00400010', 'name'],
  ['name of 3 characters', (b) => (b.name = 'abc'), 'DMS.00400010', 'name'],
  ['name of 65 characters', (b) => (b.name = 'a'.repeat(65)), 'DMS.00400010', 'name'],
  ['name with a dot', (b) => (b.name = 'abc.def'), 'DMS.00400010', 'name'],
  ['description over 1024', (b) => (b.description = 'x'.repeat(1025)), 'DMS.00400011', 'description'],
  ['unknown engine', (b) => (b.engine = 'kafka'), 'DMS.00400007', 'engine'],
  ['unknown engine_version', (b) => (b.engine_version = '9.9'), 'DMS.00400008', 'engine_version'],
  ['unknown product_id', (b) => (b.product_id = 'c6.nope'), 'DMS.00400009', 'product_id'],
  ['missing vpc_id', (b) => delete b.vpc_id, 'DMS.00400013', 'vpc_id'],
  ['missing subnet_id', (b) => delete b.subnet_id, 'DMS.00400800', 'subnet_id'],
  ['empty security_group_id', (b) => (b.security_group_id = ''), 'DMS.00400800', 'security_group_id'],
  ['no zones', (b) => (b.available_zones = []), 'DMS.00400800', 'available_zones'],
  ['two zones', (b) => (b.available_zones = ['az1', 'az2']), 'DMS.00400800', 'available_zones'],
  ['storage below the flavour', (b) => (b.storage_space = 100), 'DMS.00400800', 'storage_space'],
  ['storage as a string', (b) => (b.storage_space = '600'), 'DMS.00400800', 'storage_space'],
  ['missing broker_num for 4.8.0', (b) => delete b.broker_num, 'DMS.00400800', 'broker_num'],
  ['too many brokers', (b) => (b.broker_num = 11), 'DMS.00400800', 'broker_num'],
  ['unknown storage_spec_code', (b) => (b.storage_spec_code = 'dms.physical.storage.nope'), 'DMS.00400800', 'storage_spec_code'],
  ['public IP without publicip_id', (b) => ((b.enable_publicip = true), (b.publicip_id = '')), 'DMS.00400800', 'publicip_id'],
  ['public IP (not honoured yet)', (b) => ((b.enable_publicip = true), (b.publicip_id = 'eip-1')), 'DMS.00400800', 'enable_publicip'],
  ['unknown tls_mode', (b) => (b.tls_mode = 'FOO'), 'DMS.00400800', 'tls_mode'],
  ['tls_mode SSL with ssl_enable false', (b) => ((b.tls_mode = 'SSL'), (b.ssl_enable = false)), 'DMS.00400800', 'ssl_enable'],
  ['tls_mode PERMISSIVE on 4.8.0', (b) => (b.tls_mode = 'PERMISSIVE'), 'DMS.00400800', 'tls_mode'],
  ['enable_acl not a boolean', (b) => (b.enable_acl = 'yes'), 'DMS.00400800', 'enable_acl'],
  ['boolean as a string', (b) => (b.ssl_enable = 'false'), 'DMS.00400800', 'ssl_enable'],
];

describe('Huawei create validation through the SDK', () => {
  let h: Hangar;
  let client: any;
  before(async () => {
    h = await Hangar.start();
    client = huaweiClient(h.url);
  });
  after(async () => h.destroy());

  for (const [label, change, code, field] of CASES) {
    it(`refuses ${label}`, async () => {
      const body = seedBody(`valid-${Math.random().toString(36).slice(2, 8)}`);
      change(body);
      const e = await sdkError(client.createPostPaidInstance({ body }));
      assert.equal(e.httpStatusCode, 400, JSON.stringify(e.errorMsg));
      assert.equal(e.errorCode, code, e.errorMsg);
      assert.ok(e.errorMsg?.includes(field), `message names ${field}: ${e.errorMsg}`);
    });
  }

  it('refuses a body that is not JSON, an empty body and a JSON array', async () => {
    const path = `/v2/${TEST_PROJECT}/instances`;
    for (const [body, code] of [
      ['{"name": ', 'DMS.00400005'],
      ['', 'DMS.00400004'],
      ['[1,2]', 'DMS.00400005'],
    ] as const) {
      const r = await signedFetch(h.url, 'POST', path, body);
      assert.equal(r.status, 400);
      assert.ok(r.headers.get('x-request-id'));
      assert.equal(((await r.json()) as { error_code: string }).error_code, code);
    }
  });

  it('refuses a body over the size limit in the Huawei format (not the framework\'s)', async () => {
    const big = JSON.stringify({ ...seedBody('too-big'), description: 'x'.repeat(9 * 1024 * 1024) });
    const r = await signedFetch(h.url, 'POST', `/v2/${TEST_PROJECT}/instances`, big);
    assert.equal(r.status, 400);
    assert.ok(r.headers.get('x-request-id'));
    const body = (await r.json()) as { error_code: string; error_msg: string };
    assert.match(body.error_code, /^DMS\./);
    assert.match(body.error_msg, /larger than/);
  });

  it('accepts the seed body itself, and stored nothing for the refused ones', async () => {
    assert.equal((await client.listInstances({ engine: 'reliability', include_failure: 'true' })).instance_num, 0);
    const ok = await client.createPostPaidInstance({ body: seedBody('the-seed-itself') });
    assert.match(ok.instance_id, /^[0-9a-f-]{36}$/);
    assert.equal((await client.listInstances({ engine: 'reliability', include_failure: 'true' })).instance_num, 1);
  });

  it('refuses a signature more than 15 minutes old and an unsigned request', async () => {
    const old = await signedFetch(h.url, 'GET', `/v2/${TEST_PROJECT}/instances?engine=reliability`, undefined, new Date(Date.now() - 16 * 60_000));
    assert.equal(old.status, 401);
    assert.equal(((await old.json()) as { error_code: string }).error_code, 'APIGW.0301');
    const bare = await fetch(`${h.url}/v2/${TEST_PROJECT}/instances?engine=reliability`);
    assert.equal(bare.status, 401);
  });
});
