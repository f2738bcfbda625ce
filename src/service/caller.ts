// Who is calling: resolved by a dialect from the request's credential. Services receive nothing HTTP-shaped.
export interface Caller {
  tenantId: string;
  accessKey: string;
  /** Parsed RAM-style policy document attached to the credential; undefined means full access to the tenant. */
  policy?: unknown;
  dialect: 'huawei' | 'alibaba' | 'cli';
  requestId: string;
  /** Region the request was made in (resource names of policies carry it). */
  region?: string;
}
