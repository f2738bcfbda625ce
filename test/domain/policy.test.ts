import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  evaluatePolicies,
  globMatches,
  parsePolicyDocument,
  parseStoredPolicy,
  policyActionName,
  toRamPolicy,
  resourceName,
  type PolicyDocument,
} from '../../src/domain/policy.js';
import { DomainError } from '../../src/domain/errors.js';

const doc = (statements: unknown): PolicyDocument => parsePolicyDocument(JSON.stringify({ Version: '1', Statement: statements }));
const arn = (id: string): string => resourceName({ region: 'local', accountId: 'p1', instanceId: id });

test('resource names follow the seed: acs:rocketmq:{region}:{account}:Instance/{id}', () => {
  assert.equal(arn('rmq-cn-abc'), 'acs:rocketmq:local:p1:Instance/rmq-cn-abc');
  assert.equal(resourceName({ region: 'local', accountId: 'p1' }), 'acs:rocketmq:local:p1:Instance/*');
  assert.equal(
    resourceName({ region: 'r', accountId: 'a', instanceId: 'i', child: { kind: 'Topic', name: 't' } }),
    'acs:rocketmq:r:a:Instance/i/Topic/t',
  );
});

test('parses string or array Action/Resource, a single Statement object, default Version', () => {
  const p = parsePolicyDocument(JSON.stringify({ Statement: { Effect: 'Allow', Action: 'rocketmq:Get*', Resource: '*' } }));
  assert.deepEqual(p, { version: '1', statements: [{ effect: 'Allow', actions: ['rocketmq:Get*'], resources: ['*'] }] });
  const q = doc([{ Effect: 'Deny', Action: ['rocketmq:DeleteInstance', '*'], Resource: ['acs:rocketmq:*:*:Instance/*'] }]);
  assert.equal(q.statements[0]!.actions.length, 2);
});

test('invalid documents are refused with InvalidParameter', () => {
  const bad = [
    'not json',
    '[]',
    '{"Version":"2","Statement":[]}',
    '{"Version":"1","Statement":[]}',
    '{"Version":"1"}',
    '{"Version":"1","Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}',
    '{"Version":"1","Statement":[{"Effect":"Allow","Resource":"*"}]}',
    '{"Version":"1","Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}',
    '{"Version":"1","Statement":[{"Effect":"Allow","Action":"CreateInstance","Resource":"*"}]}',
    '{"Version":"1","Statement":[{"Effect":"Allow","Action":"rocketmq:*","Resource":[1]}]}',
    '{"Version":"1","Statement":[{"Effect":"Allow","Action":"rocketmq:*","Resource":"*","Condition":{}}]}',
    '{"Version":"1","Statement":[{"Effect":"Allow","Action":"rocketmq:*","Resource":"*"}],"Extra":1}',
  ];
  for (const json of bad) {
    assert.throws(() => parsePolicyDocument(json), (e: unknown) => e instanceof DomainError && e.code === 'InvalidParameter', json);
  }
});

test('no policies means full access', () => {
  assert.deepEqual(evaluatePolicies([], 'instance:delete', arn('x')), { allowed: true });
});

test('allow by action wildcard, implicit deny otherwise', () => {
  const p = [doc([{ Effect: 'Allow', Action: 'rocketmq:Get*', Resource: '*' }])];
  assert.equal(evaluatePolicies(p, 'instance:get', arn('rmq-cn-a')).allowed, true);
  assert.equal(evaluatePolicies(p, 'rocketmq:GetTopic', arn('rmq-cn-a')).allowed, true);
  const d = evaluatePolicies(p, 'instance:create', arn('*'));
  assert.deepEqual(d, { allowed: false, reason: 'ImplicitDeny', action: 'rocketmq:CreateInstance', resource: arn('*') });
});

test('explicit deny wins over allow, in the same or another document', () => {
  const allowAll = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  const denyOne = doc([{ Effect: 'Deny', Action: 'rocketmq:DeleteInstance', Resource: arn('rmq-cn-keep') }]);
  assert.equal(evaluatePolicies([allowAll, denyOne], 'instance:delete', arn('rmq-cn-keep')).allowed, false);
  assert.equal(evaluatePolicies([allowAll, denyOne], 'instance:delete', arn('rmq-cn-other')).allowed, true);
  const d = evaluatePolicies([denyOne, allowAll], 'instance:delete', arn('rmq-cn-keep'));
  assert.equal(d.allowed === false && d.reason, 'ExplicitDeny');
});

test('resource wildcards: * and ? ; actions case-insensitive, resources not', () => {
  const p = [doc([{ Effect: 'Allow', Action: 'ROCKETMQ:getinstance', Resource: 'acs:rocketmq:*:p1:Instance/rmq-cn-a?c' }])];
  assert.equal(evaluatePolicies(p, 'instance:get', arn('rmq-cn-abc')).allowed, true);
  assert.equal(evaluatePolicies(p, 'instance:get', arn('rmq-cn-abbc')).allowed, false);
  assert.equal(evaluatePolicies(p, 'instance:get', arn('RMQ-CN-ABC')).allowed, false);
  assert.equal(evaluatePolicies(p, 'instance:get', resourceName({ region: 'x', accountId: 'p2', instanceId: 'rmq-cn-abc' })).allowed, false);
});

test('neutral action names map to policy actions; spelled ones pass through', () => {
  assert.equal(policyActionName('group:create'), 'rocketmq:CreateConsumerGroup');
  assert.equal(policyActionName('rocketmq:Foo'), 'rocketmq:Foo');
});

test('property: glob without wildcards is string equality; * matches everything', () => {
  const plain = fc.string({ maxLength: 20 }).filter((s) => !s.includes('*') && !s.includes('?'));
  fc.assert(fc.property(plain, plain, (a, b) => globMatches(a, b) === (a === b)));
  fc.assert(fc.property(fc.string(), (s) => globMatches('*', s)));
  fc.assert(fc.property(plain, plain, (a, b) => globMatches(`${a}*`, a + b)));
});

test('property: parse never throws anything but DomainError', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json()), (s) => {
      try {
        parsePolicyDocument(s);
      } catch (e) {
        assert.ok(e instanceof DomainError);
      }
    }),
  );
});

test('stored policies: the RAM JSON or a parsed document (as the CLI stores it) read the same', () => {
  const ram = { Version: '1', Statement: [{ Effect: 'Deny', Action: 'rocketmq:Delete*', Resource: '*' }] };
  const parsed = parsePolicyDocument(JSON.stringify(ram));
  assert.deepEqual(parseStoredPolicy(ram), parsed);
  assert.deepEqual(parseStoredPolicy(JSON.parse(JSON.stringify(parsed))), parsed);
  assert.deepEqual(parseStoredPolicy(JSON.stringify(parsed)), parsed);
  assert.deepEqual(parsePolicyDocument(JSON.stringify(toRamPolicy(parsed))), parsed);
  assert.throws(() => parseStoredPolicy({ statements: 'x' }), DomainError);
});
