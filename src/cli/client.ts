// The CLI's client of Hangar's own API: requests signed like a Huawei SDK request (SDK-HMAC-SHA256) with a credential
// from --credentials FILE, HANGAR_ACCESS_KEY/HANGAR_SECRET_KEY, or the server's generated .hangar/credentials.json.
import fs from 'node:fs';
import { signHuaweiRequest } from '../api/huawei/signature.js';
import { CliError, usageError } from './errors.js';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8080';
export const DEFAULT_CREDENTIALS_FILE = '.hangar/credentials.json';

export interface Credential {
  accessKey: string;
  secretKey: string;
  projectId?: string;
}

export interface RemoteOptions {
  endpoint?: string;
  credentials?: string;
}

/** The credential to sign with: an explicit file, else the environment, else the default file. */
export function loadCredential(opts: RemoteOptions, env: NodeJS.ProcessEnv = process.env): Credential {
  const fromEnv = env['HANGAR_ACCESS_KEY'] && env['HANGAR_SECRET_KEY'];
  if (!opts.credentials && fromEnv) {
    return { accessKey: env['HANGAR_ACCESS_KEY']!, secretKey: env['HANGAR_SECRET_KEY']!, projectId: env['HANGAR_PROJECT_ID'] || undefined };
  }
  const file = opts.credentials ?? DEFAULT_CREDENTIALS_FILE;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw usageError(`no credential: cannot read ${file}`, 'pass --credentials FILE (the server writes .hangar/credentials.json) or set HANGAR_ACCESS_KEY and HANGAR_SECRET_KEY');
  }
  let c: Partial<Credential>;
  try {
    c = JSON.parse(text) as Partial<Credential>;
  } catch {
    throw usageError(`${file} is not JSON`, 'it should look like {"accessKey": "…", "secretKey": "…", "projectId": "…"}');
  }
  if (typeof c.accessKey !== 'string' || typeof c.secretKey !== 'string') {
    throw usageError(`${file} has no accessKey and secretKey`, 'it should look like {"accessKey": "…", "secretKey": "…", "projectId": "…"}');
  }
  return { accessKey: c.accessKey, secretKey: c.secretKey, projectId: typeof c.projectId === 'string' ? c.projectId : undefined };
}

export function endpointOf(opts: RemoteOptions, env: NodeJS.ProcessEnv = process.env): URL {
  const raw = opts.endpoint ?? (env['HANGAR_ENDPOINT'] || DEFAULT_ENDPOINT);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`--endpoint ${raw} is not a URL`, 'e.g. --endpoint http://127.0.0.1:8080');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`--endpoint ${raw} is not an http(s) URL`, 'e.g. --endpoint http://127.0.0.1:8080');
  return url;
}

export class HangarClient {
  constructor(
    readonly endpoint: URL,
    private readonly credential?: Credential,
  ) {}

  static of(opts: RemoteOptions): HangarClient {
    return new HangarClient(endpointOf(opts), loadCredential(opts));
  }

  /** A signed call of Hangar's API; the answer's JSON, or a CliError with the server's message. */
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = this.credential
      ? signHuaweiRequest({
          method,
          url: path,
          host: this.endpoint.host,
          body: text,
          ak: this.credential.accessKey,
          sk: this.credential.secretKey,
          date: new Date(),
        })
      : { 'Content-Type': 'application/json' };
    delete headers['host'];
    return this.send<T>(method, path, headers, text);
  }

  /** An unsigned GET (/healthz): the status code and the JSON. */
  async get<T = unknown>(path: string): Promise<{ status: number; body: T }> {
    const r = await this.fetch('GET', path, {});
    return { status: r.status, body: (await r.json()) as T };
  }

  private async send<T>(method: string, path: string, headers: Record<string, string>, body?: string): Promise<T> {
    const r = await this.fetch(method, path, headers, body);
    const text = await r.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new CliError(`${this.endpoint.origin} answered ${r.status} with something that is not JSON: is it Hangar?`);
    }
    if (!r.ok) {
      const e = (parsed ?? {}) as { code?: string; message?: string };
      throw new CliError(`${e.message ?? `HTTP ${r.status}`}${e.code ? ` (${e.code})` : ''}`);
    }
    return parsed as T;
  }

  private async fetch(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Response> {
    try {
      return await fetch(new URL(path, this.endpoint), { method, headers, body });
    } catch (e) {
      const why = (e as { cause?: { code?: string } }).cause?.code ?? (e instanceof Error ? e.message : String(e));
      throw new CliError(`cannot reach Hangar at ${this.endpoint.origin} (${why})`, 1, 'is `hangar serve` running? Point to it with --endpoint URL or HANGAR_ENDPOINT');
    }
  }
}
