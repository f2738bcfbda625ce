// Client of a broker's loopback admin API, authenticated by the token from the broker's config file.
import type { BrokerAdmin } from '../driver.js';

export class BrokerAdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class HttpBrokerAdmin implements BrokerAdmin {
  constructor(
    private readonly port: number,
    private readonly token: string,
  ) {}

  async request<T = unknown>(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown, timeoutMs = 5000): Promise<T> {
    const res = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const e = (parsed ?? {}) as { code?: string; message?: string };
      throw new BrokerAdminError(res.status, e.code ?? 'AdminError', e.message ?? `admin ${method} ${path} answered ${res.status}`);
    }
    return parsed as T;
  }
}
