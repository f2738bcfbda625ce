// Encrypts stored secrets with the master key (AES-256-GCM). Secrets must stay recoverable: HMAC verification needs them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class SecretBox {
  private readonly key: Buffer;

  constructor(masterKey: string) {
    this.key = crypto.createHash('sha256').update(masterKey, 'utf8').digest();
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
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('sealed secret has an unknown format');
    const d = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
  }
}
