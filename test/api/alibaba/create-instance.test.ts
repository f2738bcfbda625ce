import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCreateInstance, type AlibabaAttributes } from '../../../src/api/alibaba/create-instance.js';
import { alibabaSpecs } from '../../../src/api/alibaba/specs.js';
import { DomainError } from '../../../src/domain/errors.js';
import { alibabaError } from '../../../src/api/alibaba/errors.js';
import { seedCreateInstanceBody } from './fixtures.js';

// The seed body exactly as the official SDK sent it (captures/01).
const SEED = seedCreateInstanceBody();

const clone = (): Record<string, any> => structuredClone<Record<string, any>>(SEED);
const parse = (body: Record<string, unknown>, query: Record<string, string> = {}) => parseCreateInstance(body, query, alibabaSpecs);
const attrs = (body: Record<string, unknown>): AlibabaAttributes => parse(body).command.attributes['alibaba'] as AlibabaAttributes;

const rejects = (body: Record<string, unknown>, field: string, code: 'InvalidParameter' | 'MissingParameter' = 'InvalidParameter', query: Record<string, string> = {}) => {
  assert.throws(
    () => parse(body, query),
    (e: unknown) => {
      assert.ok(e instanceof DomainError, String(e));
      assert.equal(e.field, field, e.message);
      assert.equal(e.code, code, e.message);
      return true;
    },
  );
};

test('the seed body parses into a neutral command with the Alibaba attributes', () => {
  const p = parse(SEED, { clientToken: 'c2c5d1274a8d4317a13bc5b0d4000001' });
  assert.equal(p.clientToken, 'c2c5d1274a8d4317a13bc5b0d4000001');
  assert.equal(p.nameFromId, false);
  const c = p.command;
  assert.equal(c.name, 'demo-instance');
  assert.equal(c.description, 'This is the remark for test.');
  assert.equal(c.engineVersion, '5.x');
  assert.equal(c.flavorId, 'rmq.s2.2xlarge');
  assert.equal(c.origin, 'alibaba');
  assert.equal(c.messageRetentionHours, 72);
  assert.deepEqual(c.tags, [{ key: 'aaa', value: 'bbb' }]);
  assert.deepEqual(c.network.subnetIds, ['vsw-uf6gwtbn6etadpv*******']);
  assert.equal(c.network.vpcId, 'vpc-wz9qt50xhtj9krb******');
  assert.equal(c.network.securityGroupId, 'sg-bp17hpmgz96tvnsdy6so');
  assert.equal(c.options.enablePublicIp, false);
  const a = c.attributes['alibaba'] as AlibabaAttributes;
  assert.equal(a.seriesCode, 'standard');
  assert.equal(a.subSeriesCode, 'cluster_ha');
  assert.equal(a.paymentType, 'Subscription');
  assert.equal(a.period, 3);
  assert.equal(a.periodUnit, 'Month');
  assert.equal(a.autoRenewPeriod, 3);
  assert.equal(a.resourceGroupId, 'rg-aekzy6pist7uuna');
  assert.equal(a.sendReceiveRatio, 0.5);
  assert.equal(a.supportAutoScaling, false); // standard has no elastic TPS
  assert.deepEqual(a.internetInfo, { internetSpec: 'disable', flowOutType: 'uninvolved', ipWhitelist: [] });
  assert.equal(a.aclInfo.defaultVpcAuthFree, false);
});

test('required fields: serviceCode, seriesCode, subSeriesCode, paymentType, networkInfo and its parts', () => {
  for (const key of ['serviceCode', 'seriesCode', 'subSeriesCode', 'paymentType', 'networkInfo']) {
    const b = clone();
    delete b[key];
    rejects(b, key, 'MissingParameter');
  }
  let b = clone();
  delete b.networkInfo.vpcInfo;
  rejects(b, 'networkInfo.vpcInfo', 'MissingParameter');
  b = clone();
  delete b.networkInfo.internetInfo;
  rejects(b, 'networkInfo.internetInfo', 'MissingParameter');
  b = clone();
  delete b.networkInfo.vpcInfo.vpcId;
  rejects(b, 'networkInfo.vpcInfo.vpcId', 'MissingParameter');
  b = clone();
  delete b.networkInfo.vpcInfo.vSwitches;
  rejects(b, 'networkInfo.vpcInfo.vSwitches');
  b = clone();
  delete b.networkInfo.internetInfo.internetSpec;
  rejects(b, 'networkInfo.internetInfo.internetSpec', 'MissingParameter');
  b = clone();
  delete b.networkInfo.internetInfo.flowOutType;
  rejects(b, 'networkInfo.internetInfo.flowOutType', 'MissingParameter');
});

