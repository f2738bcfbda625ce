// Credentials: bootstrap from the environment or a generated file, CLI management, and secret lookup for verifiers.
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../domain/errors.js';
import { StartupError } from '../startup-error.js';
import type { ChangeVersion } from '../store/change-version.js';
import type { CredentialRepository, CredentialRow } from '../store/credentials.js';
import { newAccessKey, newProjectId, newSecretKey, newUuid } from './ids.js';
import type { SecretBox } from './secret-box.js';
import { deepFreeze, VersionedCache } from './versioned-cache.js';

export interface Credential {
  accessKey: string;
  tenantId: string;
  policy?: unknown;
}

export interface NewCredential {
  accessKey: string;
  secretKey: string;
  projectId: string;
}

export type ResolvedCredential = Readonly<Credential & { secretKey: string }>;

export class CredentialService {
  // Decrypted credentials (parsed policy included) by access key, until the database changes.
  private readonly resolved: VersionedCache<ResolvedCredential | undefined>;

  constructor(
    private readonly repo: CredentialRepository,
    private readonly box: SecretBox,
    changes: ChangeVersion,
  ) {
    this.resolved = new VersionedCache(changes);
  }

  async create(projectId: string, opts: { accessKey?: string; secretKey?: string; policyJson?: string | null; description?: string } = {}): Promise<NewCredential> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(projectId)) throw new DomainError('InvalidParameter', 'project must be 1-64 letters, digits, _ or -', { field: 'project' });
    const accessKey = opts.accessKey ?? newAccessKey();
    const secretKey = opts.secretKey ?? newSecretKey();
    await this.repo.upsert({
      id: newUuid(),
      accessKey,
      secretEnc: this.box.seal(secretKey),
      tenantId: projectId,
      policyJson: opts.policyJson ?? null,
      description: opts.description ?? '',
      createdAt: Date.now(),
    });
    return { accessKey, secretKey, projectId };
  }

  /**
   * The bootstrap credential: HANGAR_ACCESS_KEY/SECRET_KEY/PROJECT_ID when set (created or updated every start), otherwise one
   * generated on first start and written to `<dataDir>/credentials.json` (mode 0600). Returns the file path when one was written.
   */
  async bootstrap(dataDir: string, env: { accessKey?: string; secretKey?: string; projectId?: string }): Promise<string | undefined> {
    if (env.accessKey || env.secretKey || env.projectId) {
      if (!env.accessKey || !env.secretKey || !env.projectId) {
        throw new Error('HANGAR_ACCESS_KEY, HANGAR_SECRET_KEY and HANGAR_PROJECT_ID must be set together');
      }
      await this.create(env.projectId, { accessKey: env.accessKey, secretKey: env.secretKey, description: 'bootstrap (environment)' });
      return undefined;
    }
    const file = path.join(dataDir, 'credentials.json');
    if (fs.existsSync(file)) {
      const saved = readSavedCredential(file);
      if (!(await this.repo.findByAccessKey(saved.accessKey))) await this.create(saved.projectId, { ...saved, description: 'bootstrap (generated)' });
      return file;
    }
    const cred = await this.create(newProjectId(), { description: 'bootstrap (generated)' });
    fs.writeFileSync(file, JSON.stringify({ ...cred, region: undefined }, null, 2) + '\n', { mode: 0o600 });
    return file;
  }

  async list(): Promise<Credential[]> {
    return (await this.repo.list()).map(publicView);
  }

  async remove(accessKey: string): Promise<void> {
    if (!(await this.repo.remove(accessKey))) throw new DomainError('NotFound', `credential ${accessKey} does not exist`, { resource: 'credential' });
  }

  async setPolicy(accessKey: string, policyJson: string | null): Promise<void> {
    if (!(await this.repo.setPolicy(accessKey, policyJson))) throw new DomainError('NotFound', `credential ${accessKey} does not exist`, { resource: 'credential' });
  }

  /**
   * The secret, tenant and policy of an access key, for signature verification. Cached, but checked against the
   * database's change version on every call, so CLI changes (even from another process) apply at once.
   */
  resolve(accessKey: string): Promise<ResolvedCredential | undefined> {
    return this.resolved.get(accessKey, async () => {
      const row = await this.repo.findByAccessKey(accessKey);
      return row && deepFreeze({ ...publicView(row), secretKey: this.box.open(row.secretEnc) });
    });
  }
}

function publicView(r: CredentialRow): Credential {
  return { accessKey: r.accessKey, tenantId: r.tenantId, policy: r.policyJson ? (JSON.parse(r.policyJson) as unknown) : undefined };
}

/** The generated bootstrap credential as saved; a damaged file is named, not overwritten. */
function readSavedCredential(file: string): NewCredential {
  let saved: Partial<NewCredential> | undefined;
  try {
    saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<NewCredential>;
  } catch {
    // reported below
  }
  if (typeof saved?.accessKey !== 'string' || typeof saved.secretKey !== 'string' || typeof saved.projectId !== 'string') {
    throw new StartupError(`credentials file ${file} is damaged (not the JSON Hangar wrote): restore it, or move it away to have a new bootstrap credential made; nothing was changed.`);
  }
  return saved as NewCredential;
}
