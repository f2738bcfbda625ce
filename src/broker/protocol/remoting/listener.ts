// A remoting listener over the broker's transport: every accepted connection (TLS terminated here when the transport
// says so) becomes a RemotingConnection served by one dispatch table.

import type { Transport } from '../../transport/transport.js';
import { RemotingConnection, type ConnectionLog, type RequestHandler } from './connection.js';

export interface RemotingListener {
  port: number;
  connections(): RemotingConnection[];
  close(): Promise<void>;
}

export const listenRemoting = async (
  transport: Transport,
  host: string,
  port: number,
  handlers: ReadonlyMap<number, RequestHandler>,
  log: ConnectionLog,
  maxFrameBytes: number,
  onConnectionClosed: (conn: RemotingConnection) => void = () => {},
): Promise<RemotingListener> => {
  const live = new Set<RemotingConnection>();
  const listener = await transport.listen(
    host,
    port,
    (socket, kind) => {
      const conn = new RemotingConnection(kind === 'tls' ? transport.terminateTls(socket) : socket, (code) => handlers.get(code), log, maxFrameBytes, (c) => {
        live.delete(c);
        onConnectionClosed(c);
      });
      live.add(conn);
      if (kind === 'plaintext') socket.resume();
    },
    { warn: (obj, msg) => log.warn(obj, `remoting ${msg}`) },
  );
  return {
    port: listener.port,
    connections: () => [...live],
    close: async () => {
      for (const c of live) c.close();
      await listener.close();
    },
  };
};
