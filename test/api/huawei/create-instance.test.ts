import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { listFlavours, storageRangeGb } from '../../../src/domain/catalogue.js';
import { DomainError } from '../../../src/domain/errors.js';
import { DEFAULT_INSTANCE_OPTIONS } from '../../../src/domain/instance.js';
import {
  parseCreateInstanceBody,
  parseListInstancesQuery,
  parseUpdateInstanceBody,
} from '../../../src/api/huawei/create-instance.js';
import { SEED_BODY } from '../../helpers/huawei-seed.js';
import { loadCaptures } from './captures.js';

const SEED = SEED_BODY;
const buf = (o: unknown): Buffer => Buffer.from(JSON.stringify(o));
const withField = (k: string, v: unknown): Buffer => buf({ ...SEED, [k]: v });
const without = (k: string): Buffer => {
  const o: Record<string, unknown> = { ...SEED };
  delete o[k];
  return buf(o);
};

const fails = (raw: Buffer, code: string, field: string | undefined, dialectCode: string, engine?: string): void => {
  assert.throws(
    () => parseCreateInstanceBody(raw, engine),
    (e: unknown) => {
      assert.ok(e instanceof DomainError, String(e));
      assert.equal(e.code, code, e.message);
      assert.equal(e.field, field, e.message);
      assert.equal(e.dialectCode, dialectCode, e.message);
      if (field) assert.ok(e.message.includes(field.split('.').pop()!), e.message);
      return true;
    },
  );
};

test('the seed example body parses to the neutral command', () => {
  const cmd = parseCreateInstanceBody(buf(SEED));
  assert.deepEqual(cmd, {
    name: 'reliability-1751840557',
    description: '',
    engineVersion: '4.8.0',
    flavorId: 'c6.4u8g.cluster',
    brokerNum: 1,
    storageSpaceGb: 600,
    storageSpecCode: 'dms.physical.storage.ultra.v2',
    network: {
      vpcId: '3db8490c-4d6d-4d8f-8d3f-047b0de4c5cf',
      subnetIds: ['0a0f1fcb-f019-458d-b9e5-301867394d50'],
      securityGroupId: '23c5977f-ff33-4b95-a73e-08d8a0bc4e6c',
      zones: ['9f1c5806706d4c1fb0eb72f0a9b18c77'],
    },
    options: DEFAULT_INSTANCE_OPTIONS,
    tags: [],
    origin: 'huawei',
    attributes: { engine: 'reliability' },
  });
});

test('every captured SDK create body parses (plain and model key order, by-engine routes)', () => {
  const creates = loadCaptures().filter((c) => c.method === 'POST' && /\/instances$/.test(c.url));
  assert.ok(creates.length >= 4);
  for (const c of creates) {
    const engine = /^\/v2\/(reliability|rocketmq)\//.exec(c.url)?.[1];
    assert.equal(parseCreateInstanceBody(c.body, engine).flavorId, 'c6.4u8g.cluster', c.name);
  }
});

test('body-level errors', () => {
  fails(Buffer.alloc(0), 'InvalidBody', undefined, 'DMS.00400004');
  fails(Buffer.from('  \n'), 'InvalidBody', undefined, 'DMS.00400004');
  fails(Buffer.from('{"name":'), 'InvalidBody', undefined, 'DMS.00400005');
  fails(Buffer.from('[1,2]'), 'InvalidBody', undefined, 'DMS.00400005');
  fails(Buffer.from('null'), 'InvalidBody', undefined, 'DMS.00400005');
  fails(buf(SEED), 'InvalidParameter', 'engine', 'DMS.00400007', 'kafka');
});

test('name and description', () => {
  for (const n of ['abc', '1abc', '_abcd', 'ab cd', 'a'.repeat(65), 'abcé', '']) fails(withField('name', n), 'InvalidParameter', 'name', 'DMS.00400010');
  for (const n of ['abcd', 'a'.repeat(64), 'A_b-9']) assert.equal(parseCreateInstanceBody(withField('name', n)).name, n);
  fails(without('name'), 'MissingParameter', 'name', 'DMS.00400010');
  fails(withField('name', 42), 'InvalidParameter', 'name', 'DMS.00400010');
  fails(withField('description', 'x'.repeat(1025)), 'InvalidParameter', 'description', 'DMS.00400011');
  assert.equal(parseCreateInstanceBody(withField('description', '描'.repeat(1024))).description.length, 1024);
  fails(withField('description', {}), 'InvalidParameter', 'description', 'DMS.00400011');
});

