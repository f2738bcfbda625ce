import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../../src/broker/engine/index.js';
import { RequestCode, ResponseCode } from '../../../../src/broker/protocol/remoting/codes.js';
import { startRemotingServers } from '../../../../src/broker/protocol/remoting/server.js';
import { topic } from './harness.js';
import { RawClient } from './raw-client.js';

const freePortPair = async (): Promise<number> => {
  // A port P with P-2 free too, for the VIP channel.
  for (let i = 0; i < 20; i++) {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const p = (s.address() as net.AddressInfo).port;
    await new Promise((r) => s.close(r));
    const probe = net.createServer();
    const ok = await new Promise<boolean>((r) => {
      probe.once('error', () => r(false));
      probe.listen(p - 2, '127.0.0.1', () => r(true));
    });
    if (ok) {
      await new Promise((r) => probe.close(r));
      return p;
    }
  }
  throw new Error('no free port pair');
};

test('startRemotingServers: addresses, the VIP channel on brokerPort-2, advertised host in routes, close releases the ports', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hangar-remoting-srv-'));
  const engine = await Engine.open({ dataDir: dir, brokerNames: ['broker-a'] });
  await engine.applyMetadata({ topics: [topic('T_S')], groups: [] });
  const brokerPort = await freePortPair();
  const servers = await startRemotingServers(engine, {
    host: '127.0.0.1', advertisedHost: '127.0.0.1', namesrvPort: 0, brokerPort, vipChannel: true, clusterName: 'inst-1',
  });
  try {
    assert.equal(servers.brokerAddress, `127.0.0.1:${brokerPort}`);
    assert.equal(servers.vipPort, brokerPort - 2);
    const vip = await RawClient.connect(`127.0.0.1:${servers.vipPort}`);
    assert.equal((await vip.request(RequestCode.GET_MAX_OFFSET, { topic: 'T_S', queueId: '0' })).code, ResponseCode.SUCCESS);
    vip.close();
    // Routes can also be asked at the broker address; the cluster name is the one given.
    const b = await RawClient.connect(servers.brokerAddress);
    const route = JSON.parse((await b.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'T_S' })).body!.toString());
    assert.equal(route.brokerDatas[0].cluster, 'inst-1');
    b.close();
  } finally {
    await servers.close();
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
  for (const port of [brokerPort, brokerPort - 2, Number(servers.namesrvAddress.split(':')[1])]) {
    await assert.rejects(RawClient.connect(`127.0.0.1:${port}`), /ECONNREFUSED/);
  }
});
