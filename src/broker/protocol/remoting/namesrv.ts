// The name server: routes for topics (including %RETRY%/%DLQ% of groups) and the cluster view admin tools ask for.
// Hangar's name server is built into the broker process, so no REGISTER_BROKER traffic exists.

import { RequestCode, ResponseCode } from './codes.js';
import { createResponse } from './command.js';
import type { RequestHandler } from './connection.js';
import { remotingBrokerName, type RemotingContext } from './context.js';
import { requiredField } from './request-headers.js';
import { buildTopicRouteData, permOf } from './route-data.js';

const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v), 'utf8');

export const nameServerHandlers = (ctx: RemotingContext): Map<number, RequestHandler> => {
  const h = new Map<number, RequestHandler>();

  h.set(RequestCode.GET_ROUTEINFO_BY_TOPIC, ({ request }) => {
    const name = requiredField(request.extFields, 'topic');
    const topic = ctx.backend.topic(name);
    if (!topic || topic.queues.length === 0) {
      return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: `No topic route info in name server for the topic: ${name}` });
    }
    const n = topic.queues.length;
    const route = buildTopicRouteData(
      ctx.backend.clusterName,
      [{ brokerName: remotingBrokerName(ctx), address: ctx.brokerAddress, readQueueNums: n, writeQueueNums: n, perm: permOf(topic.perm) }],
      topic.ordered,
    );
    return createResponse(request, ResponseCode.SUCCESS, { body: json(route) });
  });

  h.set(RequestCode.GET_BROKER_CLUSTER_INFO, ({ request }) => {
    const name = remotingBrokerName(ctx);
    const body = {
      brokerAddrTable: { [name]: { cluster: ctx.backend.clusterName, brokerName: name, brokerAddrs: { '0': ctx.brokerAddress } } },
      clusterAddrTable: { [ctx.backend.clusterName]: [name] },
    };
    return createResponse(request, ResponseCode.SUCCESS, { body: json(body) });
  });

  h.set(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, ({ request }) =>
    createResponse(request, ResponseCode.SUCCESS, { body: json({ topicList: ctx.backend.topicNames() }) }));

  // ORDER_TOPIC_CONFIG and other KV lookups: nothing is configured.
  const notFound: RequestHandler = ({ request }) =>
    createResponse(request, ResponseCode.QUERY_NOT_FOUND, { remark: 'No config item' });
  h.set(RequestCode.GET_KV_CONFIG, notFound);
  h.set(RequestCode.GET_KV_CONFIG_BY_VALUE, notFound);
  // A broker that registers with us (there is none in Hangar) is acknowledged without effect.
  h.set(RequestCode.UNREGISTER_BROKER, ({ request }) => createResponse(request, ResponseCode.SUCCESS));
  return h;
};