test('mandatory fields and their types', () => {
  const codes: Record<string, string> = { engine: 'DMS.00400007', engine_version: 'DMS.00400008', product_id: 'DMS.00400009', vpc_id: 'DMS.00400013' };
  for (const f of ['engine', 'engine_version', 'storage_space', 'vpc_id', 'subnet_id', 'security_group_id', 'available_zones', 'product_id', 'storage_spec_code', 'broker_num']) {
    fails(without(f), 'MissingParameter', f, codes[f] ?? 'DMS.00400800');
    fails(withField(f, null), 'MissingParameter', f, codes[f] ?? 'DMS.00400800');
    fails(withField(f, typeof (SEED as Record<string, unknown>)[f] === 'number' ? '600' : 7), 'InvalidParameter', f, codes[f] ?? 'DMS.00400800');
  }
  for (const f of ['vpc_id', 'subnet_id', 'security_group_id']) fails(withField(f, ' '), 'InvalidParameter', f, codes[f] ?? 'DMS.00400800');
  fails(withField('storage_space', 600.5), 'InvalidParameter', 'storage_space', 'DMS.00400800');
  fails(withField('ssl_enable', 'false'), 'InvalidParameter', 'ssl_enable', 'DMS.00400800');
});

test('catalogue consistency', () => {
  fails(withField('engine', 'kafka'), 'InvalidParameter', 'engine', 'DMS.00400007');
  assert.equal(parseCreateInstanceBody(withField('engine', 'rocketmq')).attributes.engine, 'rocketmq');
  fails(withField('engine_version', '5.0'), 'InvalidParameter', 'engine_version', 'DMS.00400008');
  fails(withField('product_id', 'c6.4u8g'), 'InvalidParameter', 'product_id', 'DMS.00400009');
  fails(withField('product_id', 'rmq.s2.2xlarge'), 'InvalidParameter', 'product_id', 'DMS.00400009');
  fails(withField('product_id', 'rocketmq.b2.large.4'), 'InvalidParameter', 'product_id', 'DMS.00400009'); // 5.x product, 4.8.0 version
  fails(withField('storage_spec_code', 'dms.physical.storage.normal'), 'InvalidParameter', 'storage_spec_code', 'DMS.00400800');
  fails(buf({ ...SEED, product_id: 'c6.4u16g.cluster.x86', storage_spec_code: 'dms.physical.storage.extreme' }), 'InvalidParameter', 'storage_spec_code', 'DMS.00400800');
  fails(withField('arch_type', 'ARM'), 'InvalidParameter', 'arch_type', 'DMS.00400800');
  fails(withField('arch_type', 'x86'), 'InvalidParameter', 'arch_type', 'DMS.00400800');
  assert.equal(parseCreateInstanceBody(buf({ ...SEED, product_id: 'c6.8u32g.cluster.arm', arch_type: 'ARM' })).options.archType, 'ARM');
  assert.equal(parseCreateInstanceBody(buf({ ...SEED, product_id: 'c6.8u32g.cluster.arm' })).options.archType, 'ARM');
});

test('broker_num and storage_space ranges', () => {
  fails(withField('broker_num', 0), 'InvalidParameter', 'broker_num', 'DMS.00400800');
  fails(withField('broker_num', 11), 'InvalidParameter', 'broker_num', 'DMS.00400800');
  fails(withField('storage_space', 299), 'InvalidParameter', 'storage_space', 'DMS.00400800');
  fails(buf({ ...SEED, broker_num: 3, storage_space: 600 }), 'InvalidParameter', 'storage_space', 'DMS.00400800'); // 300 GB per broker
  assert.equal(parseCreateInstanceBody(buf({ ...SEED, broker_num: 3, storage_space: 900 })).brokerNum, 3);
  fails(withField('storage_space', 600_001), 'InvalidParameter', 'storage_space', 'DMS.00400800');
  // 5.x: broker_num optional, storage per instance 100–30,000.
  const v5 = { ...SEED, engine_version: '5.x', product_id: 'rocketmq.b2.large.4', storage_space: 100 } as Record<string, unknown>;
  delete v5.broker_num;
  const cmd = parseCreateInstanceBody(buf(v5));
  assert.deepEqual([cmd.engineVersion, cmd.brokerNum, cmd.storageSpaceGb], ['5.x', 2, 100]);
  fails(buf({ ...v5, storage_space: 30_001 }), 'InvalidParameter', 'storage_space', 'DMS.00400800');
  fails(buf({ ...v5, product_id: 'rocketmq.b1.large.1', broker_num: 2 }), 'InvalidParameter', 'broker_num', 'DMS.00400800');
});

