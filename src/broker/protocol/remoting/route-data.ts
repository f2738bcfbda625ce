// TopicRouteData as a 4.x name server returns it for GET_ROUTEINFO_BY_TOPIC (standard JSON: fastjson and ali-ons's
// JSON2 both read quoted integer keys in brokerAddrs).

export const PERM_READ = 4;
export const PERM_WRITE = 2;
export const PERM_INHERIT = 1;

export interface RouteBroker {
  brokerName: string;
  /** "host:port" of the broker's remoting listener. */
  address: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
}

export interface TopicRouteData {
  orderTopicConf: string | null;
  queueDatas: { brokerName: string; readQueueNums: number; writeQueueNums: number; perm: number; topicSysFlag: number }[];
  brokerDatas: { cluster: string; brokerName: string; brokerAddrs: Record<string, string> }[];
  filterServerTable: Record<string, string[]>;
}

export const buildTopicRouteData = (cluster: string, brokers: readonly RouteBroker[], ordered = false): TopicRouteData => ({
  // ali-ons treats a topic with orderTopicConf as ordered; Java uses it only for old ORDER_TOPIC_CONFIG setups.
  orderTopicConf: ordered ? brokers.map((b) => `${b.brokerName}:${b.writeQueueNums}`).join(';') : null,
  queueDatas: brokers.map((b) => ({
    brokerName: b.brokerName,
    readQueueNums: b.readQueueNums,
    writeQueueNums: b.writeQueueNums,
    perm: b.perm,
    topicSysFlag: 0,
  })),
  brokerDatas: brokers.map((b) => ({ cluster, brokerName: b.brokerName, brokerAddrs: { '0': b.address } })),
  filterServerTable: {},
});

export const permOf = (p: 'pub' | 'sub' | 'all'): number =>
  p === 'pub' ? PERM_WRITE : p === 'sub' ? PERM_READ : PERM_READ | PERM_WRITE;
