// Who is calling: resolved by a dialect from the request's credential. Services receive nothing HTTP-shaped.
export interface Caller {
  tenantId: string;
  accessKey: string;
  /** Parsed RAM-style policy document attached to the credential; undefined means full access to the tenant. */
  policy?: unknown;
  /** The API the request came through ('hangar': Hangar's own /hangar/v1/, which the CLI uses). */
  dialect: 'huawei' | 'alibaba' | 'hangar' | 'cli';
  requestId: string;
  /** Region the request was made in (resource names of policies carry it). */
  region?: string;
}
