// Token bucket for TPS limits (the instance's spec, a topic's maxSendTps, a group's maxReceiveTps): refilled
// continuously, bursts up to one second's worth.
export class TokenBucket {
  #rate: number;
  #tokens: number;
  #last: number;

  constructor(ratePerSecond: number, now = Date.now()) {
    this.#rate = ratePerSecond;
    this.#tokens = ratePerSecond;
    this.#last = now;
  }

  get rate(): number {
    return this.#rate;
  }

  setRate(ratePerSecond: number): void {
    this.#rate = ratePerSecond;
    this.#tokens = Math.min(this.#tokens, ratePerSecond);
  }

  /** Takes n tokens if at least one is available (a batch may go into debt); false when exhausted. */
  take(n = 1, now = Date.now()): boolean {
    this.#tokens = Math.min(this.#rate, this.#tokens + ((now - this.#last) / 1000) * this.#rate);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= n;
    return true;
  }
}
