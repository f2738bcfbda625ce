// The gRPC port over the broker's transport: each accepted connection is injected into the grpc-js server, through a
// plaintext (h2c) or a TLS (h2 with ALPN) connection injector as the transport classified it. One server, one set of
// services, whatever the mode; a mode switch needs no rebind.
import * as grpc from '@grpc/grpc-js';
import type { Transport, TransportListener, TransportLog } from './transport.js';

export async function listenGrpc(server: grpc.Server, transport: Transport, host: string, port: number, log: TransportLog): Promise<TransportListener> {
  const plaintext = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  const c = transport.credentials;
  const secure = c
    ? server.createConnectionInjector(grpc.ServerCredentials.createSsl(null, [{ cert_chain: c.certChain, private_key: c.privateKey }], false))
    : undefined;
  const listener = await transport.listen(host, port, (socket, kind) => (kind === 'tls' ? secure! : plaintext).injectConnection(socket), log);
  return {
    port: listener.port,
    async close() {
      await listener.close();
      plaintext.destroy();
      secure?.destroy();
    },
  };
}
