// A complete neutral instance for tests that need one without going through an API; override what the test is about.
import { DEFAULT_INSTANCE_OPTIONS, type Instance } from '../../src/domain/instance.js';

export const testInstance = (over: Partial<Instance> = {}): Instance => ({
  id: 'i1',
  tenantId: 't',
  huaweiId: 'hw',
  alibabaId: 'rmq-cn-1',
  name: 'n',
  description: '',
  engineVersion: '5.x',
  flavorId: 'c6.4u8g.cluster',
  brokerNum: 1,
  storageSpaceGb: 300,
  storageSpecCode: 'dms.physical.storage.ultra.v2',
  network: { vpcId: 'v', subnetIds: ['s'], securityGroupId: 'g', zones: ['z'] },
  options: DEFAULT_INSTANCE_OPTIONS,
  tags: [],
  origin: 'huawei',
  attributes: {},
  status: 'creating',
  statusReason: '',
  endpoints: { grpc: [], namesrv: [], broker: [] },
  usedStorageBytes: 0,
  createdAt: 1,
  updatedAt: 1,
  ...over,
});
