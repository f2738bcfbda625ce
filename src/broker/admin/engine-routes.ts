// Admin routes that change and read the engine's topics and groups (the control plane's channel into a running broker).
import type { Engine } from '../engine/index.js';
import { isEngineError } from '../engine/index.js';
import type { BrokerMetadata, GroupSpec, TopicSpec } from '../engine/types.js';
import { AdminError, type AdminRoute } from './server.js';

const name = '([^/]+)';

/** Engine refusals (bad metadata) answer 400 with the engine's code; unknown names 404. */
async function guard<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isEngineError(e)) throw new AdminError(e.code.endsWith('NOT_FOUND') ? 404 : 400, e.code, e.message);
    throw e;
  }
}

function known(engine: Engine, kind: 'topic' | 'group', n: string): void {
  const exists = kind === 'topic' ? engine.topic(n) : engine.group(n);
  if (!exists) throw new AdminError(404, `${kind.toUpperCase()}_NOT_FOUND`, `${kind} ${n} does not exist`);
}

export function engineRoutes(engine: Engine): AdminRoute[] {
  return [
    { method: 'GET', pattern: /^\/v1\/metadata$/, handle: () => engine.metadata() },
    { method: 'PUT', pattern: /^\/v1\/metadata$/, handle: ({ body }) => guard(() => engine.applyMetadata(body as BrokerMetadata)) },
    { method: 'PUT', pattern: new RegExp(`^/v1/topics/${name}$`), handle: ({ params, body }) => guard(() => engine.upsertTopic({ ...(body as TopicSpec), name: params[0]! })) },
    { method: 'DELETE', pattern: new RegExp(`^/v1/topics/${name}$`), handle: ({ params }) => guard(() => engine.deleteTopic(params[0]!)) },
    {
      method: 'GET',
      pattern: new RegExp(`^/v1/topics/${name}/status$`),
      handle: ({ params }) => {
        known(engine, 'topic', params[0]!);
        return engine.topicStatus(params[0]!);
      },
    },
    { method: 'PUT', pattern: new RegExp(`^/v1/groups/${name}$`), handle: ({ params, body }) => guard(() => engine.upsertGroup({ ...(body as GroupSpec), name: params[0]! })) },
    { method: 'DELETE', pattern: new RegExp(`^/v1/groups/${name}$`), handle: ({ params }) => guard(() => engine.deleteGroup(params[0]!)) },
    {
      method: 'GET',
      pattern: new RegExp(`^/v1/groups/${name}/progress$`),
      handle: ({ params }) => {
        known(engine, 'group', params[0]!);
        return engine.groupProgress(params[0]!);
      },
    },
    {
      method: 'DELETE',
      pattern: new RegExp(`^/v1/groups/${name}/subscriptions/${name}$`),
      handle: ({ params }) => guard(() => engine.dropSubscription(params[0]!, params[1]!)),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/v1/groups/${name}/clients$`),
      handle: ({ params }) => {
        known(engine, 'group', params[0]!);
        return engine.clients(params[0]!);
      },
    },
  ];
}
