// What a Huawei operation is given and answers; the route modules and the dispatcher (routes.ts) share it.
import type { Caller } from '../../service/caller.js';
import type { ApiDeps } from '../deps.js';

export interface HuaweiRequest {
  caller: Caller;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Buffer;
  deps: ApiDeps;
}

export interface HuaweiResponse {
  status: number;
  body?: unknown;
  /** The body already serialised (a view kept for an unchanged object); wins over `body`. */
  json?: string;
}

export type HuaweiHandler = (req: HuaweiRequest) => Promise<HuaweiResponse>;

export interface HuaweiOperation {
  name: string;
  run: HuaweiHandler;
}
