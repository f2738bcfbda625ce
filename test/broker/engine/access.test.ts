// The engine's access decisions, one rule per case: who is let in (authenticate) and what they may do (authorize).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AccessControl, SYSTEM, type Credential } from '../../../src/broker/engine/access.js';
import { ACCESS_FILE } from '../../../src/broker/engine/engine.js';
import type { AccessPolicy, BrokerUser } from '../../../src/domain/access.js';
import { aesKeyOf, sealSecret } from '../../../src/domain/sealed-secret.js';
import { openEngine } from './engine-harness.js';

const KEY = 'broker-key';
const sealed = (secret: string): string => sealSecret(aesKeyOf(KEY), secret);
const user = (username: string, over: Partial<BrokerUser> = {}): BrokerUser => ({
  username, secretSealed: sealed(`${username}-secret`), enabled: true, admin: false, topicPerms: [], groupPerms: [], ...over,
});
/** A credential signed the way both protocols sign: HMAC-SHA1 over some content with the secret. */
const cred = (accessKey: string, secret: string, content = 'x'): Credential => {
  const sig = crypto.createHmac('sha1', secret).update(content).digest('hex');
  return { accessKey, verify: (s) => crypto.createHmac('sha1', s).update(content).digest('hex') === sig };
};
const peer = (address = '10.0.0.5', endpoint: 'private' | 'public' = 'private') => ({ address, endpoint });
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

const open = (policy: Partial<AccessPolicy>): AccessControl => {
  const ac = new AccessControl(aesKeyOf(KEY));
  ac.apply({ enabled: true, anonymousOnPrivate: false, users: [], acls: [], ...policy });
  return ac;
};

