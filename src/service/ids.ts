// Identifiers: a UUID per instance for Huawei, an rmq-cn-… id for Alibaba, random keys for credentials.
import crypto from 'node:crypto';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export const newUuid = (): string => crypto.randomUUID();

/** `rmq-cn-` + 11 lowercase letters or digits, as Alibaba's ids look. */
export function newAlibabaInstanceId(): string {
  const bytes = crypto.randomBytes(11);
  let s = '';
  for (const b of bytes) s += ALNUM[b % ALNUM.length];
  return `rmq-cn-${s}`;
}

export function newAccessKey(): string {
  return 'HGR' + crypto.randomBytes(10).toString('hex').toUpperCase().slice(0, 17);
}

export function newSecretKey(): string {
  return crypto.randomBytes(30).toString('base64url');
}

export function newProjectId(): string {
  return crypto.randomBytes(16).toString('hex');
}
