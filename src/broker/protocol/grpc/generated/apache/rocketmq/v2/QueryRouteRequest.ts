// Original file: node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2/service.proto

import type { Resource as _apache_rocketmq_v2_Resource, Resource__Output as _apache_rocketmq_v2_Resource__Output } from '../../../apache/rocketmq/v2/Resource.js';
import type { Endpoints as _apache_rocketmq_v2_Endpoints, Endpoints__Output as _apache_rocketmq_v2_Endpoints__Output } from '../../../apache/rocketmq/v2/Endpoints.js';

/**
 * Topics are destination of messages to publish to or subscribe from. Similar
 * to domain names, they will be addressable after resolution through the
 * provided access point.
 * 
 * Access points are usually the addresses of name servers, which fulfill
 * service discovery, load-balancing and other auxiliary services. Name servers
 * receive periodic heartbeats from affiliate brokers and erase those which
 * failed to maintain alive status.
 * 
 * Name servers answer queries of QueryRouteRequest, responding clients with
 * addressable message-queues, which they may directly publish messages to or
 * subscribe messages from.
 * 
 * QueryRouteRequest shall include source endpoints, aka, configured
 * access-point, which annotates tenant-id, instance-id or other
 * vendor-specific settings. Purpose-built name servers may respond customized
 * results based on these particular requirements.
 */
export interface QueryRouteRequest {
  'topic'?: (_apache_rocketmq_v2_Resource | null);
  'endpoints'?: (_apache_rocketmq_v2_Endpoints | null);
}

/**
 * Topics are destination of messages to publish to or subscribe from. Similar
 * to domain names, they will be addressable after resolution through the
 * provided access point.
 * 
 * Access points are usually the addresses of name servers, which fulfill
 * service discovery, load-balancing and other auxiliary services. Name servers
 * receive periodic heartbeats from affiliate brokers and erase those which
 * failed to maintain alive status.
 * 
 * Name servers answer queries of QueryRouteRequest, responding clients with
 * addressable message-queues, which they may directly publish messages to or
 * subscribe messages from.
 * 
 * QueryRouteRequest shall include source endpoints, aka, configured
 * access-point, which annotates tenant-id, instance-id or other
 * vendor-specific settings. Purpose-built name servers may respond customized
 * results based on these particular requirements.
 */
export interface QueryRouteRequest__Output {
  'topic'?: (_apache_rocketmq_v2_Resource__Output);
  'endpoints'?: (_apache_rocketmq_v2_Endpoints__Output);
}