describe('engine access control', () => {
  it('off: anyone, with or without credentials, may do anything', () => {
    const ac = new AccessControl(undefined);
    const who = ac.authenticate(undefined, peer());
    assert.equal(who.unrestricted, true);
    assert.equal(code(() => ac.authorize(who, 'topic', 'T', 'pub')), undefined);
  });

  it('on: no credentials, an unknown key, a wrong secret or a disabled user are UNAUTHORIZED', () => {
    const ac = open({ users: [user('alice'), user('off', { enabled: false })] });
    assert.equal(code(() => ac.authenticate(undefined, peer())), 'UNAUTHORIZED');
    assert.equal(code(() => ac.authenticate(cred('bob', 'x'), peer())), 'UNAUTHORIZED');
    assert.equal(code(() => ac.authenticate(cred('alice', 'wrong'), peer())), 'UNAUTHORIZED');
    assert.equal(code(() => ac.authenticate(cred('off', 'off-secret'), peer())), 'UNAUTHORIZED');
    assert.equal(ac.authenticate(cred('alice', 'alice-secret'), peer()).username, 'alice');
  });

  it('anonymous clients get in on the private endpoint only when the instance allows it (defaultVpcAuthFree)', () => {
    const ac = open({ anonymousOnPrivate: true });
    assert.equal(ac.authenticate(undefined, peer()).unrestricted, true);
    assert.equal(code(() => ac.authenticate(undefined, peer('10.0.0.5', 'public'))), 'UNAUTHORIZED');
  });

  it("Huawei permissions: a resource's own permission, else the default, else DENY; admins may do everything", () => {
    const ac = open({
      users: [
        user('p', { topicPerms: [{ name: 'T', perm: 'PUB' }], defaultTopicPerm: 'SUB', groupPerms: [{ name: 'G', perm: 'SUB' }] }),
        user('root', { admin: true }),
      ],
    });
    const p = ac.authenticate(cred('p', 'p-secret'), peer());
    assert.equal(code(() => ac.authorize(p, 'topic', 'T', 'pub')), undefined);
    assert.equal(code(() => ac.authorize(p, 'topic', 'T', 'sub')), 'FORBIDDEN');
    assert.equal(code(() => ac.authorize(p, 'topic', 'Other', 'sub')), undefined, 'default SUB');
    assert.equal(code(() => ac.authorize(p, 'topic', 'Other', 'pub')), 'FORBIDDEN');
    assert.equal(code(() => ac.authorize(p, 'group', 'G', 'sub')), undefined);
    assert.equal(code(() => ac.authorize(p, 'group', 'H', 'sub')), 'FORBIDDEN', 'no default group perm: DENY');
    const root = ac.authenticate(cred('root', 'root-secret'), peer());
    assert.equal(code(() => ac.authorize(root, 'topic', 'Anything', 'pub')), undefined);
  });

  it('Alibaba ACL entries: default deny, deny beats allow, ipWhitelists that exclude the client refuse', () => {
    const ac = open({
      users: [user('a')],
      acls: [
        { username: 'a', resourceType: 'topic', resourceName: 'T', actions: ['pub', 'sub'], decision: 'allow', ipWhitelist: [] },
        { username: 'a', resourceType: 'topic', resourceName: 'T', actions: ['sub'], decision: 'deny', ipWhitelist: ['10.0.0.0/24'] },
        { username: 'a', resourceType: 'topic', resourceName: 'Near', actions: ['pub'], decision: 'allow', ipWhitelist: ['192.168.1.0/24'] },
      ],
    });
    const inside = ac.authenticate(cred('a', 'a-secret'), peer('10.0.0.5'));
    const outside = ac.authenticate(cred('a', 'a-secret'), peer('172.16.0.1'));
    assert.equal(code(() => ac.authorize(inside, 'topic', 'T', 'pub')), undefined);
    assert.equal(code(() => ac.authorize(inside, 'topic', 'T', 'sub')), 'FORBIDDEN', 'deny beats allow');
    assert.equal(code(() => ac.authorize(outside, 'topic', 'T', 'sub')), undefined, 'the deny entry does not apply there');
    assert.equal(code(() => ac.authorize(inside, 'topic', 'Near', 'pub')), 'FORBIDDEN', 'whitelist excludes the client');
    assert.equal(code(() => ac.authorize(ac.authenticate(cred('a', 'a-secret'), peer('192.168.1.9')), 'topic', 'Near', 'pub')), undefined);
    assert.equal(code(() => ac.authorize(inside, 'topic', 'Unlisted', 'pub')), 'FORBIDDEN', 'default deny');
  });

  it('white_remote_address (ACL 1.0): a request naming the user from a matching address needs no signature or permission', () => {
    const ac = open({ users: [user('w', { whiteRemoteAddress: '10.0.*.1-10' })] });
    const who = ac.authenticate(cred('w', 'not-the-secret'), peer('10.0.3.7'));
    assert.equal(who.unrestricted, true);
    assert.equal(code(() => ac.authenticate(cred('w', 'not-the-secret'), peer('10.0.3.11'))), 'UNAUTHORIZED');
    assert.equal(code(() => ac.authenticate(cred('w', 'not-the-secret'), peer('::ffff:10.0.3.7'))), undefined, 'IPv4 on a dual-stack socket');
  });

  it('a new policy applies to the next request of an identity checked before; a bad one is refused whole', () => {
    const ac = open({ users: [user('u', { topicPerms: [{ name: 'T', perm: 'PUB' }] })] });
    const c = { ...cred('u', 'u-secret'), cacheKey: 'header-1' };
    const before = ac.authenticate(c, peer());
    assert.equal(code(() => ac.authorize(before, 'topic', 'T', 'pub')), undefined);
    ac.apply({ ...ac.policy, users: [user('u', { topicPerms: [{ name: 'T', perm: 'DENY' }] })] });
    assert.equal(code(() => ac.authorize(before, 'topic', 'T', 'pub')), 'FORBIDDEN');
    assert.equal(code(() => ac.apply({ ...ac.policy, users: [{ ...user('x'), secretSealed: sealSecret(aesKeyOf('other key'), 's') }] })), 'INVALID_METADATA');
    assert.equal(ac.policy.users[0]!.username, 'u', 'the old policy stays');
    assert.equal(code(() => ac.authorize(SYSTEM, 'topic', 'T', 'pub')), undefined, 'the broker itself is never checked');
  });

  it('a cached signature is trusted only for the user that produced it', () => {
    const ac = open({ users: [user('u'), user('v')] });
    ac.authenticate({ ...cred('u', 'u-secret'), cacheKey: 'k' }, peer());
    assert.equal(code(() => ac.authenticate({ accessKey: 'v', verify: () => false, cacheKey: 'k' }, peer())), 'UNAUTHORIZED');
  });
});

describe('engine access policy', () => {
  it('a refused policy leaves the one in force; the applied one survives a restart, secrets sealed on disk', async () => {
    const fx = await openEngine({ secretsKey: KEY, initialAccess: { enabled: true, anonymousOnPrivate: false, users: [], acls: [] } });
    try {
      assert.equal(code(() => fx.engine.authenticate(undefined, peer())), 'UNAUTHORIZED', 'closed before any policy');
      await fx.engine.applyAccess({ enabled: true, anonymousOnPrivate: false, users: [user('alice')], acls: [] });
      assert.equal(fx.engine.authenticate(cred('alice', 'alice-secret'), peer()).username, 'alice');
      const foreign = { ...user('mallory'), secretSealed: sealSecret(aesKeyOf('another key'), 'x') };
      await assert.rejects(fx.engine.applyAccess({ enabled: false, anonymousOnPrivate: true, users: [foreign], acls: [] }), /INVALID_METADATA|sealed/);
      assert.equal(code(() => fx.engine.authenticate(undefined, peer())), 'UNAUTHORIZED', 'the refused policy changed nothing');
      const onDisk = await fs.readFile(path.join(fx.dir, ACCESS_FILE), 'utf8');
      assert.ok(!onDisk.includes('alice-secret'), 'no secret in plain text');
      const again = await fx.reopen();
      assert.equal(again.authenticate(cred('alice', 'alice-secret'), peer()).username, 'alice');
      assert.equal(code(() => again.authenticate(undefined, peer())), 'UNAUTHORIZED');
    } finally {
      await fx.cleanup();
    }
  });
});
