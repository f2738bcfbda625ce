import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FLAVOURS,
  STORAGE_SPEC_CODES,
  alibabaSpec,
  alibabaEditionOf,
  alibabaSpecOf,
  defaultAlibabaSpec,
  flavour,
  huaweiProduct,
  huaweiProductIdOf,
  instanceLimits,
  listFlavours,
} from '../../src/domain/catalogue.js';
import { DomainError } from '../../src/domain/errors.js';

test('ids are unique and every flavour is internally consistent', () => {
  const ids = new Set(FLAVOURS.map((f) => f.id));
  assert.equal(ids.size, FLAVOURS.length);
  for (const f of FLAVOURS) {
    assert.ok(f.brokers.min >= 1 && f.brokers.min <= f.brokers.default && f.brokers.default <= f.brokers.max, f.id);
    assert.ok(f.storageGb.min > 0 && f.storageGb.min < f.storageGb.max, f.id);
    assert.ok(f.tps > 0 && f.maxTopics > 0 && f.maxGroups > 0, f.id);
    assert.ok(f.engineVersions.length > 0 && f.archTypes.length > 0, f.id);
    for (const s of f.storageSpecCodes) assert.ok(STORAGE_SPEC_CODES.includes(s), f.id);
    assert.equal(f.id.startsWith('rmq.'), f.cloud === 'alibaba', f.id);
  }
});

test('the Huawei product_ids of the SDK documentation are all there', () => {
  const expected = [
    'c6.4u8g.cluster.small', 'c6.4u8g.cluster', 'c6.8u16g.cluster', 'c6.12u24g.cluster', 'c6.16u32g.cluster',
    'rocketmq.b1.large.1', 'rocketmq.b2.large.4', 'rocketmq.b2.large.8', 'rocketmq.b2.large.12', 'rocketmq.p1.large.1',
    ...[8, 12, 20, 40, 100, 150, 200, 300].map((n) => `rocketmq.p2.large.${n}`),
    ...['2u8g', '4u16g', '8u32g', '16u64g', '32u128g'].flatMap((s) => [`c6.${s}.cluster.x86`, `c6.${s}.cluster.arm`]),
  ];
  for (const id of expected) assert.ok(huaweiProduct(id), id);
  assert.equal(listFlavours({ cloud: 'huawei' }).length, expected.length);
  assert.equal(huaweiProduct('rmq.s2.2xlarge'), undefined);
  assert.equal(alibabaSpec('c6.4u8g.cluster'), undefined);
  assert.equal(flavour('nope'), undefined);
});

test('documented figures', () => {
  const small = huaweiProduct('c6.4u8g.cluster.small')!;
  assert.deepEqual([small.tps, small.maxTopics, small.maxGroups, small.scale], [15_000, 2000, 2000, 'broker']);
  assert.deepEqual(huaweiProduct('c6.16u32g.cluster')!.engineVersions, ['4.8.0']);
  assert.equal(huaweiProduct('rocketmq.p2.large.300')!.tps, 150_000);
  assert.equal(huaweiProduct('rocketmq.b1.large.1')!.type, 'single');
  assert.deepEqual(huaweiProduct('c6.8u32g.cluster.arm')!.archTypes, ['ARM']);
  assert.equal(alibabaSpec('rmq.s2.2xlarge')!.tps, 2000);
  assert.equal(alibabaSpec('rmq.p2.30xlarge')!.maxTopics, 2000);
  assert.equal(alibabaSpec('rmq.u2.1000xlarge')!.tps, 1_000_000);
  assert.equal(alibabaSpec('rmq.u2.600xlarge')!.line, 'ultimate');
  assert.equal(listFlavours({ cloud: 'alibaba' }).filter((f) => f.line === 'ultimate').length, 22);
  assert.ok(listFlavours({ engineVersion: '4.8.0' }).every((f) => f.cloud === 'huawei'));
});

