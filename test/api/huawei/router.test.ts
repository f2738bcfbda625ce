import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RawRouter } from '../../../src/api/huawei/router.js';

describe('RawRouter', () => {
  const r = new RawRouter<string>()
    .add('POST', '/v2/{project_id}/instances', 'create')
    .add('POST', '/v2/{engine}/{project_id}/instances', 'createByEngine')
    .add('POST', '/v2/{project_id}/rocketmq/instances', 'createForRocketMq')
    .add('GET', '/v2/{project_id}/instances/{instance_id}', 'show')
    .add('POST', '/v2/{project_id}/instances/action', 'batch')
    .add('DELETE', '/v2/{project_id}/instances/{instance_id}/topics/{topic}', 'deleteTopic');

  it('takes path segments verbatim: % and | are not decoded, %20 becomes a space', () => {
    const m = r.match('DELETE', '/v2/p/instances/i/topics/a|b%c%2F%20x').found;
    assert.equal(m?.handler, 'deleteTopic');
    assert.equal(m?.params.topic, 'a|b%c%2F x');
  });

  it('prefers literal segments and restricts {engine} to rocketmq|reliability', () => {
    assert.equal(r.match('POST', '/v2/p1/rocketmq/instances').found?.handler, 'createForRocketMq');
    assert.equal(r.match('POST', '/v2/reliability/p1/instances').found?.handler, 'createByEngine');
    assert.equal(r.match('POST', '/v2/kafka/p1/instances').found, undefined);
    assert.equal(r.match('POST', '/v2/p1/instances/action').found?.handler, 'batch');
    assert.equal(r.match('POST', '/v2/p1/instances/').found?.handler, 'create');
  });

  it('tells a wrong method from an unknown path', () => {
    assert.equal(r.match('PUT', '/v2/p/instances/action').methodMismatch, true);
    assert.equal(r.match('PATCH', '/v2/p/instances/x').methodMismatch, true);
    assert.equal(r.match('GET', '/v2/p/nothing/here').methodMismatch, false);
  });
});
