// OpenAPI 3 documents, generated from the operation tables the routers are built from (never a second list): Hangar's
// own API, and the operations Hangar implements of each cloud's API.
import { HANDLERS } from '../alibaba/handlers.js';
import { OPERATIONS } from '../alibaba/operations.js';
import { huaweiRouter } from '../huawei/routes.js';
import { HANGAR_OPERATIONS } from './operations.js';

type Doc = Record<string, unknown>;

const pathParams = (template: string): Doc[] =>
  [...template.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));

const ref = (name: string): Doc => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Doc): Doc => ({ 'application/json': { schema } });
const str = { type: 'string' };
const strList = { type: 'array', items: str };
const obj = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)): Doc => ({ type: 'object', properties, required });

const SCHEMAS: Record<string, Doc> = {
  Error: obj({ code: str, message: str }),
  Instance: obj({
    name: str,
    huaweiId: str,
    alibabaId: str,
    status: { type: 'string', enum: ['CREATING', 'RUNNING', 'RESTARTING', 'CHANGING', 'ERROR', 'CREATE_FAILED', 'DELETING'] },
    statusReason: str,
    engineVersion: { type: 'string', enum: ['5.x', '4.8.0'] },
    flavor: str,
    brokers: { type: 'integer' },
    storageGb: { type: 'integer' },
    endpoints: obj({ grpc: strList, namesrv: strList, broker: strList }),
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  }),
  InstanceList: obj({ instances: { type: 'array', items: ref('Instance') } }),
  Topic: obj({
    name: str,
    messageType: str,
    queueNum: { type: 'integer' },
    brokers: strList,
    permission: str,
    remark: str,
    createdAt: { type: 'string', format: 'date-time' },
  }),
  TopicList: obj({ topics: { type: 'array', items: ref('Topic') } }),
  Group: obj({
    name: str,
    maxRetries: { type: 'integer' },
    consumeOrderly: { type: 'boolean' },
    broadcast: { type: 'boolean' },
    enabled: { type: 'boolean' },
    remark: str,
    createdAt: { type: 'string', format: 'date-time' },
  }),
  GroupList: obj({ groups: { type: 'array', items: ref('Group') } }),
  Deleted: obj({ deleted: str }),
};

const SIGNED = {
  type: 'apiKey',
  in: 'header',
  name: 'Authorization',
  description: 'SDK-HMAC-SHA256 (Huawei Cloud API signature) with a Hangar credential: `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` over X-Sdk-Date and host.',
};

const errorResponses = (): Doc => {
  const e = { content: json(ref('Error')) };
  return { '400': { description: 'Invalid request', ...e }, '401': { description: 'Not signed or wrongly signed', ...e }, '403': { description: 'Denied by policy', ...e }, '404': { description: 'Not found', ...e }, '409': { description: 'Conflict (state, name taken, quota)', ...e } };
};

export function hangarOpenApi(version: string): Doc {
  const paths: Record<string, Doc> = {};
  for (const op of HANGAR_OPERATIONS) {
    const bodyProps: Record<string, Doc> = {};
    for (const [k, f] of Object.entries(op.body ?? {})) bodyProps[k] = { type: f.type, description: f.description, ...(f.enum ? { enum: [...f.enum] } : {}) };
    const required = Object.entries(op.body ?? {})
      .filter(([, f]) => f.required)
      .map(([k]) => k);
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.name,
      summary: op.summary,
      parameters: pathParams(op.path),
      ...(op.body ? { requestBody: { required: true, content: json(obj(bodyProps, required)) } } : {}),
      responses: { [String(op.status)]: { description: 'Success', content: json(ref(op.answers)) }, ...errorResponses() },
    };
  }
  const now = { content: json(obj({ now: { type: 'integer', description: 'ms since the epoch' } })) };
  paths['/hangar/v1/clock'] = {
    get: { operationId: 'GetClock', summary: 'The test clock (HANGAR_TEST_CLOCK=1); 404 when it is off.', security: [], responses: { '200': { description: 'Now', ...now }, ...errorResponses() } },
    post: {
      operationId: 'AdvanceClock',
      summary: 'Moves the test clock of the control plane and every broker forward.',
      requestBody: { required: true, content: json(obj({ advanceMs: { type: 'integer' } })) },
      responses: { '200': { description: 'Now', ...now }, ...errorResponses() },
    },
  };
  paths['/healthz'] = {
    get: {
      operationId: 'Health',
      summary: 'Health of the server, its database and every instance broker (no signature).',
      security: [],
      responses: { '200': { description: 'ok' }, '503': { description: 'starting or degraded' } },
    },
  };
  return {
    openapi: '3.0.3',
    info: { title: "Hangar's API", version, description: 'Instances, topics and consumer groups, for the hangar command line and scripts.' },
    servers: [{ url: '/' }],
    security: [{ signed: [] }],
    components: { securitySchemes: { signed: SIGNED }, schemas: SCHEMAS },
    paths,
  };
}

/** One document of a cloud's operations: path → method → operationId (unique: a route served twice gets _2, _3…). */
function dialectDocument(title: string, version: string, description: string, routes: { method: string; path: string; name: string }[]): Doc {
  const paths: Record<string, Doc> = {};
  const seen = new Map<string, number>();
  for (const r of routes) {
    const n = (seen.get(r.name) ?? 0) + 1;
    seen.set(r.name, n);
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      operationId: n === 1 ? r.name : `${r.name}_${n}`,
      summary: r.name,
      parameters: pathParams(r.path),
      responses: { default: { description: `As the cloud's API answers ${r.name}.` } },
    };
  }
  return { openapi: '3.0.3', info: { title, version, description }, servers: [{ url: '/' }], paths };
}

export function huaweiOpenApi(): Doc {
  const routes = huaweiRouter()
    .routes()
    .map((r) => ({ method: r.method, path: r.template, name: r.handler.name }));
  return dialectDocument('Huawei Cloud DMS for RocketMQ v2 — as implemented by Hangar', 'v2', 'Signed with SDK-HMAC-SHA256; other operations answer 501.', routes);
}

export function alibabaOpenApi(): Doc {
  const routes = OPERATIONS.filter((op) => HANDLERS[op.action] !== undefined).map((op) => ({ method: op.method, path: op.path, name: op.action }));
  return dialectDocument('Alibaba Cloud ApsaraMQ for RocketMQ 5.x — as implemented by Hangar', '2022-08-01', 'Signed with ACS3-HMAC-SHA256; other operations answer 501 NotImplemented.', routes);
}
