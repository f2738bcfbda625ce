import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alibabaError, notImplemented } from '../../../src/api/alibaba/errors.js';
import { DomainError, invalid, missing, notFound } from '../../../src/domain/errors.js';

test('envelope has every field with the SDK types', () => {
  const r = alibabaError(notFound('instance', 'rmq-cn-x'), 'RID');
  assert.deepEqual(r, {
    status: 404,
    body: {
      requestId: 'RID',
      success: false,
      code: 'Instance.NotFound',
      message: 'The instance cannot be found.',
      httpStatusCode: 404,
      dynamicCode: 'InstanceId',
      dynamicMessage: null,
      data: null,
    },
  });
});

test('code table', () => {
  const cases: Array<[DomainError, string, number]> = [
    [notFound('topic', 't'), 'Topic.NotFound', 400],
    [notFound('group', 'g'), 'ConsumerGroup.NotFound', 400],
    [new DomainError('AlreadyExists', 'x', { resource: 'topic' }), 'Topic.Existed', 400],
    [new DomainError('AlreadyExists', 'x', { resource: 'group' }), 'ConsumerGroup.Existed', 400],
    [invalid('productInfo.sendReceiveRatio', 'bad'), 'InvalidParameter.SendReceiveRatio', 400],
    [invalid('consumerGroupId', 'bad', 'InvalidConsumerGroupId'), 'InvalidConsumerGroupId', 400],
    [missing('seriesCode'), 'MissingSeriesCode', 400],
    [new DomainError('Unauthenticated', 'x', { dialectCode: 'InvalidAccessKeyId.NotFound' }), 'InvalidAccessKeyId.NotFound', 404],
    [new DomainError('Unauthenticated', 'x', { dialectCode: 'SignatureDoesNotMatch' }), 'SignatureDoesNotMatch', 400],
    [new DomainError('Forbidden', 'x'), 'Forbidden.RAM', 403],
    [notImplemented('ListTraces'), 'NotImplemented', 501],
    [new DomainError('StateConflict', 'x', { resource: 'instance' }), 'InstanceStatus.Error', 409],
  ];
  for (const [e, code, status] of cases) {
    const r = alibabaError(e);
    assert.equal(r.body.code, code);
    assert.equal(r.status, status, code);
    assert.equal(r.body.httpStatusCode, status);
    assert.equal(r.body.success, false);
    assert.equal(typeof r.body.requestId, 'string');
  }
});

test('dynamicCode/dynamicMessage carry the field', () => {
  const r = alibabaError(invalid('networkInfo.internetInfo.flowOutBandwidth', 'bad'));
  assert.equal(r.body.dynamicCode, 'FlowOutBandwidth');
  assert.equal(r.body.dynamicMessage, 'networkInfo.internetInfo.flowOutBandwidth');
});

test('a denial carries accessDeniedDetail', () => {
  const e = Object.assign(new DomainError('Forbidden', 'denied'), {
    denied: { action: 'rocketmq:DeleteInstance', resource: 'acs:rocketmq:local:p:Instance/rmq-cn-a', reason: 'ExplicitDeny' as const },
  });
  const r = alibabaError(e);
  assert.equal(r.status, 403);
  assert.equal(r.body.accessDeniedDetail?.AuthAction, 'rocketmq:DeleteInstance');
  assert.equal(r.body.accessDeniedDetail?.NoPermissionType, 'ExplicitDeny');
});

test('unknown errors become InternalError 500 without their text', () => {
  const r = alibabaError(new Error('secret path /etc/x'));
  assert.equal(r.status, 500);
  assert.equal(r.body.code, 'InternalError');
  assert.ok(!r.body.message.includes('/etc/x'));
});
