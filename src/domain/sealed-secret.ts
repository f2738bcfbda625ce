// Authenticated encryption of a short secret (AES-256-GCM), as `v1.<iv>.<tag>.<body>` in base64. The control plane seals
// stored secrets with its master key and the users' secrets it sends to a broker with that instance's broker key.
import crypto from 'node:crypto';

/** A 32-byte AES key from any key text (a hex key file, an operator's passphrase). */
export const aesKeyOf = (keyText: string): Buffer => crypto.createHash('sha256').update(keyText, 'utf8').digest();

export function sealSecret(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

/** Throws when the text was not sealed with this key or was changed. */
export function openSecret(key: Buffer, sealed: string): string {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('sealed secret has an unknown format');
  const d = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  d.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
}
