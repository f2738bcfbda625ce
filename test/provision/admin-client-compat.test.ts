// The control plane's admin client reads the group answers of a broker adopted from an older build (one that knew
// neither inflight counts nor client subscriptions) as complete answers: a real HTTP server plays that broker.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { HttpBrokerAdmin } from '../../src/provision/embedded/admin-client.js';

describe('admin client and an older broker', () => {
  let server: http.Server;
  let admin: HttpBrokerAdmin;
  before(async () => {
    server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/groups/g/clients') res.end(JSON.stringify([{ clientId: 'c1', address: '127.0.0.1:1', language: 'JAVA', version: '1' }]));
      else if (req.url === '/v1/groups/g/progress') res.end(JSON.stringify([{ topic: 't', brokerName: 'broker-a', queueId: 0, brokerOffset: 5, consumerOffset: 2, lag: 3, lastMessageTime: 9 }]));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    admin = new HttpBrokerAdmin((server.address() as AddressInfo).port, 'token');
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fills what the older broker leaves out', async () => {
    assert.deepEqual(await admin.groupClients('g'), [{ clientId: 'c1', address: '127.0.0.1:1', language: 'JAVA', version: '1', consumeType: '', subscriptions: [] }]);
    const [q] = await admin.groupProgress('g');
    assert.deepEqual([q?.lag, q?.inflight, q?.oldestUnackedTime], [3, 0, 0]);
  });
});
