import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateRouter } from '../../../src/api/http/router.js';
import { HUAWEI_PATH_RULES } from '../../../src/api/huawei/router.js';
import { ALIBABA_PATH_RULES } from '../../../src/api/alibaba/router.js';

describe('TemplateRouter', () => {
  const r = new TemplateRouter<string>()
    .add('GET', '/a/{x}', 'param')
    .add('GET', '/a/b', 'literal')
    .add('GET', '/a/{x}/c/{y}', 'two')
    .add('DELETE', '/a/{x}/c/{y}', 'deleteTwo')
    .add('GET', '/{p}/{q}', 'allParams');

  it('takes raw segments verbatim by default: nothing is decoded, an encoded / stays in its segment', () => {
    const m = r.match('GET', '/a/x%2Fy|%zz/c/%20é').found;
    assert.equal(m?.handler, 'two');
    assert.deepEqual(m?.params, { x: 'x%2Fy|%zz', y: '%20é' });
  });

  it('prefers more literal segments, then the first added', () => {
    assert.equal(r.match('GET', '/a/b').found?.handler, 'literal');
    assert.equal(r.match('GET', '/a/z').found?.handler, 'param');
    assert.equal(r.match('GET', '/z/z').found?.handler, 'allParams');
    const tie = new TemplateRouter<string>().add('GET', '/{a}', 'first').add('GET', '/{b}', 'second');
    assert.equal(tie.match('GET', '/v').found?.handler, 'first');
  });

  it('compares only templates of the same segment count; one trailing slash is dropped', () => {
    assert.equal(r.match('GET', '/a/b/c').found, undefined);
    assert.equal(r.match('GET', '/a').found, undefined);
    assert.equal(r.match('GET', '/a/b/').found?.handler, 'literal');
    assert.equal(r.match('GET', '/a//c/y').found, undefined, 'an empty segment binds no parameter');
  });

  it('tells a wrong method from an unknown path', () => {
    assert.deepEqual(r.match('PUT', '/a/x/c/y'), { methodMismatch: true });
    assert.deepEqual(r.match('PUT', '/nothing/here/at/all'), { methodMismatch: false });
    assert.equal(r.match('DELETE', '/a/x/c/y').found?.handler, 'deleteTwo');
  });

  it('Huawei rules: verbatim except %20, {engine} only rocketmq or reliability', () => {
    const h = new TemplateRouter<string>(HUAWEI_PATH_RULES)
      .add('GET', '/v2/{engine}/{project_id}/instances/{instance_id}', 'show')
      .add('DELETE', '/v2/{project_id}/instances/{instance_id}/topics/{topic}', 'deleteTopic');
    assert.deepEqual(h.match('GET', '/v2/rocketmq/p/instances/i').found?.params, { engine: 'rocketmq', project_id: 'p', instance_id: 'i' });
    assert.equal(h.match('GET', '/v2/kafka/p/instances/i').found, undefined);
    assert.equal(h.match('DELETE', '/v2/p/instances/i/topics/%25a%7Cb%20c|d').found?.params['topic'], '%25a%7Cb c|d');
  });

  it('Alibaba rules: parameters percent-decoded after matching, malformed escapes kept, empty segments ignored', () => {
    const a = new TemplateRouter<string>(ALIBABA_PATH_RULES)
      .add('GET', '/instances/{instanceId}', 'get')
      .add('GET', '/instances/{instanceId}/topics/{topicName}', 'topic');
    assert.deepEqual(a.match('GET', '/instances/a%2Fb').found?.params, { instanceId: 'a/b' });
    assert.equal(a.match('GET', '/instances/a%2Fb/topics/t').found?.params['topicName'], 't');
    assert.equal(a.match('GET', '/instances/%E0%A4%A').found?.params['instanceId'], '%E0%A4%A');
    assert.equal(a.match('GET', '//instances//x/').found?.params['instanceId'], 'x');
  });
});
