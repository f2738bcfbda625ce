// Admin routes that change and read the engine's topics and groups (the control plane's channel into a running broker).
import type { Engine } from '../engine/index.js';
import { isEngineError } from '../engine/index.js';
import { ADMIN_OPERATIONS as OP, statusOfEngineCode } from './contract.js';
import { AdminError, adminRoute, type AdminRoute } from './server.js';

/** Engine refusals (bad metadata) answer 400 with the engine's code; unknown names 404. */
export async function guard<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isEngineError(e)) throw new AdminError(statusOfEngineCode(e.code), e.code, e.message);
    throw e;
  }
}

function known(engine: Engine, kind: 'topic' | 'group', n: string): void {
  const exists = kind === 'topic' ? engine.topic(n) : engine.group(n);
  if (!exists) throw new AdminError(404, `${kind.toUpperCase()}_NOT_FOUND`, `${kind} ${n} does not exist`);
}

export function engineRoutes(engine: Engine): AdminRoute[] {
  return [
    adminRoute(OP.getMetadata, () => engine.metadata()),
    adminRoute(OP.putMetadata, ({ body }) => guard(() => engine.applyMetadata(body))),
    adminRoute(OP.putAccess, ({ body }) => guard(() => engine.applyAccess(body))),
    adminRoute(OP.putTopic, ({ params, body }) => guard(() => engine.upsertTopic({ ...body, name: params.topic }))),
    adminRoute(OP.deleteTopic, ({ params }) => guard(() => engine.deleteTopic(params.topic))),
    adminRoute(OP.topicStatus, ({ params }) => {
      known(engine, 'topic', params.topic);
      return engine.topicStatus(params.topic);
    }),
    adminRoute(OP.putGroup, ({ params, body }) => guard(() => engine.upsertGroup({ ...body, name: params.group }))),
    adminRoute(OP.deleteGroup, ({ params }) => guard(() => engine.deleteGroup(params.group))),
    adminRoute(OP.groupProgress, ({ params }) => {
      known(engine, 'group', params.group);
      return engine.groupProgress(params.group);
    }),
    adminRoute(OP.deleteSubscription, ({ params }) => guard(() => engine.dropSubscription(params.group, params.topic))),
    adminRoute(OP.groupClients, ({ params }) => {
      known(engine, 'group', params.group);
      return engine.clients(params.group);
    }),
  ];
}
