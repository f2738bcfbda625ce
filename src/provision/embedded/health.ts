// gRPC health check (grpc.health.v1) against a broker's gRPC port: what RUNNING means. A broker that serves TLS is
// checked over TLS, trusting Hangar's CA and checking the certificate's names, as a client would.
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

interface HealthClient extends grpc.Client {
  check(req: { service: string }, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: { status: string }) => void): void;
}

const HealthClientCtor = grpc.makeClientConstructor(
  healthService,
  'grpc.health.v1.Health',
) as unknown as new (address: string, creds: grpc.ChannelCredentials) => HealthClient;

export class GrpcHealthProbe {
  private readonly clients = new Map<string, HealthClient>();

  /** True when the server at host:port answers SERVING within the timeout; `caPem` set: over TLS. */
  check(address: string, timeoutMs = 1000, caPem?: string): Promise<boolean> {
    const key = `${caPem ? 'tls' : 'plaintext'} ${address}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new HealthClientCtor(address, caPem ? grpc.credentials.createSsl(Buffer.from(caPem)) : grpc.credentials.createInsecure());
      this.clients.set(key, client);
    }
    return new Promise((resolve) =>
      client.check({ service: '' }, { deadline: Date.now() + timeoutMs }, (err, res) => resolve(!err && res?.status === 'SERVING')),
    );
  }

  forget(address: string): void {
    for (const key of [`tls ${address}`, `plaintext ${address}`]) {
      this.clients.get(key)?.close();
      this.clients.delete(key);
    }
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
