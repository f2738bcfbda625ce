// The test clock (HANGAR_TEST_CLOCK=1): one adjustable clock read by the control plane and, through the driver, by every
// broker. Moving it forward moves all of them before the call returns, so a test sees delays and check-backs fire
// without sleeping. Off by default; while off, every operation is NotFound (nothing to see).
import { type AdjustableClock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import type { ProvisionDriver } from '../provision/driver.js';
import type { Caller } from './caller.js';

/** Largest single step (a year): keeps a typo from pushing every timer past any test's horizon. */
const MAX_ADVANCE_MS = 366 * 24 * 3_600_000;

export class TestClockService {
  constructor(
    private readonly clock: AdjustableClock | undefined,
    private readonly driver: Pick<ProvisionDriver, 'syncClock'>,
  ) {}

  get enabled(): boolean {
    return this.clock !== undefined;
  }

  now(): number {
    return this.on().now();
  }

  /** Now on the clock the brokers store with: the test clock when it is on, else the system's. */
  storeNow(): number {
    return this.clock ? this.clock.now() : Date.now();
  }

  /** Moves the clock forward by ms for the control plane and every broker; resolves with the new time. */
  async advance(_caller: Caller, ms: unknown): Promise<number> {
    const clock = this.on();
    if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
      throw new DomainError('InvalidParameter', `advanceMs must be an integer from 0 to ${MAX_ADVANCE_MS}, got ${JSON.stringify(ms)}.`, { field: 'advanceMs' });
    }
    clock.advance(ms);
    await this.driver.syncClock();
    return clock.now();
  }

  private on(): AdjustableClock {
    if (!this.clock) throw new DomainError('NotFound', 'The test clock is off (start Hangar with HANGAR_TEST_CLOCK=1).');
    return this.clock;
  }
}
