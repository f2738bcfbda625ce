// A Hangar server for the bench (the real `hangar serve` as a child process, via the e2e tests' launcher) and a lean
// client of its Huawei API that signs each request like the official SDK (signHuaweiRequest) without the SDK's own
// per-call overhead, so a load generator measures the server.
import * as http from 'node:http';
import { signHuaweiRequest } from '../../src/api/huawei/signature.js';
import { brokerPortWindow, Hangar, TEST_AK, TEST_PROJECT, TEST_SK } from '../../test/helpers/hangar.js';

export { brokerPortWindow, Hangar, TEST_PROJECT };

/** The control plane's databases that control-plane scenarios measure side by side. */
export const DATABASES = ['sqlite', 'postgres'] as const;
export type BenchDatabase = (typeof DATABASES)[number];

/**
 * Starts `hangar serve` with the server's default settings, except what a throwaway bench server needs. On postgres, a
 * database of its own on the test server (HANGAR_TEST_DATABASE_URL), dropped by destroy().
 */
export async function startHangar(env: Record<string, string> = {}, opts: { dataDir?: string; database?: BenchDatabase } = {}): Promise<Hangar> {
  // The test launcher shortens the reconcile interval and quiets logs; a bench measures the defaults users run.
  return Hangar.start({
    detached: true,
    env: { HANGAR_RECONCILE_INTERVAL_MS: '1000', HANGAR_LOG_LEVEL: 'warn', ...env },
    database: opts.database ?? 'sqlite',
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
  });
}

export class HuaweiApiError extends Error {
  readonly code = 'BENCH_HUAWEI_API';
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} -> HTTP ${status}: ${body.slice(0, 300)}`);
    this.name = 'HuaweiApiError';
  }
}

export interface ApiResponse {
  status: number;
  body: string;
}

export class HuaweiApi {
  readonly host: string;
  readonly port: number;
  readonly agent: http.Agent;

  constructor(
    url: string,
    maxSockets = 64,
    private readonly creds = { ak: TEST_AK, sk: TEST_SK, projectId: TEST_PROJECT },
  ) {
    const u = new URL(url);
    this.host = u.host;
    this.port = Number(u.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  get projectId(): string {
    return this.creds.projectId;
  }

  /** One signed request; resolves with status and body whatever the status. */
  request(method: string, target: string, body?: unknown): Promise<ApiResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = signHuaweiRequest({ method, url: target, host: this.host, body: payload, ...this.creds, date: new Date() });
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path: target, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** A request that must succeed (2xx); returns the parsed JSON body. */
  async call<T = Record<string, unknown>>(method: string, target: string, body?: unknown): Promise<T> {
    const r = await this.request(method, target, body);
    if (r.status < 200 || r.status > 299) throw new HuaweiApiError(r.status, r.body, `${method} ${target}`);
    return (r.body === '' ? {} : JSON.parse(r.body)) as T;
  }

  instancePath(instanceId?: string): string {
    return `/v2/${this.creds.projectId}/instances${instanceId === undefined ? '' : `/${instanceId}`}`;
  }

  /** POST /v2/{project_id}/instances: a 5.x instance; returns its id at once (status CREATING). */
  async createInstance(name: string, productId = 'rocketmq.b2.large.4', brokerNum = 1, extra: Record<string, unknown> = {}): Promise<string> {
    const r = await this.call<{ instance_id: string }>('POST', this.instancePath(), {
      name,
      engine: 'rocketmq',
      engine_version: '5.x',
      storage_space: 300,
      vpc_id: '3db8490c-4d6d-4d8f-8d3f-047b0de4c5cf',
      subnet_id: '0a0f1fcb-f019-458d-b9e5-301867394d50',
      security_group_id: '23c5977f-ff33-4b95-a73e-08d8a0bc4e6c',
      available_zones: ['9f1c5806706d4c1fb0eb72f0a9b18c77'],
      product_id: productId,
      storage_spec_code: 'dms.physical.storage.ultra.v2',
      broker_num: brokerNum,
      ...extra,
    });
    return r.instance_id;
  }

  showInstance(instanceId: string): Promise<{ status: string; grpc_address?: string }> {
    return this.call('GET', this.instancePath(instanceId));
  }

  /** Polls the instance until it is RUNNING (or failed); returns its view. */
  async waitRunning(instanceId: string, timeoutMs = 60_000, pollMs = 20): Promise<{ status: string; grpc_address?: string }> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.showInstance(instanceId);
      if (s.status === 'RUNNING') return s;
      if (s.status === 'CREATEFAILED' || s.status === 'ERROR') {
        const { tasks } = await this.call<{ tasks: { name: string; status: string; params?: string }[] }>('GET', `${this.instancePath(instanceId)}/tasks`);
        throw new Error(`instance ${instanceId} is ${s.status}: ${JSON.stringify(tasks)}`);
      }
      if (Date.now() > until) throw new Error(`instance ${instanceId} not RUNNING after ${timeoutMs} ms (${s.status})`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  async createTopic(instanceId: string, name: string, queueNum?: number): Promise<void> {
    await this.call('POST', `${this.instancePath(instanceId)}/topics`, { name, message_type: 'NORMAL', ...(queueNum ? { queue_num: queueNum } : {}) });
  }

  async createGroup(instanceId: string, name: string): Promise<void> {
    await this.call('POST', `${this.instancePath(instanceId)}/groups`, { name });
  }

  /** A Huawei user of an instance with access control on (admin: may use every topic and group). */
  async createUser(instanceId: string, accessKey: string, secretKey: string): Promise<void> {
    await this.call('POST', `${this.instancePath(instanceId)}/users`, { access_key: accessKey, secret_key: secretKey, admin: true });
  }

  close(): void {
    this.agent.destroy();
  }
}
