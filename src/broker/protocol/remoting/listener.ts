// A TCP listener that turns every accepted socket into a RemotingConnection served by one dispatch table.

import net from 'node:net';
import { RemotingConnection, type ConnectionLog, type RequestHandler } from './connection.js';

export interface RemotingListener {
  port: number;
  connections(): RemotingConnection[];
  close(): Promise<void>;
}

export const listenRemoting = async (
  host: string,
  port: number,
  handlers: ReadonlyMap<number, RequestHandler>,
  log: ConnectionLog,
  maxFrameBytes: number,
  onConnectionClosed: (conn: RemotingConnection) => void = () => {},
): Promise<RemotingListener> => {
  const live = new Set<RemotingConnection>();
  const server = net.createServer((socket) => {
    const conn = new RemotingConnection(socket, (code) => handlers.get(code), log, maxFrameBytes, (c) => {
      live.delete(c);
      onConnectionClosed(c);
    });
    live.add(conn);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Accept errors (EMFILE, ...) must not take the broker process down.
  server.on('error', (e) => log.warn({ port, err: e.message }, 'remoting listener error'));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    connections: () => [...live],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const c of live) c.close();
      }),
  };
};
