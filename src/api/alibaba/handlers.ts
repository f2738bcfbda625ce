// Action name → handler. Each handler returns the envelope's `data` (undefined for none); errors are thrown.
import type { Caller } from '../../service/caller.js';
import type { ApiDeps } from '../deps.js';
import { accessHandlers } from './access-handlers.js';
import { groupHandlers } from './group-handlers.js';
import { instanceHandlers } from './instance-handlers.js';
import { regionHandlers } from './region-handlers.js';
import { subscriptionHandlers } from './subscription-handlers.js';
import { tagHandlers } from './tag-handlers.js';
import { topicHandlers } from './topic-handlers.js';

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

export const HANDLERS: Record<string, AlibabaHandler> = {
  ...instanceHandlers,
  ...topicHandlers,
  ...groupHandlers,
  ...subscriptionHandlers,
  ...accessHandlers,
  ...regionHandlers,
  ...tagHandlers,
};