test('available_zones: non-empty, 1 or ≥ 3 distinct ids', () => {
  fails(withField('available_zones', []), 'InvalidParameter', 'available_zones', 'DMS.00400800');
  fails(withField('available_zones', ['a', 'b']), 'InvalidParameter', 'available_zones', 'DMS.00400800');
  fails(withField('available_zones', ['a', 'a', 'b']), 'InvalidParameter', 'available_zones', 'DMS.00400800');
  fails(withField('available_zones', ['a', '']), 'InvalidParameter', 'available_zones', 'DMS.00400800');
  fails(withField('available_zones', 'a'), 'InvalidParameter', 'available_zones', 'DMS.00400800');
  assert.deepEqual(parseCreateInstanceBody(withField('available_zones', ['z1', 'z2', 'z3'])).network.zones, ['z1', 'z2', 'z3']);
});

test('tls_mode and ssl_enable: tls_mode wins and must agree; ssl_enable alone picks SSL or PLAINTEXT; 4.8.0 has no PERMISSIVE', () => {
  const five = (o: Record<string, unknown>): Buffer =>
    buf({ ...SEED, engine: 'rocketmq', engine_version: '5.x', product_id: 'rocketmq.b2.large.4', storage_space: 200, broker_num: 1, ...o });
  const optionsOf = (raw: Buffer): [boolean, string] => {
    const o = parseCreateInstanceBody(raw).options;
    return [o.sslEnable, o.tlsMode];
  };
  const { ssl_enable: _, ...noSsl } = SEED;
  assert.deepEqual(optionsOf(buf(noSsl)), [false, 'PLAINTEXT']);
  assert.deepEqual(optionsOf(withField('ssl_enable', true)), [true, 'SSL']);
  assert.deepEqual(optionsOf(withField('ssl_enable', false)), [false, 'PLAINTEXT']);
  assert.deepEqual(optionsOf(five({ tls_mode: 'SSL', ssl_enable: true })), [true, 'SSL']);
  assert.deepEqual(optionsOf(five({ tls_mode: 'PLAINTEXT' })), [false, 'PLAINTEXT']);
  // PERMISSIVE serves both, so it goes with either ssl_enable (the seed body says false); it reports SSL on.
  assert.deepEqual(optionsOf(five({ tls_mode: 'PERMISSIVE', ssl_enable: false })), [true, 'PERMISSIVE']);
  assert.deepEqual(optionsOf(five({ tls_mode: 'PERMISSIVE', ssl_enable: true })), [true, 'PERMISSIVE']);
  for (const raw of [five({ tls_mode: 'SSL', ssl_enable: false }), five({ tls_mode: 'PLAINTEXT', ssl_enable: true })]) {
    fails(raw, 'InvalidParameter', 'tls_mode', 'DMS.00400800');
    assert.throws(() => parseCreateInstanceBody(raw), /ssl_enable/);
  }
  fails(withField('tls_mode', 'PERMISSIVE'), 'InvalidParameter', 'tls_mode', 'DMS.00400800');
  // The seed body says ssl_enable=false: tls_mode SSL on top of it disagrees.
  fails(withField('tls_mode', 'SSL'), 'InvalidParameter', 'tls_mode', 'DMS.00400800');
  fails(withField('tls_mode', 'TLS'), 'InvalidParameter', 'tls_mode', 'DMS.00400800');
});

test('enable_acl is taken at create and update', () => {
  assert.equal(parseCreateInstanceBody(withField('enable_acl', true)).options.enableAcl, true);
  assert.equal(parseCreateInstanceBody(buf(SEED)).options.enableAcl, false);
  assert.deepEqual(parseUpdateInstanceBody(buf({ enable_acl: true })), { enableAcl: true });
});

test('options Hangar cannot honour are refused, naming the field', () => {
  fails(withField('ipv6_enable', true), 'InvalidParameter', 'ipv6_enable', 'DMS.00400800');
  fails(withField('disk_encrypted_enable', true), 'InvalidParameter', 'disk_encrypted_enable', 'DMS.00400800');
  fails(withField('enable_publicip', true), 'MissingParameter', 'publicip_id', 'DMS.00400800');
  fails(buf({ ...SEED, enable_publicip: true, publicip_id: 'eip-1' }), 'InvalidParameter', 'enable_publicip', 'DMS.00400800');
  assert.equal(parseCreateInstanceBody(withField('proxy_enable', true)).options.proxyEnable, true);
});

