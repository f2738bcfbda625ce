import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestCode, ResponseCode } from '../../../../src/broker/protocol/remoting/codes.js';
import { group, startHarness, topic } from './harness.js';
import { RawClient } from './raw-client.js';

test('routes for topics, %RETRY% and %DLQ% of groups; TOPIC_NOT_EXIST otherwise; cluster view', async () => {
  const h = await startHarness(
    { topics: [topic('T_R', 'NORMAL', 3), { ...topic('T_F', 'FIFO', 2), brokers: ['broker-a', 'broker-b'] }], groups: [group('CG_R')] },
    { brokerNames: ['broker-a', 'broker-b'] },
  );
  const c = await RawClient.connect(h.servers.namesrvAddress);
  try {
    const route = async (t: string) => {
      const r = await c.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: t });
      return { code: r.code, remark: r.remark, data: r.body ? JSON.parse(r.body.toString()) : undefined };
    };
    const r = await route('T_R');
    assert.equal(r.code, ResponseCode.SUCCESS);
    assert.deepEqual(r.data.queueDatas, [{ brokerName: 'broker-a', readQueueNums: 3, writeQueueNums: 3, perm: 6, topicSysFlag: 0 }]);
    assert.deepEqual(r.data.brokerDatas, [{ cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: { '0': h.servers.brokerAddress } }]);
    assert.equal(r.data.orderTopicConf, null);
    // Two logical brokers behind one remoting address: 4.x clients see one broker with all queues.
    const f = await route('T_F');
    assert.equal(f.data.queueDatas[0].writeQueueNums, 4);
    assert.equal(f.data.orderTopicConf, 'broker-a:4');
    assert.equal((await route('%RETRY%CG_R')).data.queueDatas[0].readQueueNums, 2);
    assert.equal((await route('%DLQ%CG_R')).code, ResponseCode.SUCCESS);
    const missing = await route('NOPE');
    assert.equal(missing.code, ResponseCode.TOPIC_NOT_EXIST);
    assert.match(missing.remark!, /No topic route info in name server for the topic: NOPE/);
    assert.equal((await route('%RETRY%NOGROUP')).code, ResponseCode.TOPIC_NOT_EXIST);

    const cluster = JSON.parse((await c.request(RequestCode.GET_BROKER_CLUSTER_INFO)).body!.toString());
    assert.deepEqual(cluster.clusterAddrTable, { DefaultCluster: ['broker-a'] });
    const list = JSON.parse((await c.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)).body!.toString());
    assert.deepEqual(list.topicList.sort(), ['T_F', 'T_R']);
    assert.equal((await c.request(RequestCode.GET_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'T_R' })).code, ResponseCode.QUERY_NOT_FOUND);
  } finally {
    c.close();
    await h.close();
  }
});
