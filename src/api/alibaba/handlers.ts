// Action name → handler. Each handler returns the envelope's `data` (undefined for none); errors are thrown.
import type { AlibabaHandler } from './context.js';
import { accessHandlers } from './access-handlers.js';
import { groupHandlers } from './group-handlers.js';
import { instanceHandlers } from './instance-handlers.js';
import { messageHandlers } from './message-handlers.js';
import { regionHandlers } from './region-handlers.js';
import { consumerHandlers } from './consumer-handlers.js';
import { subscriptionHandlers } from './subscription-handlers.js';
import { tagHandlers } from './tag-handlers.js';
import { topicHandlers } from './topic-handlers.js';

export const HANDLERS: Record<string, AlibabaHandler> = {
  ...instanceHandlers,
  ...topicHandlers,
  ...groupHandlers,
  ...subscriptionHandlers,
  ...consumerHandlers,
  ...accessHandlers,
  ...regionHandlers,
  ...tagHandlers,
  ...messageHandlers,
};
