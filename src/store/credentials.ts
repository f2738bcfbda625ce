// API credentials: an access key, its encrypted secret, its tenant (project) and an optional policy.
import type { Db } from './db.js';
import type { CredentialsTable } from './schema.js';

export interface CredentialRow {
  id: string;
  accessKey: string;
  secretEnc: string;
  tenantId: string;
  policyJson: string | null;
  description: string;
  createdAt: number;
}

export class CredentialRepository {
  constructor(private readonly db: Db) {}

  async upsert(c: CredentialRow): Promise<void> {
    await this.db
      .insertInto('credentials')
      .values({
        id: c.id,
        access_key: c.accessKey,
        secret_enc: c.secretEnc,
        tenant_id: c.tenantId,
        policy_json: c.policyJson,
        description: c.description,
        created_at: c.createdAt,
      })
      .onConflict((oc) =>
        oc.column('access_key').doUpdateSet({ secret_enc: c.secretEnc, tenant_id: c.tenantId, policy_json: c.policyJson, description: c.description }),
      )
      .execute();
  }

  async findByAccessKey(accessKey: string): Promise<CredentialRow | undefined> {
    const r = await this.db.selectFrom('credentials').selectAll().where('access_key', '=', accessKey).executeTakeFirst();
    return r && map(r);
  }

  /** One stored encrypted secret, if any: proof that a master key is the one the secrets were sealed with. */
  async anySealedSecret(): Promise<string | undefined> {
    return (await this.db.selectFrom('credentials').select('secret_enc').limit(1).executeTakeFirst())?.secret_enc;
  }

  async list(): Promise<CredentialRow[]> {
    return (await this.db.selectFrom('credentials').selectAll().orderBy('created_at').execute()).map(map);
  }

  async remove(accessKey: string): Promise<boolean> {
    const r = await this.db.deleteFrom('credentials').where('access_key', '=', accessKey).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async setPolicy(accessKey: string, policyJson: string | null): Promise<boolean> {
    const r = await this.db.updateTable('credentials').set({ policy_json: policyJson }).where('access_key', '=', accessKey).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}

function map(r: CredentialsTable): CredentialRow {
  return {
    id: r.id,
    accessKey: r.access_key,
    secretEnc: r.secret_enc,
    tenantId: r.tenant_id,
    policyJson: r.policy_json,
    description: r.description,
    createdAt: Number(r.created_at),
  };
}