test('serviceCode must be rmq; seriesCode and subSeriesCode enumerations; ultimate only cluster_ha', () => {
  rejects({ ...clone(), serviceCode: 'ons' }, 'serviceCode');
  rejects({ ...clone(), seriesCode: 'gold' }, 'seriesCode');
  rejects({ ...clone(), subSeriesCode: 'cluster' }, 'subSeriesCode');
  for (const s of ['standard', 'professional', 'ultimate', 'dedicated', 'shared']) {
    const b = clone();
    b.seriesCode = s;
    delete b.productInfo.msgProcessSpec;
    b.productInfo.autoScaling = false;
    assert.equal(attrs(b).seriesCode, s);
  }
  const u = clone();
  u.seriesCode = 'ultimate';
  u.subSeriesCode = 'single_node';
  delete u.productInfo.msgProcessSpec;
  rejects(u, 'subSeriesCode');
  u.subSeriesCode = 'serverless';
  rejects(u, 'subSeriesCode');
  u.subSeriesCode = 'cluster_ha';
  assert.equal(attrs(u).msgProcessSpec, 'rmq.u2.10xlarge');
});

test('default msgProcessSpec per series; spec must exist and match the series', () => {
  const b = clone();
  delete b.productInfo;
  assert.equal(attrs(b).msgProcessSpec, 'rmq.s2.2xlarge');
  assert.equal(attrs(b).sendReceiveRatio, 0.5);
  assert.equal(parse(b).command.messageRetentionHours, 72);
  b.seriesCode = 'professional';
  assert.equal(attrs(b).msgProcessSpec, 'rmq.p2.2xlarge');
  b.subSeriesCode = 'single_node';
  b.seriesCode = 'standard';
  assert.equal(attrs(b).msgProcessSpec, 'rmq.s1.micro');
  const c = clone();
  c.productInfo.msgProcessSpec = 'rmq.p2.4xlarge'; // professional spec on a standard instance
  rejects(c, 'productInfo.msgProcessSpec');
  c.productInfo.msgProcessSpec = 'rmq.s2.3xlarge';
  rejects(c, 'productInfo.msgProcessSpec');
  c.productInfo.msgProcessSpec = 'rmq.s2.6xlarge';
  assert.equal(parse(c).command.flavorId, 'rmq.s2.6xlarge');
});

test('paymentType and Subscription period: 1-6 Month, 1-3 Year, required for Subscription', () => {
  rejects({ ...clone(), paymentType: 'Prepaid' }, 'paymentType');
  const b = clone();
  delete b.period;
  rejects(b, 'period', 'MissingParameter');
  for (const [period, unit, ok] of [
    [1, 'Month', true],
    [6, 'Month', true],
    [7, 'Month', false],
    [0, 'Month', false],
    [3, 'Year', true],
    [4, 'Year', false],
    [1.5, 'Month', false],
  ] as const) {
    const x = { ...clone(), period, periodUnit: unit };
    if (ok) assert.equal(attrs(x).period, period);
    else rejects(x, 'period');
  }
  rejects({ ...clone(), periodUnit: 'Week' }, 'periodUnit');
  const payg = clone();
  payg.paymentType = 'PayAsYouGo';
  delete payg.period;
  delete payg.periodUnit;
  assert.equal(attrs(payg).paymentType, 'PayAsYouGo');
});

test('autoRenewPeriod is one of 1, 2, 3, 6, 12', () => {
  for (const n of [1, 2, 3, 6, 12]) assert.equal(attrs({ ...clone(), autoRenewPeriod: n }).autoRenewPeriod, n);
  for (const n of [0, 4, 5, 24]) rejects({ ...clone(), autoRenewPeriod: n }, 'autoRenewPeriod');
});

test('sendReceiveRatio 0.05-0.95; messageRetentionTime hours; storageEncryption refused naming the field', () => {
  for (const [v, ok] of [
    [0.05, true],
    [0.95, true],
    [0.04, false],
    [0.96, false],
    [1, false],
  ] as const) {
    const b = clone();
    b.productInfo.sendReceiveRatio = v;
    if (ok) assert.equal(attrs(b).sendReceiveRatio, v);
    else rejects(b, 'productInfo.sendReceiveRatio');
  }
  const r = clone();
  r.productInfo.messageRetentionTime = 0;
  rejects(r, 'productInfo.messageRetentionTime');
  r.productInfo.messageRetentionTime = 168;
  assert.equal(parse(r).command.messageRetentionHours, 168);
  const e = clone();
  e.productInfo.storageEncryption = true;
  assert.throws(() => parse(e), (err: unknown) => err instanceof DomainError && err.field === 'productInfo.storageEncryption' && /storageEncryption/.test(err.message));
  const reply = alibabaError((() => { try { parse(e); } catch (x) { return x; } })());
  assert.equal(reply.status, 400);
  assert.equal(reply.body.dynamicMessage, 'productInfo.storageEncryption');
});

