// End-to-end: TLS modes chosen through the Huawei SDK (tls_mode, ssl_enable) and switched on a running instance
// (modifyInstanceSslConfig), enforced on the gRPC port for the official 5.x client and on the remoting ports for a Node
// TLS client speaking Hangar's own frame codec; clients trust the CA `hangar ca` prints, as the README says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { RequestCode, ResponseCode } from '../../../src/broker/protocol/remoting/codes.js';
import { encodeProperties } from '../../../src/broker/protocol/remoting/properties.js';
import { RawClient } from '../../broker/protocol/remoting/raw-client.js';
import { alibabaClient, rmq } from '../alibaba/alibaba-sdk.js';
import { ClientProcess } from '../../helpers/client-process.js';
import { eventually, Hangar } from '../../helpers/hangar.js';
import { huaweiClient, sdkError, seedBody } from '../../helpers/huawei-sdk.js';

/** Whether a TCP connection, then a TLS handshake trusting `ca`, succeed on 127.0.0.1:port. */
const probe = (port: number, ca: string): Promise<{ tcp: boolean; tls: boolean }> =>
  new Promise((resolve) => {
    const plain = net.connect(port, '127.0.0.1', () => {
      plain.destroy();
      const s = tls.connect({ port, host: '127.0.0.1', ca }, () => {
        s.destroy();
        resolve({ tcp: true, tls: true });
      });
      s.once('error', () => resolve({ tcp: true, tls: false }));
    });
    plain.once('error', () => resolve({ tcp: false, tls: false }));
  });

const portOf = (hostPort: string): number => Number(hostPort.slice(hostPort.lastIndexOf(':') + 1));

const fiveX = (name: string, extra: Record<string, unknown>): Record<string, unknown> => ({
  ...seedBody(name),
  engine: 'rocketmq',
  engine_version: '5.x',
  product_id: 'rocketmq.b2.large.4',
  storage_space: 200,
  broker_num: 1,
  ...extra,
});

