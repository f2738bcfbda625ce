import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessDeniedError, authorize } from '../../src/service/authorize.js';
import type { Caller } from '../../src/service/caller.js';

const caller = (policy?: unknown): Caller => ({ tenantId: 'proj1', accessKey: 'AK1', policy, dialect: 'alibaba', requestId: 'r' });

test('no policy: full access', () => {
  authorize(caller(), 'rocketmq:DeleteInstance', { instanceId: 'rmq-cn-a' });
});

test('a deny statement refuses with what was denied; others pass', () => {
  const policy = {
    Version: '1',
    Statement: [
      { Effect: 'Allow', Action: 'rocketmq:*', Resource: '*' },
      { Effect: 'Deny', Action: 'rocketmq:DeleteInstance', Resource: 'acs:rocketmq:*:proj1:Instance/rmq-cn-keep' },
    ],
  };
  authorize(caller(policy), 'rocketmq:DeleteInstance', { instanceId: 'rmq-cn-other' });
  authorize(caller(policy), 'instance:get', { instanceId: 'rmq-cn-keep' });
  assert.throws(
    () => authorize(caller(policy), 'rocketmq:DeleteInstance', { instanceId: 'rmq-cn-keep', region: 'local' }),
    (e: unknown) => {
      assert.ok(e instanceof AccessDeniedError);
      assert.equal(e.code, 'Forbidden');
      assert.deepEqual(e.denied, {
        action: 'rocketmq:DeleteInstance',
        resource: 'acs:rocketmq:local:proj1:Instance/rmq-cn-keep',
        reason: 'ExplicitDeny',
        principal: 'AK1',
      });
      return true;
    },
  );
});

test('read-only policy: creates are implicitly denied', () => {
  const policy = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['rocketmq:Get*', 'rocketmq:List*'], Resource: '*' }] };
  authorize(caller(policy), 'rocketmq:ListInstances');
  assert.throws(() => authorize(caller(policy), 'rocketmq:CreateInstance'), (e: unknown) => e instanceof AccessDeniedError && e.denied.reason === 'ImplicitDeny');
});

test('a stored policy that does not parse grants nothing', () => {
  assert.throws(() => authorize(caller({ Statement: 'nonsense' }), 'rocketmq:GetInstance'), AccessDeniedError);
});

test('resource names use the caller region (set by the dialects from HANGAR_REGION)', () => {
  const policy = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'rocketmq:*', Resource: 'acs:rocketmq:cn-test:proj1:Instance/*' }] };
  const inRegion = { ...caller(policy), region: 'cn-test' } as Caller;
  authorize(inRegion, 'rocketmq:GetInstance', { instanceId: 'rmq-cn-a' });
  const elsewhere = { ...caller(policy), region: 'other' } as Caller;
  assert.throws(() => authorize(elsewhere, 'rocketmq:GetInstance', { instanceId: 'rmq-cn-a' }), AccessDeniedError);
});

test('a policy stored as the CLI stores it (the parsed document) is obeyed', async () => {
  const { parsePolicyDocument } = await import('../../src/domain/policy.js');
  const stored = JSON.parse(JSON.stringify(parsePolicyDocument(JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'rocketmq:Get*', Resource: '*' }] }))));
  authorize(caller(stored), 'rocketmq:GetInstance', { instanceId: 'rmq-cn-a' });
  assert.throws(() => authorize(caller(stored), 'rocketmq:DeleteInstance', { instanceId: 'rmq-cn-a' }), AccessDeniedError);
});