test('CreateInstanceByEngineReq extras: bss_param postPaid only, ipv6 addresses recorded', () => {
  const cmd = parseCreateInstanceBody(buf({ ...SEED, bss_param: { charging_mode: 'postPaid', is_auto_pay: true }, ipv6_broker_address: 'x' }), 'rocketmq');
  assert.deepEqual(cmd.attributes, { engine: 'reliability', ipv6BrokerAddress: 'x', bssParam: { charging_mode: 'postPaid', is_auto_pay: true } });
  fails(withField('bss_param', { charging_mode: 'prePaid' }), 'InvalidParameter', 'bss_param.charging_mode', 'DMS.00400800');
  fails(withField('bss_param', { charging_mode: 'free' }), 'InvalidParameter', 'bss_param.charging_mode', 'DMS.00400800');
  fails(withField('bss_param', { period_num: 'x' }), 'InvalidParameter', 'bss_param.period_num', 'DMS.00400800');
  fails(withField('bss_param', []), 'InvalidParameter', 'bss_param', 'DMS.00400800');
  assert.deepEqual(parseCreateInstanceBody(withField('tags', [{ key: 'k', value: 'v' }])).tags, [{ key: 'k', value: 'v' }]);
  fails(withField('tags', [{ key: '' }]), 'InvalidParameter', 'tags.key', 'DMS.00400800');
});

// A valid body for any Huawei flavour of the catalogue. (Generators built from characters: stringMatching is slow.)
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const chars = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
const nameArb = fc.tuple(chars(LETTERS, 1, 1), chars(LETTERS + '0123456789_-', 3, 63)).map(([a, b]) => a + b);
const zoneArb = chars('0123456789abcdef', 8, 32);
const validBody = fc
  .constantFrom(...listFlavours({ cloud: 'huawei' }))
  .chain((f) =>
    fc.record({
      name: nameArb,
      description: fc.string({ maxLength: 60 }),
      engine: fc.constantFrom('reliability', 'rocketmq'),
      engine_version: fc.constant(f.engineVersions[0]!),
      product_id: fc.constant(f.id),
      storage_spec_code: fc.constantFrom(...f.storageSpecCodes),
      broker_num: fc.integer({ min: f.brokers.min, max: f.brokers.max }),
      vpc_id: fc.uuid(),
      subnet_id: fc.uuid(),
      security_group_id: fc.uuid(),
      available_zones: fc.oneof(fc.uniqueArray(zoneArb, { minLength: 1, maxLength: 1 }), fc.uniqueArray(zoneArb, { minLength: 3, maxLength: 5 })),
      frac: fc.double({ min: 0, max: 1, noNaN: true }),
      arch_type: fc.constantFrom(...f.archTypes),
      ssl_enable: fc.constant(false),
      tls_mode: fc.constant('PLAINTEXT'),
    }).map(({ frac, ...b }) => {
      const r = storageRangeGb(f, b.broker_num);
      return { ...b, storage_space: Math.round(r.min + frac * (r.max - r.min)) };
    }),
  );

test('property: valid bodies generated from the catalogue always parse, to what they say', () => {
  fc.assert(
    fc.property(validBody, (b) => {
      const cmd = parseCreateInstanceBody(buf(b));
      return cmd.flavorId === b.product_id && cmd.brokerNum === b.broker_num && cmd.storageSpaceGb === b.storage_space && cmd.name === b.name;
    }),
    { numRuns: 300 },
  );
});

const onlyDomainErrors = (raw: Buffer, engine?: string): boolean => {
  try {
    parseCreateInstanceBody(raw, engine);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    assert.ok(['InvalidBody', 'InvalidParameter', 'MissingParameter'].includes(e.code));
    assert.match(e.dialectCode ?? '', /^DMS\.\d{8}$/);
  }
  return true;
};

test('property: arbitrary JSON, bytes and mutated valid bodies never throw anything but a DomainError', () => {
  fc.assert(fc.property(fc.json(), (j) => onlyDomainErrors(Buffer.from(j))), { numRuns: 300 });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (a) => onlyDomainErrors(Buffer.from(a))), { numRuns: 200 });
  fc.assert(
    fc.property(validBody, fc.string({ maxLength: 20 }), fc.jsonValue(), fc.option(fc.string({ maxLength: 12 }), { nil: undefined }), (b, key, value, engine) => {
      const keys = Object.keys(b);
      const k = keys.includes(key) ? key : keys[key.length % keys.length]!;
      return onlyDomainErrors(buf({ ...b, [k]: value }), engine);
    }),
    { numRuns: 300 },
  );
});

