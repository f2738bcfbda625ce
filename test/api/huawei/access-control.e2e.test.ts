// End-to-end: a Huawei instance with enable_acl, its users made through the official SDK, enforced by its broker for the
// official 5.x client and ali-ons: right credentials in, wrong or missing ones refused (40100 / NO_PERMISSION), a user
// without the permission refused (40300), permissions changed through the API applied to a connected client, a user's
// white_remote_address letting it in as Apache ACL 1.0 does, and nothing stored for any refused request.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Producer } from 'rocketmq-client-nodejs';
import { signedContent } from '../../../src/broker/protocol/remoting/auth.js';
import { RequestCode, ResponseCode } from '../../../src/broker/protocol/remoting/codes.js';
import { encodeProperties } from '../../../src/broker/protocol/remoting/properties.js';
import { closeOnsDefaultProducer, ons, onsClientOptions } from '../../broker/protocol/remoting/harness.js';
import { RawClient } from '../../broker/protocol/remoting/raw-client.js';
import { eventually, Hangar } from '../../helpers/hangar.js';
import { huaweiClient, sdkError, seedBody } from '../../helpers/huawei-sdk.js';
import { newProducer, receiveAll, sessionCredentials, shutdownQuietly, statusCodeOf } from '../../helpers/rocketmq-client.js';


