// The neutral instance model shared by both dialects. No cloud spelling here: dialects translate.
import type { InstanceStatus } from './status.js';
import type { TlsMode } from './tls.js';

export type EngineVersion = '4.8.0' | '5.x';

export interface Tag {
  key: string;
  value: string;
}

export interface NetworkPlacement {
  vpcId: string;
  subnetIds: string[]; // Huawei subnet_id, Alibaba vSwitches
  securityGroupId: string;
  zones: string[];
}

/** Options the create call may set; a dialect refuses those Hangar cannot honour yet. */
export interface InstanceOptions {
  /** True when tlsMode serves TLS (SSL or PERMISSIVE): kept in step with tlsMode. */
  sslEnable: boolean;
  tlsMode: TlsMode;
  enableAcl: boolean;
  /** With access control on, clients without credentials are still let in on the private endpoint (Alibaba
   * `defaultVpcAuthFree`). */
  vpcAuthFree: boolean;
  ipv6Enable: boolean;
  proxyEnable: boolean;
  enablePublicIp: boolean;
  publicIpId: string;
  diskEncrypted: boolean;
  archType: 'X86' | 'ARM';
  enterpriseProjectId: string;
}

/** What an instance gets for each option its create request does not set. */
export const DEFAULT_INSTANCE_OPTIONS: Readonly<InstanceOptions> = Object.freeze({
  sslEnable: false,
  tlsMode: 'PLAINTEXT',
  enableAcl: false,
  vpcAuthFree: false,
  ipv6Enable: false,
  proxyEnable: false,
  enablePublicIp: false,
  publicIpId: '',
  diskEncrypted: false,
  archType: 'X86',
  enterpriseProjectId: '0',
});

/** Fields only one cloud knows; stored and echoed by that dialect, ignored by the other. */
export type DialectAttributes = Record<string, unknown>;

export interface CreateInstanceCommand {
  name: string;
  description: string;
  engineVersion: EngineVersion;
  /** Catalogue flavour id, in the creating cloud's spelling (a Huawei product_id or an Alibaba msgProcessSpec). */
  flavorId: string;
  brokerNum: number;
  storageSpaceGb: number;
  storageSpecCode: string;
  network: NetworkPlacement;
  options: InstanceOptions;
  /** How long the broker keeps messages; absent: the server's default (HANGAR_STORE_RETENTION_MS). */
  messageRetentionHours?: number;
  tags: Tag[];
  /** Which dialect created it, and that dialect's extra attributes. */
  origin: 'huawei' | 'alibaba';
  attributes: DialectAttributes;
}

export interface Endpoints {
  /** host:port of each gRPC (5.x) endpoint. */
  grpc: string[];
  /** host:port of the 4.x name server(s) and brokers; empty until the remoting protocol is served. */
  namesrv: string[];
  broker: string[];
}

export interface Instance extends CreateInstanceCommand {
  id: string; // internal id
  tenantId: string;
  huaweiId: string; // UUID
  alibabaId: string; // rmq-cn-xxxxxxxxxxx
  status: InstanceStatus;
  /** Why the instance is in error / create-failed, for humans. */
  statusReason: string;
  endpoints: Endpoints;
  usedStorageBytes: number;
  createdAt: number; // epoch ms
  updatedAt: number;
}

export interface UpdateInstanceCommand {
  name?: string;
  description?: string;
  securityGroupId?: string;
  enableAcl?: boolean;
  vpcAuthFree?: boolean;
  enablePublicIp?: boolean;
  publicIpId?: string;
  enterpriseProjectId?: string;
  messageRetentionHours?: number;
  tags?: Tag[];
  attributes?: DialectAttributes;
}

/** Logical broker names of an instance: broker-a, broker-b, … */
export const brokerNames = (brokerNum: number): string[] =>
  Array.from({ length: Math.max(1, brokerNum) }, (_, i) => `broker-${String.fromCharCode(97 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}`);
