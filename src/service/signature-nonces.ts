// Signature nonces seen within the replay window, kept in the database: a signed request cannot be sent twice, also
// not after a restart or to another replica sharing the database.
import crypto from 'node:crypto';
import type { NonceRepository } from '../store/nonces.js';

export class SignatureNonces {
  private lastSweep = 0;

  constructor(
    private readonly repo: NonceRepository,
    private readonly windowMs: number,
  ) {}

  /** Records `key` (access key and nonce); false when it was already seen within the window. */
  async remember(key: string, nowMs: number): Promise<boolean> {
    // Old keys are dropped now and then (by whichever replica comes first); claim() ignores them meanwhile.
    if (nowMs - this.lastSweep > this.windowMs / 15) {
      this.lastSweep = nowMs;
      await this.repo.forgetBefore(nowMs - this.windowMs);
    }
    const hashed = crypto.createHash('sha256').update(key, 'utf8').digest('hex');
    return this.repo.claim(hashed, nowMs, nowMs - this.windowMs);
  }
}
