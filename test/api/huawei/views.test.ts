import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Instance } from '../../../src/domain/instance.js';
import { listFlavours } from '../../../src/domain/catalogue.js';
import { DomainError } from '../../../src/domain/errors.js';
import { parseCreateInstanceBody } from '../../../src/api/huawei/create-instance.js';
import {
  availableZonesView,
  brokersView,
  defaultZones,
  instanceDetailView,
  listInstancesView,
  listProductsView,
  nodesView,
  quotasView,
  showInstanceView,
  taskView,
  tasksView,
} from '../../../src/api/huawei/views.js';
import { loadCaptures } from './captures.js';

const seedBody = loadCaptures().find((c) => c.name === '01_createPostPaidInstance_plainBody.json')!.body;

const instance = (over: Partial<Instance> = {}): Instance => ({
  ...parseCreateInstanceBody(seedBody),
  id: 'int-1',
  tenantId: '0c9a1b2c3d4e4f5a8b7c6d5e4f3a2b1c',
  huaweiId: '11111111-2222-4333-8444-555555555555',
  alibabaId: 'rmq-cn-abcdefghijk',
  status: 'running',
  statusReason: '',
  endpoints: { grpc: ['127.0.0.1:20001', '127.0.0.1:20002'], namesrv: ['127.0.0.1:20003'], broker: ['127.0.0.1:20004'] },
  usedStorageBytes: 3 * 1024 ** 3,
  createdAt: 1_763_766_902_000,
  updatedAt: 1_763_766_903_000,
  ...over,
});

// Wire types from huawei-models.md (ShowInstanceResponse) for the fields Hangar fills.
const TYPES: Record<string, string> = {
  name: 'string', engine: 'string', status: 'string', description: 'string', type: 'string', specification: 'string',
  engine_version: 'string', instance_id: 'string', charging_mode: 'number', vpc_id: 'string', created_at: 'string',
  product_id: 'string', security_group_id: 'string', subnet_id: 'string', available_zones: 'object',
  available_zone_names: 'object', maintain_begin: 'string', maintain_end: 'string', enable_log_collection: 'boolean',
  storage_space: 'number', used_storage_space: 'number', enable_publicip: 'boolean', publicip_id: 'string',
  ssl_enable: 'boolean', storage_spec_code: 'string', service_type: 'string', storage_type: 'string',
  extend_times: 'number', ipv6_enable: 'boolean', disk_encrypted: 'boolean', node_num: 'number', enable_acl: 'boolean',
  broker_num: 'number', dns_enable: 'boolean', namesrv_address: 'string', broker_address: 'string',
  grpc_address: 'string', enterprise_project_id: 'string', tags: 'object', total_storage_space: 'number',
  dr_enable: 'boolean', max_msg_process_tps: 'number', config_ssl_need_restart_process: 'boolean', tls_mode: 'string',
  arch_type: 'string', enable_elastic_tps: 'boolean', auto_volume_expand_enable: 'boolean',
};

test('showInstanceView: every known field, right JSON types, real values', () => {
  const v = showInstanceView(instance(), { region: 'local', userId: 'u1', userName: 'alice' });
  for (const [k, t] of Object.entries(TYPES)) assert.equal(typeof v[k], t, k);
  assert.deepEqual(
    {
      name: v.name, engine: v.engine, status: v.status, type: v.type, specification: v.specification, created_at: v.created_at,
      charging_mode: v.charging_mode, grpc_address: v.grpc_address, namesrv_address: v.namesrv_address,
      broker_address: v.broker_address, max_msg_process_tps: v.max_msg_process_tps, used_storage_space: v.used_storage_space,
      storage_space: v.storage_space, product_id: v.product_id, user_id: v.user_id, user_name: v.user_name,
      maintain_begin: v.maintain_begin, available_zones: v.available_zones,
    },
    {
      name: 'reliability-1751840557', engine: 'reliability', status: 'RUNNING', type: 'cluster',
      specification: 'c6.4u8g.cluster * 1 broker', created_at: '1763766902000', charging_mode: 1,
      grpc_address: '127.0.0.1:20001;127.0.0.1:20002', namesrv_address: '127.0.0.1:20003', broker_address: '127.0.0.1:20004',
      max_msg_process_tps: 20_000, used_storage_space: 3, storage_space: 600, product_id: 'c6.4u8g.cluster',
      user_id: 'u1', user_name: 'alice', maintain_begin: '22:00:00', available_zones: ['9f1c5806706d4c1fb0eb72f0a9b18c77'],
    },
  );
  assert.ok(!('subnet_name' in v) && !('vpc_name' in v)); // not known: left out, not invented
  assert.equal(JSON.parse(JSON.stringify(v)).created_at, '1763766902000');
});

test('status words, 5.x types and Alibaba-created instances', () => {
  assert.equal(showInstanceView(instance({ status: 'changing' })).status, 'EXTENDING');
  assert.equal(showInstanceView(instance({ status: 'create-failed' })).status, 'CREATEFAILED');
  const v5 = showInstanceView(instance({ engineVersion: '5.x', flavorId: 'rocketmq.b2.large.8', brokerNum: 2 }));
  assert.deepEqual([v5.type, v5.specification, v5.max_msg_process_tps], ['cluster.basic', 'rocketmq.b2.large.8', 4000]);
  const ali = showInstanceView(instance({ engineVersion: '5.x', flavorId: 'rmq.s2.2xlarge', brokerNum: 2, origin: 'alibaba', attributes: {} }));
  assert.deepEqual([ali.product_id, ali.engine, ali.max_msg_process_tps, ali.type], ['rocketmq.b2.large.4', 'reliability', 2000, 'cluster.basic']);
  const four = showInstanceView(instance({ brokerNum: 3, storageSpaceGb: 900 }));
  assert.deepEqual([four.specification, four.max_msg_process_tps, four.broker_num], ['c6.4u8g.cluster * 3 broker', 60_000, 3]);
});

