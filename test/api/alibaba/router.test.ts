import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlibabaRouter } from '../../../src/api/alibaba/router.js';
import { OPERATIONS, type OperationSpec } from '../../../src/api/alibaba/operations.js';

const router = new AlibabaRouter<OperationSpec>();
for (const op of OPERATIONS) router.add(op.method, op.path, op);
const action = (method: string, path: string) => router.match(method, path)?.handler.action;

test('all 69 operations, each reachable by its method and path', () => {
  assert.equal(OPERATIONS.length, 69);
  assert.equal(new Set(OPERATIONS.map((o) => o.action)).size, 69);
  for (const op of OPERATIONS) {
    const path = op.path.replace(/\{[^}]+\}/g, 'x1');
    assert.equal(action(op.method, path), op.action, `${op.method} ${path}`);
  }
});

test('singular/plural look-alikes and literal segments win over parameters', () => {
  assert.equal(action('GET', '/instances/rmq-cn-a/account'), 'GetInstanceAccount');
  assert.equal(action('GET', '/instances/rmq-cn-a/accounts'), 'ListInstanceAccount');
  assert.equal(action('GET', '/instances/rmq-cn-a/ip/whitelist'), 'ListInstanceIpWhitelist');
  assert.equal(action('GET', '/instances/rmq-cn-a/ip/whitelists'), 'GetInstanceIpWhitelist');
  assert.equal(action('GET', '/instances/rmq-cn-a/topics/t/subscriptions'), 'ListTopicSubscriptions');
  assert.equal(action('PUT', '/instances'), undefined);
  assert.equal(action('GET', '/nothing/here'), undefined);
});

test('path parameters are percent-decoded after matching', () => {
  const m = router.match('GET', '/instances/rmq-cn-a/topics/t%25%2Ax*y%27(z)!~%20%2B%C3%A9');
  assert.equal(m?.handler.action, 'GetTopic');
  assert.deepEqual(m?.params, { instanceId: 'rmq-cn-a', topicName: "t%*x*y'(z)!~ +é" });
  assert.equal(router.match('GET', '/instances/a%2Fb')?.params['instanceId'], 'a/b');
});
