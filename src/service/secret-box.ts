// Encrypts stored secrets with the master key (AES-256-GCM). Secrets must stay recoverable: HMAC verification needs them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { aesKeyOf, openSecret, sealSecret } from '../domain/sealed-secret.js';

export const MASTER_KEY_FILE = 'master.key';

/** The master key cannot open the stored secrets (lost, replaced, or another HANGAR_MASTER_KEY). */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

export class SecretBox {
  private readonly key: Buffer;

  constructor(masterKey: string) {
    this.key = aesKeyOf(masterKey);
  }

  /**
   * The master key from HANGAR_MASTER_KEY, or a random key kept in `<dataDir>/master.key` (mode 0600). `sealedSample` is
   * one secret the database holds, if it holds any: the key must open it, and no new key is made while it exists — a
   * new key would leave every stored secret unreadable (each request would then fail).
   */
  static open(dataDir: string, masterKey?: string, sealedSample?: string): SecretBox {
    if (masterKey) {
      const box = new SecretBox(masterKey);
      if (sealedSample !== undefined && !box.opens(sealedSample)) {
        throw new MasterKeyError('HANGAR_MASTER_KEY does not open the secrets stored in the database: set it to the key they were stored with (nothing was changed).');
      }
      return box;
    }
    const file = path.join(dataDir, MASTER_KEY_FILE);
    if (!fs.existsSync(file)) {
      if (sealedSample !== undefined) {
        throw new MasterKeyError(
          `master key ${file} is missing but the database holds secrets encrypted with it: restore the file from a backup (or set HANGAR_MASTER_KEY to its content); no new key is made while those secrets exist.`,
        );
      }
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      try {
        fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    const key = fs.readFileSync(file, 'utf8').trim();
    if (key === '') throw new MasterKeyError(`master key ${file} is empty: restore it from a backup (or set HANGAR_MASTER_KEY); nothing was changed.`);
    const box = new SecretBox(key);
    if (sealedSample !== undefined && !box.opens(sealedSample)) {
      throw new MasterKeyError(
        `master key ${file} does not open the secrets stored in the database: restore the key file they were stored with from a backup (or set HANGAR_MASTER_KEY to it); nothing was changed.`,
      );
    }
    return box;
  }

  /** Whether `sealed` was sealed with this key. */
  opens(sealed: string): boolean {
    try {
      this.open(sealed);
      return true;
    } catch {
      return false;
    }
  }

  seal(plain: string): string {
    return sealSecret(this.key, plain);
  }

  open(sealed: string): string {
    return openSecret(this.key, sealed);
  }

  /** A key of its own for one purpose (a broker's key for the secrets sent to it), the same in every process. */
  derive(label: string): string {
    return crypto.createHmac('sha256', this.key).update(label, 'utf8').digest('hex');
  }
}