test('instanceDetailView and listInstancesView', () => {
  const d = instanceDetailView(instance());
  assert.equal(d.disk_encrypted_key, '');
  assert.ok(!('auto_volume_expand_enable' in d));
  const l = listInstancesView([instance(), instance({ huaweiId: 'x' })], 7);
  assert.equal(l.instance_num, 7);
  assert.equal((l.instances as unknown[]).length, 2);
});

test('listProductsView: every Huawei flavour, properties all strings, filters and paging', () => {
  const zones = defaultZones('local').map((z) => z.id);
  const all = listProductsView('reliability', new URLSearchParams(), zones) as { total: number; products: Array<Record<string, any>>; versions: string[]; engine: string };
  assert.equal(all.total, listFlavours({ cloud: 'huawei' }).length);
  assert.deepEqual(all.versions, ['4.8.0', '5.x']);
  for (const p of all.products) {
    for (const [k, v] of Object.entries(p.properties)) assert.equal(typeof v, 'string', `${p.product_id}.${k}`);
    assert.deepEqual(p.ios[0].available_zones, zones);
  }
  const c6 = all.products.find((p) => p.product_id === 'c6.4u8g.cluster')!;
  assert.equal(c6.type, 'cluster');
  assert.deepEqual(
    [c6.properties.max_tps_per_broker, c6.properties.max_topic_per_broker, c6.properties.min_storage_per_node, c6.properties.engine_versions],
    ['20000', '4000', '300', '4.8.0'],
  );
  const one = listProductsView('rocketmq', new URLSearchParams('product_id=rocketmq.b1.large.1')) as { products: Array<Record<string, unknown>> };
  assert.deepEqual(one.products.map((p) => [p.product_id, p.type]), [['rocketmq.b1.large.1', 'single.basic']]);
  const singles = listProductsView('rocketmq', new URLSearchParams('type=single')) as { products: Array<Record<string, unknown>> };
  assert.deepEqual(singles.products.map((p) => p.product_id).sort(), ['rocketmq.b1.large.1', 'rocketmq.p1.large.1']);
  const page = listProductsView('rocketmq', new URLSearchParams('limit=2&offset=1')) as { products: unknown[]; next_offset: number; previous_offset: number };
  assert.deepEqual([page.products.length, page.next_offset, page.previous_offset], [2, 3, 0]);
  assert.throws(() => listProductsView('kafka', new URLSearchParams()), DomainError);
  assert.throws(() => listProductsView('rocketmq', new URLSearchParams('limit=0')), DomainError);
});

test('availableZonesView and quotasView', () => {
  const z = availableZonesView('local') as { region_id: string; available_zones: Array<Record<string, unknown>> };
  assert.equal(z.region_id, 'local');
  assert.equal(z.available_zones.length, 3);
  assert.deepEqual(Object.keys(z.available_zones[0]!).sort(), ['code', 'default_az', 'id', 'ipv6_enable', 'name', 'resource_availability', 'soldOut']);
  assert.match(z.available_zones[0]!.id as string, /^[0-9a-f]{32}$/);
  assert.deepEqual(defaultZones('local'), defaultZones('local'));
  assert.deepEqual(quotasView({ used: 2, quota: 50 }), { quotas: { resources: [{ type: 'rocketmq', quota: 50, used: 2 }] } });
});

test('brokersView and nodesView page over the logical brokers', () => {
  const i = instance({ brokerNum: 3 });
  assert.deepEqual(brokersView(i, { limit: 10, offset: 0 }), {
    total: 3, next_offset: 3, previous_offset: 0,
    brokers: [{ broker_name: 'broker-a', ids: [0] }, { broker_name: 'broker-b', ids: [0] }, { broker_name: 'broker-c', ids: [0] }],
  });
  assert.deepEqual((brokersView(i, { limit: 1, offset: 1 }).brokers as unknown[]).length, 1);
  const n = nodesView(i, { limit: 10, offset: 0 }) as { total: number; nodes: Array<Record<string, unknown>> };
  assert.equal(n.total, 3);
  assert.deepEqual(n.nodes.map((x) => [x.broker_name, x.broker_id, x.address]), [
    ['broker-a', 0, '127.0.0.1:20004'], ['broker-b', 0, '127.0.0.1:20004'], ['broker-c', 0, '127.0.0.1:20004'],
  ]);
  assert.match(n.nodes[0]!.id as string, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.deepEqual(nodesView(i, { limit: 10, offset: 0 }), n); // stable ids
});

test('taskView / tasksView', () => {
  const t = { id: 't1', kind: 'create' as const, status: 'failed' as const, reason: 'no ports', createdAt: 0, updatedAt: 1000 };
  const v = taskView(t, instance());
  assert.deepEqual(v, {
    id: 't1', name: 'createInstance', user_name: '', user_id: '',
    params: JSON.stringify({ instance_id: '11111111-2222-4333-8444-555555555555', instance_name: 'reliability-1751840557', reason: 'no ports' }),
    status: 'FAILED', created_at: '1970-01-01T00:00:00.000Z', updated_at: '1970-01-01T00:00:01.000Z',
  });
  const list = tasksView([t, { ...t, id: 't2', status: 'running', kind: 'restart', reason: '' }], instance());
  assert.equal(list.task_count, '2');
  assert.deepEqual((list.tasks as Array<Record<string, unknown>>).map((x) => [x.name, x.status]), [['createInstance', 'FAILED'], ['restartInstance', 'EXECUTING']]);
});