describe('access control on a Huawei instance (enable_acl), both protocols', () => {
  let h: Hangar;
  let client: any;
  let instance_id: string;
  let shown: { grpc_address: string; namesrv_address: string; broker_address: string };
  const producers: Producer[] = [];

  /** A started 5.x producer of T_ACL (startup itself is refused without valid credentials). */
  const producer = async (extra: Record<string, unknown>): Promise<Producer> => {
    const p = newProducer(shown.grpc_address, ['T_ACL'], extra);
    producers.push(p);
    await p.startup();
    return p;
  };

  const drain = (group: string, topic: string, extra: Record<string, unknown>): Promise<string[]> => receiveAll(shown.grpc_address, group, topic, extra);
  const admin = sessionCredentials('auditor01', 'Auditor#secret1');

  const onsOptions = (accessKeyId: string, accessKeySecret: string, extra: Record<string, unknown>): Record<string, unknown> =>
    onsClientOptions(shown.namesrv_address, { accessKeyId, accessKeySecret, ...extra });


  before(async () => {
    h = await Hangar.start();
    client = huaweiClient(h.url);
    ({ instance_id } = await client.createPostPaidInstance({ body: { ...seedBody('acl-on'), enable_acl: true } }));
    shown = await eventually(async () => {
      const s = await client.showInstance({ instance_id });
      return s.status === 'RUNNING' ? s : undefined;
    });
    for (const name of ['T_ACL', 'T_OTHER']) await client.createTopicOrBatchDeleteTopic({ instance_id, body: { name, queue_num: 2 } });
    for (const name of ['CG_ACL', 'CG_OTHER', 'CG_AUDIT']) await client.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id, body: { name } });
  });
  after(async () => {
    for (const p of producers) await shutdownQuietly(p);
    await closeOnsDefaultProducer();
    await h?.destroy();
  });

  it('shows enable_acl, and manages users through the SDK (the secret only in the create answer)', async () => {
    assert.equal((await client.showInstance({ instance_id })).enable_acl, true);
    const created = await client.createUser({
      instance_id,
      body: { access_key: 'producer01', secret_key: 'Producer#secret1', topic_perms: [{ name: 'T_ACL', perm: 'PUB' }], default_topic_perm: 'DENY' },
    });
    assert.equal(created.access_key, 'producer01');
    assert.equal(created.secret_key, 'Producer#secret1');
    await client.createUser({
      instance_id,
      body: { access_key: 'consumer01', secret_key: 'Consumer#secret1', topic_perms: [{ name: 'T_ACL', perm: 'SUB' }], group_perms: [{ name: 'CG_ACL', perm: 'SUB' }] },
    });
    await client.createUser({ instance_id, body: { access_key: 'auditor01', secret_key: 'Auditor#secret1', admin: true } });
    await client.createUser({ instance_id, body: { access_key: 'trusted01', secret_key: 'Trusted#secret1', white_remote_address: '127.0.0.*' } });

    const shownUser = await client.showUser({ instance_id, user_name: 'producer01' });
    assert.equal(shownUser.secret_key, undefined);
    assert.deepEqual(shownUser.topic_perms, [{ name: 'T_ACL', perm: 'PUB' }]);
    assert.equal(shownUser.default_topic_perm, 'DENY');
    const listed = await client.listUser({ instance_id });
    assert.equal(listed.total, 4);
    assert.ok(listed.users.every((u: { secret_key?: string }) => u.secret_key === undefined));

    const policies = await client.listTopicAccessPolicy({ instance_id, topic: 'T_ACL' });
    assert.deepEqual(
      policies.policies.map((p: { access_key: string; perm: string }) => [p.access_key, p.perm]).sort(),
      [['auditor01', 'PUB|SUB'], ['consumer01', 'SUB'], ['producer01', 'PUB']],
    );
    const groupPolicies = await client.listConsumeGroupAccessPolicyForRocketMq({ instance_id, group: 'CG_ACL' });
    assert.deepEqual(groupPolicies.policies.map((p: { access_key: string }) => p.access_key).sort(), ['auditor01', 'consumer01']);

    const bad = await sdkError(client.createUser({ instance_id, body: { access_key: 'x', secret_key: 'Short#1' } }));
    assert.equal(bad.httpStatusCode, 400);
    assert.match(bad.errorMsg ?? '', /access_key/);
  });

  it('5.x: right credentials send; wrong secret, unknown key and no credentials are refused with 40100', async () => {
    const p = await producer(sessionCredentials('producer01', 'Producer#secret1'));
    await p.send({ topic: 'T_ACL', body: Buffer.from('allowed-1'), tag: 'a' });
    for (const extra of [sessionCredentials('producer01', 'wrong-secret'), sessionCredentials('nobody00', 'Whatever#1'), {}]) {
      await assert.rejects(producer(extra), (e) => statusCodeOf(e) === 40100);
    }
  });

  it('5.x: a topic without PUB and a group without SUB are refused with 40300; nothing refused is stored', async () => {
    const p = await producer(sessionCredentials('producer01', 'Producer#secret1'));
    await assert.rejects(p.send({ topic: 'T_OTHER', body: Buffer.from('denied'), tag: 'a' }), (e) => statusCodeOf(e) === 40300);
    // consumer01 may read T_ACL but only through CG_ACL.
    await assert.rejects(drain('CG_OTHER', 'T_ACL', sessionCredentials('consumer01', 'Consumer#secret1')), (e) => statusCodeOf(e) === 40300);
    // producer01 has no SUB on T_ACL.
    await assert.rejects(drain('CG_ACL', 'T_ACL', sessionCredentials('producer01', 'Producer#secret1')), (e) => statusCodeOf(e) === 40300);
    assert.deepEqual(await drain('CG_ACL', 'T_ACL', sessionCredentials('consumer01', 'Consumer#secret1')), ['allowed-1']);
    assert.deepEqual(await drain('CG_AUDIT', 'T_OTHER', admin), [], 'the refused send left nothing');
  });

  it('permissions changed through the API apply to a connected client at once, both ways', async () => {
    const p = await producer(sessionCredentials('producer01', 'Producer#secret1'));
    await assert.rejects(p.send({ topic: 'T_OTHER', body: Buffer.from('before'), tag: 'a' }), (e) => statusCodeOf(e) === 40300);
    await client.updateUser({ instance_id, user_name: 'producer01', body: { topic_perms: [{ name: 'T_ACL', perm: 'PUB' }, { name: 'T_OTHER', perm: 'PUB' }] } });
    await p.send({ topic: 'T_OTHER', body: Buffer.from('granted'), tag: 'a' });
    await client.updateUser({ instance_id, user_name: 'producer01', body: { topic_perms: [{ name: 'T_ACL', perm: 'PUB' }] } });
    await assert.rejects(p.send({ topic: 'T_OTHER', body: Buffer.from('revoked'), tag: 'a' }), (e) => statusCodeOf(e) === 40300);
    await client.deleteUser({ instance_id, user_name: 'producer01' });
    await assert.rejects(p.send({ topic: 'T_ACL', body: Buffer.from('deleted'), tag: 'a' }), (e) => statusCodeOf(e) === 40100);
    assert.deepEqual(await drain('CG_AUDIT', 'T_OTHER', admin), ['granted']);
    await client.createUser({
      instance_id,
      body: { access_key: 'producer01', secret_key: 'Producer#secret1', topic_perms: [{ name: 'T_ACL', perm: 'PUB' }] },
    });
  });

  it('a matching white_remote_address lets its user in without checking signature or permissions (ACL 1.0)', async () => {
    const p = await producer(sessionCredentials('trusted01', 'not-the-secret'));
    await p.send({ topic: 'T_OTHER', body: Buffer.from('trusted'), tag: 'a' });
    await client.updateUser({ instance_id, user_name: 'trusted01', body: { white_remote_address: '10.0.0.*' } });
    await assert.rejects(p.send({ topic: 'T_OTHER', body: Buffer.from('not-any-more'), tag: 'a' }), (e) => statusCodeOf(e) === 40100);
    assert.deepEqual(await drain('CG_AUDIT', 'T_OTHER', admin), ['trusted']);
  });

  it('4.x: right credentials send and consume (ali-ons); no credentials, a wrong secret or a topic without PUB get NO_PERMISSION', async () => {
    const good = new ons.Producer(onsOptions('producer01', 'Producer#secret1', { producerGroup: 'PG_ACL' }));
    await good.ready();
    assert.equal((await good.send(new ons.Message('T_ACL', 'four', 'four-allowed'))).sendStatus, 'SEND_OK');
    // ali-ons retries and then reports only that the send failed (the broker's answer is NO_PERMISSION, 16).
    await assert.rejects(good.send(new ons.Message('T_OTHER', 'four', 'four-denied')), /still failed/);
    await good.close();

    // A raw 4.x client (Hangar's own codec) sees the broker's answer that ali-ons hides behind its retries.
    const raw = await RawClient.connect(shown.broker_address);
    try {
      const send = (ext: Record<string, string>, body: string) => raw.request(RequestCode.SEND_MESSAGE_V2, ext, Buffer.from(body));
      const header = { a: 'PG_RAW', b: 'T_ACL', c: 'TBW102', d: '4', e: '0', f: '0', g: String(Date.now()), h: '0', i: encodeProperties({ TAGS: 'raw' }), j: '0', k: 'false' };
      const signed = (secret: string, body: string) => {
        const ext: Record<string, string> = { ...header, AccessKey: 'producer01' };
        return { ...ext, Signature: crypto.createHmac('sha1', secret).update(signedContent(ext, Buffer.from(body))).digest('base64') };
      };
      const none = await send(header, 'raw-anonymous');
      assert.equal(none.code, ResponseCode.NO_PERMISSION);
      assert.match(none.remark ?? '', /no credentials/);
      const wrong = await send(signed('wrong-secret', 'raw-wrong'), 'raw-wrong');
      assert.equal(wrong.code, ResponseCode.NO_PERMISSION);
      assert.match(wrong.remark ?? '', /signature of access key producer01 does not match/);
      assert.equal((await send(signed('Producer#secret1', 'raw-right'), 'raw-right')).code, ResponseCode.SUCCESS);
    } finally {
      raw.close();
    }

    const consumer = new ons.Consumer(onsOptions('consumer01', 'Consumer#secret1', { consumerGroup: 'CG_ACL', consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }));
    const got = new Set<string>();
    consumer.subscribe('T_ACL', '*', async (msg: { body: Buffer }) => {
      got.add(msg.body.toString());
    });
    await consumer.ready();
    try {
      await eventually(() => got.has('four-allowed') && got.has('raw-right'), 30_000);
      assert.ok(!got.has('raw-wrong') && !got.has('raw-anonymous'));
    } finally {
      await consumer.close();
    }
    assert.deepEqual(await drain('CG_AUDIT', 'T_OTHER', admin), [], 'the refused 4.x send left nothing');
  });

  it('users on an instance without access control: 400 naming enable_acl; the instance stays open', async () => {
    const { instance_id: open } = await client.createPostPaidInstance({ body: seedBody('acl-off') });
    const e = await sdkError(client.createUser({ instance_id: open, body: { access_key: 'someone1', secret_key: 'Someone#secret1' } }));
    assert.equal(e.httpStatusCode, 400);
    assert.match(e.errorCode ?? '', /^DMS\./);
    assert.match(e.errorMsg ?? '', /enable_acl/);
  });
});
