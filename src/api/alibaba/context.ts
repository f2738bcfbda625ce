// What an Alibaba operation handler is given and returns; the handler modules and the dispatcher (routes.ts) share it.
import type { Caller } from '../../service/caller.js';
import type { ApiDeps } from '../deps.js';

export interface AlibabaContext {
  caller: Caller;
  params: Record<string, string>;
  /** Decoded query parameters. */
  query: Record<string, string>;
  body: Buffer;
  deps: ApiDeps;
  action: string;
}

export type AlibabaHandler = (ctx: AlibabaContext) => Promise<unknown>;
