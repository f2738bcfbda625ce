// The log line of a policy denial, the same from every API: who was denied what on which resource (never a secret).
import type { Logger } from '../log.js';
import { AccessDeniedError } from '../service/authorize.js';

export function logRefusal(log: Logger, e: unknown, ctx: { via: 'huawei' | 'alibaba' | 'hangar'; requestId: string; operation?: string }): void {
  if (!(e instanceof AccessDeniedError)) return;
  const { action, resource, reason, principal } = e.denied;
  log.warn({ via: ctx.via, requestId: ctx.requestId, operation: ctx.operation, action, resource, reason, accessKey: principal }, 'policy denied');
}