test('instanceLimits multiplies per-broker flavours by broker_num only', () => {
  assert.deepEqual(instanceLimits('c6.4u8g.cluster', 3), {
    tps: 60_000, maxTopics: 12_000, maxGroups: 12_000, brokerNum: 3, storageGb: { min: 900, max: 1_800_000 },
  });
  assert.deepEqual(instanceLimits('rocketmq.b2.large.4', 2), {
    tps: 2000, maxTopics: 300, maxGroups: 1000, brokerNum: 2, storageGb: { min: 100, max: 30_000 },
  });
  assert.throws(() => instanceLimits('c6.4u8g.cluster', 11), DomainError);
  assert.throws(() => instanceLimits('c6.4u8g.cluster', 0), DomainError);
  assert.throws(() => instanceLimits('rocketmq.b1.large.1', 2), DomainError);
  assert.throws(() => instanceLimits('nope', 1), (e: unknown) => e instanceof DomainError && e.code === 'InvalidParameter');
});

test('cross-cloud mapping: every flavour shows a real id in the other cloud', () => {
  for (const f of FLAVOURS) {
    const h = huaweiProductIdOf(f.id);
    const a = alibabaSpecOf(f.id, f.brokers.default);
    assert.equal(huaweiProduct(h)?.type, f.type, `${f.id} -> ${h}`);
    assert.ok(alibabaSpec(a), `${f.id} -> ${a}`);
    if (f.cloud === 'huawei') assert.equal(h, f.id);
    else assert.equal(a, f.id);
  }
  assert.equal(alibabaSpecOf('rocketmq.b2.large.4', 2), 'rmq.s2.2xlarge');
  assert.equal(alibabaSpecOf('rocketmq.p2.large.150', 2), 'rmq.p2.100xlarge');
  assert.equal(alibabaSpecOf('c6.4u8g.cluster', 1), 'rmq.p2.20xlarge'); // 20,000 TPS
  assert.equal(alibabaSpecOf('c6.4u8g.cluster.small', 1), 'rmq.p2.20xlarge'); // 15,000 → next is 20k
  assert.equal(alibabaSpecOf('c6.16u32g.cluster', 10), 'rmq.u2.300xlarge'); // 300,000 TPS
  assert.equal(huaweiProductIdOf('rmq.s2.6xlarge'), 'rocketmq.b2.large.12');
  assert.equal(huaweiProductIdOf('rmq.p2.2xlarge'), 'rocketmq.p2.large.8');
  assert.equal(huaweiProductIdOf('rmq.u2.1000xlarge'), 'rocketmq.p2.large.300');
  assert.equal(huaweiProductIdOf('rmq.s1.micro'), 'rocketmq.b1.large.1');
});

test('Alibaba edition of any flavour, and default specs per edition', () => {
  assert.deepEqual(alibabaEditionOf('c6.4u8g.cluster', 1), { msgProcessSpec: 'rmq.p2.20xlarge', seriesCode: 'professional', subSeriesCode: 'cluster_ha' });
  assert.deepEqual(alibabaEditionOf('rocketmq.b1.large.1', 1), { msgProcessSpec: 'rmq.s1.micro', seriesCode: 'standard', subSeriesCode: 'single_node' });
  assert.deepEqual(alibabaEditionOf('rmq.u2.50xlarge', 2), { msgProcessSpec: 'rmq.u2.50xlarge', seriesCode: 'ultimate', subSeriesCode: 'cluster_ha' });
  assert.equal(defaultAlibabaSpec('standard', 'cluster_ha'), 'rmq.s2.2xlarge');
  assert.equal(defaultAlibabaSpec('standard', 'single_node'), 'rmq.s1.micro');
  assert.equal(defaultAlibabaSpec('professional', 'serverless'), 'rmq.p2.2xlarge');
  assert.equal(defaultAlibabaSpec('ultimate', 'cluster_ha'), 'rmq.u2.10xlarge');
  assert.equal(defaultAlibabaSpec('ultimate', 'serverless'), undefined);
  assert.equal(defaultAlibabaSpec('dedicated', 'cluster_ha'), undefined);
});
