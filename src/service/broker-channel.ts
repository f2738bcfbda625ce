// Applies changes to a RUNNING instance's broker through its admin API, so a client can use them when the call returns.
import { DomainError } from '../domain/errors.js';
import type { Instance } from '../domain/instance.js';
import type { ProvisionDriver } from '../provision/driver.js';
import { stateConflict } from './instances.js';

export class BrokerChannel {
  constructor(private readonly driver: ProvisionDriver) {}

  async call<T = unknown>(i: Instance, method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    if (i.status !== 'running') throw stateConflict(i);
    const admin = this.driver.admin(i.id);
    if (!admin) throw stateConflict(i);
    try {
      return await admin.request<T>(method, path, body);
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status === 404) throw new DomainError('NotFound', (e as Error).message);
      throw new DomainError('StateConflict', `The broker of ${i.name} did not accept the change; retry later.`, { resource: 'instance', cause: e });
    }
  }
}

export const adminPath = (...parts: string[]): string => '/v1/' + parts.map((p) => encodeURIComponent(p)).join('/');
