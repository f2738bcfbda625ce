import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkResourceName, checkTagList } from '../../../src/api/alibaba/fields.js';
import { isIpOrCidr, Reader } from '../../../src/api/alibaba/read.js';
import { parseListInstances } from '../../../src/api/alibaba/list-instances.js';
import { parseUpdateInstance } from '../../../src/api/alibaba/update-instance.js';
import type { AlibabaAttributes } from '../../../src/api/alibaba/create-instance.js';
import { DomainError } from '../../../src/domain/errors.js';

const isInvalid = (f: () => unknown, field?: string): boolean => {
  try {
    f();
    return false;
  } catch (e) {
    return e instanceof DomainError && (field === undefined || e.field === field);
  }
};

test('topic and group names: 1-60 letters, digits, _ and -; reserved names and prefixes refused', () => {
  for (const ok of ['a', 'topic_test', 'GID-1', 'x'.repeat(60)]) assert.equal(checkResourceName(ok, 'topicName'), ok);
  for (const bad of ['', 'x'.repeat(61), 'a b', 'a.b', 'é', '%RETRY%g', '%DLQ%g', 'rmq_sys_a', 'RMQ_SYS_TRACE_TOPIC', 'TBW102', 'rocketmq-broker-a', 'x_REPLY_TOPIC']) {
    assert.ok(isInvalid(() => checkResourceName(bad, 'topicName'), 'topicName'), bad);
  }
  assert.throws(() => checkResourceName('bad!', 'consumerGroupId', 'InvalidConsumerGroupId'), (e: unknown) => e instanceof DomainError && e.dialectCode === 'InvalidConsumerGroupId');
  fc.assert(
    fc.property(fc.string({ maxLength: 70 }), (s) => {
      const valid = /^[A-Za-z0-9_-]{1,60}$/.test(s);
      if (!valid) assert.ok(isInvalid(() => checkResourceName(s, 'topicName')));
    }),
  );
});

test('IP or CIDR', () => {
  for (const ok of ['0.0.0.0/0', '10.0.0.1', '192.168.1.0/24', '255.255.255.255/32']) assert.ok(isIpOrCidr(ok), ok);
  for (const bad of ['', '256.0.0.1', '10.0.0/8', '10.0.0.0/33', '10.0.0.0/8/1', 'a.b.c.d', '01.2.3.4x']) assert.ok(!isIpOrCidr(bad), bad);
});

test('tags: at most 20, unique keys, no aliyun/acs: prefix', () => {
  assert.deepEqual(checkTagList([{ key: 'a', value: 'b' }, { key: 'c' }], 'tags'), [
    { key: 'a', value: 'b' },
    { key: 'c', value: '' },
  ]);
  assert.ok(isInvalid(() => checkTagList(Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: '' })), 'tags')));
  assert.ok(isInvalid(() => checkTagList([{ key: 'aliyun:x', value: '' }], 'tags')));
});

test('ListInstances query: pages clamped as documented, seriesCodes CSV, tags JSON', () => {
  assert.deepEqual(parseListInstances({}), { pageNumber: 1, pageSize: 10 });
  assert.deepEqual(parseListInstances({ pageNumber: '0', pageSize: '1000' }), { pageNumber: 1, pageSize: 200 });
  assert.deepEqual(parseListInstances({ pageSize: '3' }).pageSize, 10);
  assert.deepEqual(parseListInstances({ seriesCodes: 'standard,professional' }).seriesCodes, ['standard', 'professional']);
  assert.deepEqual(parseListInstances({ tags: '[{"key":"rmq-test","value":"test"}]' }).tags, [{ key: 'rmq-test', value: 'test' }]);
  assert.ok(isInvalid(() => parseListInstances({ tags: 'not json' }), 'tags'));
  assert.ok(isInvalid(() => parseListInstances({ seriesCodes: 'gold' }), 'seriesCodes'));
  assert.ok(isInvalid(() => parseListInstances({ pageNumber: 'x' }), 'pageNumber'));
});

test('UpdateInstance: only its fields; sendReceiveRatio 0.25-1; autoScaling needs an edition that has it', () => {
  const current: AlibabaAttributes = {
    seriesCode: 'standard',
    subSeriesCode: 'cluster_ha',
    paymentType: 'PayAsYouGo',
    msgProcessSpec: 'rmq.s2.2xlarge',
    sendReceiveRatio: 0.5,
    autoScaling: false,
    supportAutoScaling: false,
    internetInfo: { internetSpec: 'enable', flowOutType: 'payByTraffic', ipWhitelist: [] },
    aclInfo: { defaultVpcAuthFree: false, aclTypes: ['default'] },
  };
  assert.deepEqual(parseUpdateInstance({}, current), {});
  const cmd = parseUpdateInstance({ instanceName: 'n', remark: 'r', productInfo: { sendReceiveRatio: 1, messageRetentionTime: 24 } }, current);
  assert.equal(cmd.name, 'n');
  assert.equal(cmd.description, 'r');
  assert.equal(cmd.messageRetentionHours, 24);
  assert.equal((cmd.attributes?.['alibaba'] as AlibabaAttributes).sendReceiveRatio, 1);
  assert.equal((cmd.attributes?.['alibaba'] as AlibabaAttributes).internetInfo.internetSpec, 'enable');
  assert.ok(isInvalid(() => parseUpdateInstance({ productInfo: { sendReceiveRatio: 0.2 } }, current), 'productInfo.sendReceiveRatio'));
  assert.ok(isInvalid(() => parseUpdateInstance({ productInfo: { autoScaling: true } }, current), 'productInfo.autoScaling'));
  assert.ok(isInvalid(() => parseUpdateInstance({ networkInfo: { internetInfo: { ipWhitelist: ['x'] } } }, current), 'networkInfo.internetInfo.ipWhitelist[0]'));
});

test('query readers parse numbers and booleans from text; bodies do not', () => {
  const q = Reader.query({ n: '5', b: 'true', e: '' });
  assert.equal(q.integer('n'), 5);
  assert.equal(q.boolean('b'), true);
  assert.equal(q.integer('e'), undefined);
  assert.ok(isInvalid(() => new Reader({ n: '5' }).integer('n'), 'n'));
});