describe('TLS modes: SSL, PERMISSIVE and PLAINTEXT on both protocols', () => {
  let h: Hangar;
  let client: any;
  let caFile: string;
  const shown: Record<'ssl5' | 'perm5' | 'ssl4', any> = {} as never;
  const started: ClientProcess[] = [];
  const clientFor = (endpoint: string, ssl: boolean, group = 'TLS_G'): ClientProcess => {
    const c = ClientProcess.start({ endpoint, topic: 'TLS_T', group, ssl, caFile });
    started.push(c);
    return c;
  };

  const createRunning = async (body: Record<string, unknown>): Promise<any> => {
    const { instance_id } = await client.createPostPaidInstance({ body });
    const s = await eventually(async () => {
      const x = await client.showInstance({ instance_id });
      return x.status === 'RUNNING' ? x : undefined;
    }, 60_000);
    await client.createTopicOrBatchDeleteTopic({ instance_id, body: { name: 'TLS_T', queue_num: 2 } });
    await client.createConsumerGroupOrBatchDeleteConsumerGroup({ instance_id, body: { name: 'TLS_G' } });
    return s;
  };

  before(async () => {
    h = await Hangar.start();
    client = huaweiClient(h.url);
    [shown.ssl5, shown.perm5, shown.ssl4] = await Promise.all([
      createRunning(fiveX('tls-ssl-five', { tls_mode: 'SSL', ssl_enable: true })),
      createRunning(fiveX('tls-permissive-five', { tls_mode: 'PERMISSIVE' })),
      // ssl_enable alone: true means SSL.
      createRunning({ ...seedBody('tls-ssl-four'), ssl_enable: true }),
    ]);
    // The README's step: `hangar ca > ca.pem`.
    const ca = await Hangar.cli(['ca'], h.env);
    assert.equal(ca.code, 0, ca.stderr);
    caFile = path.join(h.dataDir, 'client-ca.pem');
    fs.writeFileSync(caFile, ca.stdout);
  });
  after(async () => {
    await Promise.all(started.map((c) => c.stop()));
    await h.destroy();
  });

  it('hangar ca prints the CA certificate, whose key stays in the data directory, readable by its owner only', () => {
    const pem = fs.readFileSync(caFile, 'utf8');
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
    assert.doesNotMatch(pem, /PRIVATE KEY/);
    assert.equal(fs.statSync(path.join(h.dataDir, 'ca', 'ca.key')).mode & 0o077, 0);
    const brokerDir = path.join(h.dataDir, 'brokers', fs.readdirSync(path.join(h.dataDir, 'brokers'))[0]!);
    assert.equal(fs.statSync(path.join(brokerDir, 'tls', 'broker.key')).mode & 0o077, 0);
  });

  it('showInstance reports ssl_enable and tls_mode as created', () => {
    assert.deepEqual([shown.ssl5.ssl_enable, shown.ssl5.tls_mode], [true, 'SSL']);
    assert.deepEqual([shown.perm5.ssl_enable, shown.perm5.tls_mode], [true, 'PERMISSIVE']);
    assert.deepEqual([shown.ssl4.ssl_enable, shown.ssl4.tls_mode], [true, 'SSL']);
    assert.equal(shown.ssl5.config_ssl_need_restart_process, false);
  });

  it('create refuses tls_mode and ssl_enable that disagree, and PERMISSIVE on 4.8.0, naming the fields; nothing is created', async () => {
    const before = (await client.listInstances({ engine: 'rocketmq', include_failure: 'true' })).instance_num;
    const disagree = await sdkError(client.createPostPaidInstance({ body: fiveX('tls-bad-one', { tls_mode: 'PLAINTEXT', ssl_enable: true }) }));
    assert.equal(disagree.httpStatusCode, 400);
    assert.match(disagree.errorMsg!, /tls_mode/);
    assert.match(disagree.errorMsg!, /ssl_enable/);
    const ssl = await sdkError(client.createPostPaidInstance({ body: fiveX('tls-bad-two', { tls_mode: 'SSL', ssl_enable: false }) }));
    assert.equal(ssl.httpStatusCode, 400);
    const permissive4 = await sdkError(client.createPostPaidInstance({ body: { ...seedBody('tls-bad-three'), tls_mode: 'PERMISSIVE' } }));
    assert.equal(permissive4.httpStatusCode, 400);
    assert.match(permissive4.errorMsg!, /tls_mode=PERMISSIVE/);
    const unknown = await sdkError(client.createPostPaidInstance({ body: fiveX('tls-bad-four', { tls_mode: 'TLS13' }) }));
    assert.equal(unknown.httpStatusCode, 400);
    assert.match(unknown.errorMsg!, /tls_mode/);
    assert.equal((await client.listInstances({ engine: 'rocketmq', include_failure: 'true' })).instance_num, before);
  });

  it('an SSL 5.x instance serves the 5.x client with sslEnabled trusting the CA, and refuses it without TLS', async () => {
    const secure = clientFor(shown.ssl5.grpc_address, true);
    const plain = clientFor(shown.ssl5.grpc_address, false);
    assert.equal((await secure.ready).event, 'ready');
    assert.equal((await secure.send('over-tls')).event, 'sent');
    assert.deepEqual((await secure.receive(1)).bodies, ['over-tls']);
    const refused = await plain.ready;
    assert.equal(refused.event, 'error');
    assert.match(refused.message!, /route/i);
  });

  it('a PERMISSIVE instance serves TLS and plaintext clients on the same port', async () => {
    const secure = clientFor(shown.perm5.grpc_address, true);
    const plain = clientFor(shown.perm5.grpc_address, false);
    assert.equal((await secure.ready).event, 'ready');
    assert.equal((await plain.ready).event, 'ready');
    assert.equal((await secure.send('permissive-tls')).event, 'sent');
    assert.equal((await plain.send('permissive-plain')).event, 'sent');
    const got = await plain.receive(2);
    assert.deepEqual([...got.bodies!].sort(), ['permissive-plain', 'permissive-tls']);
  });

  it('an SSL 4.8.0 instance: remoting over TLS on the name server and the broker; plaintext connections are closed', async () => {
    const ca = fs.readFileSync(caFile, 'utf8');
    const ns = await RawClient.connectTls(shown.ssl4.namesrv_address, ca);
    const route = await ns.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'TLS_T' });
    assert.equal(route.code, ResponseCode.SUCCESS);
    assert.ok(route.body!.toString().includes(shown.ssl4.broker_address));
    ns.close();
    const broker = await RawClient.connectTls(shown.ssl4.broker_address, ca);
    const sent = await broker.request(
      RequestCode.SEND_MESSAGE,
      {
        producerGroup: 'PG', topic: 'TLS_T', defaultTopic: 'TBW102', defaultTopicQueueNums: '4', queueId: '0', sysFlag: '0',
        bornTimestamp: String(Date.now()), flag: '0', properties: encodeProperties({ TAGS: 'a' }), reconsumeTimes: '0', unitMode: 'false',
      },
      Buffer.from('four-over-tls'),
    );
    assert.equal(sent.code, ResponseCode.SUCCESS);
    assert.ok(sent.extFields.msgId);
    broker.close();
    // A plaintext client's first frame gets its connection closed, unanswered; a TLS client is refused by a plaintext port.
    for (const address of [shown.ssl4.namesrv_address, shown.ssl4.broker_address]) {
      const plain = await RawClient.connect(address);
      void plain.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'TLS_T' });
      await plain.closed;
    }
    // The 5.x port of the same 4.8.0 instance follows the mode too.
    const secure = clientFor(shown.ssl4.grpc_address, true);
    assert.equal((await secure.ready).event, 'ready');
    assert.deepEqual((await secure.receive(1)).bodies, ['four-over-tls']);
  });

  it('the Alibaba view of the SSL instance reports the endpoint its TLS clients reach', async () => {
    const ali = alibabaClient(new URL(h.url).host);
    const listed = (await ali.listInstances(new rmq.ListInstancesRequest({ pageNumber: 1, pageSize: 100 }))).body.data.list;
    const mine = listed.find((x: { instanceName: string }) => x.instanceName === 'tls-ssl-five');
    const endpoints = (await ali.getInstance(mine.instanceId)).body.data.networkInfo.endpoints;
    assert.deepEqual(
      endpoints.map((e: { endpointType: string; endpointUrl: string }) => [e.endpointType, e.endpointUrl]),
      [['TCP_VPC', shown.ssl5.grpc_address]],
    );
    const secure = clientFor(endpoints[0].endpointUrl, true);
    assert.equal((await secure.ready).event, 'ready');
    assert.equal((await secure.send('via-alibaba-endpoint')).event, 'sent');
  });

  it('modifyInstanceSslConfig switches a running instance: waiting clients the new mode refuses are cut off', async () => {
    const id = shown.perm5.instance_id;
    const plain = clientFor(shown.perm5.grpc_address, false);
    const secure = clientFor(shown.perm5.grpc_address, true);
    assert.equal((await plain.ready).event, 'ready');
    assert.equal((await secure.ready).event, 'ready');

    const toSsl = await client.modifyInstanceSslConfig({ engine: 'rocketmq', instance_id: id, body: { tls_mode: 'SSL' } });
    assert.equal(toSsl.tls_mode, 'SSL');
    assert.ok(toSsl.job_id);
    const afterSsl = await client.showInstance({ instance_id: id });
    assert.deepEqual([afterSsl.status, afterSsl.ssl_enable, afterSsl.tls_mode], ['RUNNING', true, 'SSL']);
    assert.equal((await plain.send('refused-now')).event, 'error');
    assert.equal((await secure.send('still-secure')).event, 'sent');

    const toPlain = await client.modifyInstanceSslConfig({ engine: 'rocketmq', instance_id: id, body: { tls_mode: 'PLAINTEXT' } });
    assert.equal(toPlain.tls_mode, 'PLAINTEXT');
    const afterPlain = await client.showInstance({ instance_id: id });
    assert.deepEqual([afterPlain.status, afterPlain.ssl_enable, afterPlain.tls_mode], ['RUNNING', false, 'PLAINTEXT']);
    assert.equal((await secure.send('refused-too')).event, 'error');
    const fresh = clientFor(shown.perm5.grpc_address, false);
    assert.equal((await fresh.ready).event, 'ready');
    assert.equal((await fresh.send('plain-again')).event, 'sent');
    // The new mode holds for new TLS clients as well.
    assert.equal((await clientFor(shown.perm5.grpc_address, true).ready).event, 'error');

    const tasks = await client.listBackgroundTasks({ instance_id: id });
    assert.equal(tasks.tasks.filter((t: { name: string; status: string }) => t.name === 'modifyInstanceSsl' && t.status === 'SUCCESS').length, 2);
  });

  it('a broker that crashes after a switch comes back in the switched mode, not the one it was started with', async () => {
    // perm5 was created PERMISSIVE (its broker's config file says so) and switched to PLAINTEXT above.
    const port = portOf(shown.perm5.grpc_address);
    const ca = fs.readFileSync(caFile, 'utf8');
    const brokerDir = fs
      .readdirSync(path.join(h.dataDir, 'brokers'))
      .map((id) => path.join(h.dataDir, 'brokers', id))
      .find((d) => (JSON.parse(fs.readFileSync(path.join(d, 'broker.json'), 'utf8')) as { ports: { grpc: number } }).ports.grpc === port)!;
    const pidOf = (): number => Number(fs.readFileSync(path.join(brokerDir, 'broker.pid'), 'utf8'));
    const before = pidOf();
    assert.deepEqual(await probe(port, ca), { tcp: true, tls: false });
    process.kill(before, 'SIGKILL');
    await eventually(async () => pidOf() !== before && (await probe(port, ca)).tcp, 60_000);
    // Restarted from the PERMISSIVE config, the reconciler brings it back to PLAINTEXT: TLS handshakes fail again.
    await eventually(async () => {
      const p = await probe(port, ca);
      return p.tcp && !p.tls;
    }, 30_000);
    assert.equal((await client.showInstance({ instance_id: shown.perm5.instance_id })).tls_mode, 'PLAINTEXT');
  });

  it('modifyInstanceSslConfig refuses PERMISSIVE on 4.8.0 and an unknown mode, changing nothing', async () => {
    const id = shown.ssl4.instance_id;
    for (const tls_mode of ['PERMISSIVE', 'NONE']) {
      const e = await sdkError(client.modifyInstanceSslConfig({ engine: 'rocketmq', instance_id: id, body: { tls_mode } }));
      assert.equal(e.httpStatusCode, 400);
      assert.match(e.errorMsg!, /tls_mode/);
    }
    assert.equal((await client.showInstance({ instance_id: id })).tls_mode, 'SSL');
    // Only a RUNNING instance can switch: while it restarts the switch is refused and nothing is recorded.
    await client.restartInstance({ instance_id: id, engine: 'rocketmq' });
    const busy = await sdkError(client.modifyInstanceSslConfig({ engine: 'rocketmq', instance_id: id, body: { tls_mode: 'PLAINTEXT' } }));
    assert.equal(busy.httpStatusCode, 400);
    assert.equal(busy.errorCode, 'DMS.00400026');
    const back = await eventually(async () => {
      const x = await client.showInstance({ instance_id: id });
      return x.status === 'RUNNING' ? x : undefined;
    }, 60_000);
    assert.deepEqual([back.ssl_enable, back.tls_mode], [true, 'SSL']);
  });
});
