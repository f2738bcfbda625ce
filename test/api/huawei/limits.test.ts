// Limits refused up front with the cloud's codes, storing nothing: the project's instance quota, broker ports, disk.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { brokerPortWindow, Hangar } from '../../helpers/hangar.js';
import { huaweiClient, sdkError, seedBody } from '../../helpers/huawei-sdk.js';

describe('limits of a create', () => {
  const started: Hangar[] = [];
  after(async () => {
    for (const h of started) await h.destroy();
  });

  it('refuses a create over the project quota, and showQuotas reports it', async () => {
    const h = await Hangar.start({ env: { HANGAR_INSTANCE_QUOTA: '1' } });
    started.push(h);
    const client = huaweiClient(h.url);
    await client.createPostPaidInstance({ body: seedBody('quota-one') });
    const e = await sdkError(client.createPostPaidInstance({ body: seedBody('quota-two') }));
    assert.equal(e.httpStatusCode, 400);
    assert.match(e.errorCode ?? '', /^DMS\.004/);
    const q = await client.showQuotas({});
    const r = q.quotas.resources.find((x: { quota: number }) => x.quota === 1);
    assert.equal(r.used, 1);
    assert.equal((await client.listInstances({ engine: 'reliability', include_failure: 'true' })).instance_num, 1);
  });

  it('refuses a create when the broker port range is used up (DMS.00400055)', async () => {
    const h = await Hangar.start({ env: { HANGAR_BROKER_PORTS: brokerPortWindow(5) } });
    started.push(h);
    const client = huaweiClient(h.url);
    await client.createPostPaidInstance({ body: seedBody('ports-one') });
    const e = await sdkError(client.createPostPaidInstance({ body: seedBody('ports-two') }));
    assert.equal(e.httpStatusCode, 400);
    assert.equal(e.errorCode, 'DMS.00400055');
    assert.equal((await client.listInstances({ engine: 'reliability', include_failure: 'true' })).instance_num, 1);
  });

  it('refuses a create when the data dir has too little free disk (DMS.00400055)', async () => {
    const h = await Hangar.start({ env: { HANGAR_MIN_FREE_DISK_MB: String(1024 * 1024 * 1024) } });
    started.push(h);
    const client = huaweiClient(h.url);
    const e = await sdkError(client.createPostPaidInstance({ body: seedBody('no-disk') }));
    assert.equal(e.httpStatusCode, 400);
    assert.equal(e.errorCode, 'DMS.00400055');
    assert.equal((await client.listInstances({ engine: 'reliability', include_failure: 'true' })).instance_num, 0);
  });
});
