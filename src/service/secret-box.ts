// Encrypts stored secrets with the master key (AES-256-GCM). Secrets must stay recoverable: HMAC verification needs them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { aesKeyOf, openSecret, sealSecret } from '../domain/sealed-secret.js';

export class SecretBox {
  private readonly key: Buffer;

  constructor(masterKey: string) {
    this.key = aesKeyOf(masterKey);
  }

  /** The master key from HANGAR_MASTER_KEY, or a random key kept in `<dataDir>/master.key` (mode 0600). */
  static open(dataDir: string, masterKey?: string): SecretBox {
    if (masterKey) return new SecretBox(masterKey);
    const file = path.join(dataDir, 'master.key');
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    return new SecretBox(fs.readFileSync(file, 'utf8').trim());
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