test('update body', () => {
  assert.deepEqual(parseUpdateInstanceBody(Buffer.from('{"name":"renamed","description":"x"}')), { name: 'renamed', description: 'x' });
  assert.deepEqual(parseUpdateInstanceBody(Buffer.from('{}')), {});
  assert.deepEqual(
    parseUpdateInstanceBody(buf({ security_group_id: 'sg', enable_acl: false, enable_publicip: false, publicip_id: '', enterprise_project_id: 'ep' })),
    { securityGroupId: 'sg', enableAcl: false, enablePublicIp: false, publicIpId: '', enterpriseProjectId: 'ep' },
  );
  const upd = (o: unknown): (() => unknown) => () => parseUpdateInstanceBody(buf(o));
  const is = (field: string, code = 'InvalidParameter') => (e: unknown) => e instanceof DomainError && e.field === field && e.code === code;
  assert.throws(upd({ name: 'ab' }), is('name'));
  assert.throws(upd({ description: 'x'.repeat(1025) }), is('description'));
  assert.throws(upd({ security_group_id: '' }), is('security_group_id'));
  assert.throws(upd({ enable_publicip: true }), is('publicip_id', 'MissingParameter'));
  assert.throws(upd({ enable_publicip: true, publicip_id: 'e' }), is('enable_publicip'));
  assert.throws(upd({ enable_acl: 'yes' }), is('enable_acl'));
  assert.throws(() => parseUpdateInstanceBody(Buffer.alloc(0)), (e: unknown) => e instanceof DomainError && e.dialectCode === 'DMS.00400004');
  // The captured SDK update body.
  const c = loadCaptures().find((x) => x.method === 'PUT')!;
  assert.deepEqual(parseUpdateInstanceBody(c.body), { name: 'renamed', description: 'x' });
});

test('list query', () => {
  const captured = loadCaptures().find((c) => c.url.includes('?engine=reliability&name='))!;
  const f = parseListInstancesQuery(new URLSearchParams(captured.url.slice(captured.url.indexOf('?') + 1)));
  assert.deepEqual(f, {
    engine: 'reliability',
    name: 'reliability 17518 ü+&=',
    exactMatchName: false,
    status: 'running',
    statusWord: 'RUNNING',
    matchesNothing: false,
    includeFailure: true,
    limit: 10,
    offset: 0,
  });
  const q = (s: string) => parseListInstancesQuery(new URLSearchParams(s));
  assert.deepEqual(q('engine=rocketmq'), { engine: 'rocketmq', exactMatchName: false, matchesNothing: false, includeFailure: false, limit: 10, offset: 0 });
  const full = q('engine=rocketmq&exact_match_name=true&include_failure=false&instance_id=i&enterprise_project_id=0&status=CONFIGURING&limit=50&offset=7');
  assert.deepEqual([full.exactMatchName, full.includeFailure, full.instanceId, full.enterpriseProjectId, full.status, full.limit, full.offset], [true, false, 'i', '0', 'changing', 50, 7]);
  assert.equal(q('engine=rocketmq&status=FROZEN').matchesNothing, true);
  const bad = (s: string, field: string, code = 'InvalidParameter') =>
    assert.throws(() => q(s), (e: unknown) => e instanceof DomainError && e.field === field && e.code === code);
  bad('', 'engine', 'MissingParameter');
  bad('engine=kafka', 'engine');
  bad('engine=rocketmq&status=running', 'status');
  bad('engine=rocketmq&limit=0', 'limit');
  bad('engine=rocketmq&limit=51', 'limit');
  bad('engine=rocketmq&limit=1.5', 'limit');
  bad('engine=rocketmq&offset=-1', 'offset');
  bad('engine=rocketmq&include_failure=yes', 'include_failure');
  bad('engine=rocketmq&exact_match_name=1', 'exact_match_name');
});

test('free-form values have bounded sizes: strings, zones, tags', () => {
  const long = 'x'.repeat(257);
  for (const field of ['enterprise_project_id', 'ipv6_broker_address', 'ipv6_namesrv_address', 'publicip_id', 'disk_encrypted_key']) {
    fails(withField(field, long), 'InvalidParameter', field, 'DMS.00400800');
  }
  fails(withField('available_zones', Array.from({ length: 17 }, (_, i) => `az-${i}`)), 'InvalidParameter', 'available_zones', 'DMS.00400800');
  fails(withField('tags', Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' }))), 'InvalidParameter', 'tags', 'DMS.00400800');
  fails(withField('bss_param', { order_id: long }), 'InvalidParameter', 'bss_param.order_id', 'DMS.00400800');
});
