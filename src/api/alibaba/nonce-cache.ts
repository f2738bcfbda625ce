// Where signature nonces are remembered for the replay window so a captured request cannot be sent twice (the service
// keeps them in the database). Entries older than the window may be forgotten: a request that old is refused by its date.

export const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;

export interface NonceLedger {
  /** Records the nonce key; resolves false when it was already seen within the window. */
  remember(key: string, nowMs: number): Promise<boolean>;
}
