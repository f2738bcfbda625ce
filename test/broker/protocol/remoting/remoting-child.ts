// Child process for the crash test: an Engine on the given directory with the remoting servers; prints its
// addresses as one JSON line, then serves until killed.
import { Engine } from '../../../../src/broker/engine/index.js';
import { startRemotingServers } from '../../../../src/broker/protocol/remoting/server.js';

const dir = process.argv[2]!;
const engine = await Engine.open({ dataDir: dir, brokerNames: ['broker-a'] });
if (!engine.topic('T_KILL')) {
  await engine.applyMetadata({
    topics: [{ name: 'T_KILL', messageType: 'NORMAL', queueNum: 4, brokers: ['broker-a'], perm: 'all' }],
    groups: [{ name: 'CG_KILL', maxRetries: 16, consumeOrderly: false, broadcast: false, enabled: true }],
  });
}
const servers = await startRemotingServers(engine, { host: '127.0.0.1', advertisedHost: '127.0.0.1', namesrvPort: 0, brokerPort: 0 });
process.stdout.write(`${JSON.stringify({ namesrv: servers.namesrvAddress, broker: servers.brokerAddress })}\n`);
