// The body of POST /hangar/v1/instances → a neutral create command. Everything but the name has a default, so
// `hangar instances create --name orders` is a complete request. The instance is visible through both clouds' APIs.
import { DEFAULT_STORAGE_SPEC_CODE, ENGINE_VERSIONS, flavour, storageRangeGb } from '../../domain/catalogue.js';
import { invalid } from '../../domain/errors.js';
import { DEFAULT_INSTANCE_OPTIONS, type CreateInstanceCommand, type EngineVersion } from '../../domain/instance.js';
import { readBody } from './fields.js';

/** The flavour an instance gets when the request names none. */
export const DEFAULT_FLAVOR: Record<EngineVersion, string> = { '5.x': 'rocketmq.b2.large.4', '4.8.0': 'c6.4u8g.cluster' };

// Huawei's instance-name rule: the name must be valid in both clouds' APIs.
const NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;

export const parseCreateInstance = (raw: Buffer): CreateInstanceCommand => {
  const b = readBody(raw);
  const name = b.string('name', { required: true, pattern: NAME_RE, patternText: 'start with a letter, then 3 to 63 letters, digits, _ or -' })!;
  const engineVersion = b.enumOf('engineVersion', ENGINE_VERSIONS) ?? '5.x';
  const flavorId = b.string('flavor') ?? DEFAULT_FLAVOR[engineVersion];
  const f = flavour(flavorId);
  if (!f) throw invalid('flavor', `The flavor ${flavorId} is not in the catalogue (e.g. ${DEFAULT_FLAVOR['5.x']}, ${DEFAULT_FLAVOR['4.8.0']}).`);
  if (!f.engineVersions.includes(engineVersion)) {
    throw invalid('flavor', `The flavor ${flavorId} is a flavour of RocketMQ ${f.engineVersions.join('/')}, not of engineVersion ${engineVersion}.`);
  }
  const brokerNum = b.integer('brokers', { min: f.brokers.min, max: f.brokers.max }) ?? f.brokers.default;
  const range = storageRangeGb(f, brokerNum);
  const storageSpaceGb = b.integer('storageGb', { min: range.min, max: range.max }) ?? range.min;
  const description = b.string('description', { max: 1024 }) ?? '';
  return {
    name,
    description,
    engineVersion,
    flavorId: f.id,
    brokerNum,
    storageSpaceGb,
    storageSpecCode: DEFAULT_STORAGE_SPEC_CODE,
    network: { vpcId: 'hangar-local', subnetIds: ['hangar-local'], securityGroupId: 'hangar-local', zones: [] },
    options: { ...DEFAULT_INSTANCE_OPTIONS },
    tags: [],
    origin: f.cloud,
    attributes: f.cloud === 'huawei' ? { engine: engineVersion === '4.8.0' ? 'reliability' : 'rocketmq' } : {},
  };
};