test('internetInfo: enable needs payByBandwidth/payByTraffic, disable needs uninvolved; bandwidth 1-1000', () => {
  const net = (info: Record<string, unknown>) => {
    const b = clone();
    b.networkInfo.internetInfo = info;
    return b;
  };
  rejects(net({ internetSpec: 'on', flowOutType: 'uninvolved' }), 'networkInfo.internetInfo.internetSpec');
  rejects(net({ internetSpec: 'disable', flowOutType: 'payByTraffic' }), 'networkInfo.internetInfo.flowOutType');
  rejects(net({ internetSpec: 'enable', flowOutType: 'uninvolved' }), 'networkInfo.internetInfo.flowOutType');
  rejects(net({ internetSpec: 'enable', flowOutType: 'payByBandwidth' }), 'networkInfo.internetInfo.flowOutBandwidth', 'MissingParameter');
  for (const bw of [0, 1001, 2.5]) rejects(net({ internetSpec: 'enable', flowOutType: 'payByBandwidth', flowOutBandwidth: bw }), 'networkInfo.internetInfo.flowOutBandwidth');
  rejects(net({ internetSpec: 'enable', flowOutType: 'payByTraffic', flowOutBandwidth: 5 }), 'networkInfo.internetInfo.flowOutBandwidth');
  const ok = parse(net({ internetSpec: 'enable', flowOutType: 'payByBandwidth', flowOutBandwidth: 1000 }));
  assert.equal(ok.command.options.enablePublicIp, true);
  assert.equal((ok.command.attributes['alibaba'] as AlibabaAttributes).internetInfo.flowOutBandwidth, 1000);
  rejects(net({ internetSpec: 'enable', flowOutType: 'payByTraffic', ipWhitelist: ['10.0.0.0/33'] }), 'networkInfo.internetInfo.ipWhitelist[0]');
});

test('vSwitches or the deprecated |-separated vSwitchId', () => {
  const b = clone();
  delete b.networkInfo.vpcInfo.vSwitches;
  b.networkInfo.vpcInfo.vSwitchId = 'vsw-a|vsw-b';
  assert.deepEqual(parse(b).command.network.subnetIds, ['vsw-a', 'vsw-b']);
  b.networkInfo.vpcInfo.vSwitches = [{}];
  rejects(b, 'networkInfo.vpcInfo.vSwitches[0].vSwitchId', 'MissingParameter');
});

test('instanceName optional (named after the id), tags validated, clientToken at most 64 ASCII', () => {
  const b = clone();
  delete b.instanceName;
  assert.equal(parse(b).nameFromId, true);
  rejects({ ...clone(), instanceName: 'x'.repeat(129) }, 'instanceName');
  rejects({ ...clone(), instanceName: 'bad/name' }, 'instanceName');
  rejects({ ...clone(), tags: [{ key: '', value: 'v' }] }, 'tags[0].key');
  rejects({ ...clone(), tags: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }, 'tags');
  rejects({ ...clone(), tags: 'a=b' }, 'tags');
  rejects(clone(), 'clientToken', 'InvalidParameter', { clientToken: 'x'.repeat(65) });
  rejects(clone(), 'clientToken', 'InvalidParameter', { clientToken: 'été' });
});

test('type errors name the field: numbers must be numbers, objects objects', () => {
  rejects({ ...clone(), period: '3' }, 'period');
  rejects({ ...clone(), autoRenew: 'yes' }, 'autoRenew');
  rejects({ ...clone(), productInfo: [] }, 'productInfo');
  rejects({ ...clone(), networkInfo: 'vpc' }, 'networkInfo');
});

test('property: any mutation of the seed either parses or fails with a DomainError naming a field', () => {
  const keys = ['serviceCode', 'seriesCode', 'subSeriesCode', 'paymentType', 'period', 'periodUnit', 'autoRenewPeriod', 'instanceName', 'tags', 'productInfo', 'networkInfo', 'aclInfo', 'remark'];
  fc.assert(
    fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
      const b = clone();
      b[key] = value;
      try {
        parse(b);
      } catch (e) {
        assert.ok(e instanceof DomainError, String(e));
        assert.ok(e.field || e.code === 'InvalidBody', e.message);
        assert.notEqual(alibabaError(e).status, 500);
      }
    }),
    { numRuns: 300 },
  );
});
