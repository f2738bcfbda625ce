// Table shapes as Kysely sees them. Times are epoch milliseconds; *_json columns hold JSON text.
import type { Generated } from 'kysely';

export interface CredentialsTable {
  id: string;
  access_key: string;
  /** The secret, encrypted with the master key (HMAC verification needs the raw secret, so it cannot be hashed). */
  secret_enc: string;
  tenant_id: string;
  /** RAM-style policy document; null means full access to the tenant. */
  policy_json: string | null;
  description: string;
  created_at: number;
}

export interface InstancesTable {
  id: string;
  tenant_id: string;
  huawei_id: string;
  alibaba_id: string;
  name: string;
  status: string;
  status_reason: string;
  /** When the status last changed (drives grace periods). */
  status_since: number;
  /** The rest of the neutral model (spec, network, options, attributes). */
  spec_json: string;
  endpoints_json: string;
  /** The driver's placement of the instance (for the embedded driver, its broker ports), JSON. */
  ports_json: string;
  client_token: string | null;
  used_storage_bytes: number;
  created_at: number;
  updated_at: number;
}

export interface TasksTable {
  id: string;
  tenant_id: string;
  instance_id: string;
  kind: string;
  status: string;
  reason: string;
  created_at: number;
  updated_at: number;
}

export interface TopicsTable {
  instance_id: string;
  name: string;
  spec_json: string;
  created_at: number;
  updated_at: number;
}

export interface GroupsTable {
  instance_id: string;
  name: string;
  spec_json: string;
  created_at: number;
  updated_at: number;
}

export interface SignatureNoncesTable {
  /** sha256 of the access key and the nonce, hex. */
  nonce_key: string;
  seen_at: number;
}

export interface MigrationMarker {
  id: Generated<number>;
}

export interface Database {
  credentials: CredentialsTable;
  instances: InstancesTable;
  tasks: TasksTable;
  topics: TopicsTable;
  groups: GroupsTable;
  signature_nonces: SignatureNoncesTable;
}
