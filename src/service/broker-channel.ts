// Applies changes to a RUNNING instance's broker through its typed admin interface, so a client can use them when the
// call returns. Which driver runs the broker, and how it is reached, is the driver's business.
import { DomainError } from '../domain/errors.js';
import type { Instance } from '../domain/instance.js';
import { BrokerAdminError, type BrokerAdmin } from '../provision/broker-admin.js';
import type { ProvisionDriver } from '../provision/driver.js';
import { stateConflict } from './instances.js';

export class BrokerChannel {
  constructor(private readonly driver: Pick<ProvisionDriver, 'admin'>) {}

  /** Runs one admin call on the instance's broker; a broker that refuses or cannot be reached is a StateConflict. */
  async call<T>(i: Instance, fn: (admin: BrokerAdmin) => Promise<T>): Promise<T> {
    if (i.status !== 'running') throw stateConflict(i);
    const admin = this.driver.admin(i.id);
    if (!admin) throw stateConflict(i);
    try {
      return await fn(admin);
    } catch (e) {
      if (e instanceof BrokerAdminError && e.notFound) throw new DomainError('NotFound', e.message);
      throw new DomainError('StateConflict', `The broker of ${i.name} did not accept the change; retry later.`, { resource: 'instance', cause: e });
    }
  }

  /**
   * Like call, for requests whose refusals are the caller's mistake (a message the topic does not take, a bad query):
   * the broker's 400 is an InvalidParameter with its message, its 404 what `notFound` makes (NotFound by default).
   */
  async ask<T>(i: Instance, fn: (admin: BrokerAdmin) => Promise<T>, notFound?: () => DomainError): Promise<T> {
    try {
      return await this.call(i, fn);
    } catch (e) {
      const cause = e instanceof DomainError ? e.cause : undefined;
      if (cause instanceof BrokerAdminError && cause.status === 400) {
        // The instance's send TPS or storage is used up: not the request's fault.
        const code = cause.code === 'TOO_MANY_REQUESTS' ? 'QuotaExceeded' : cause.code === 'STORE_FULL' ? 'ResourceExhausted' : 'InvalidParameter';
        throw new DomainError(code, `${cause.message}.`, { cause });
      }
      if (notFound && e instanceof DomainError && e.code === 'NotFound') throw notFound();
      throw e;
    }
  }
}
