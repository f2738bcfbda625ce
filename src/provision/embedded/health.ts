// gRPC health check (grpc.health.v1) against a broker's gRPC port: what RUNNING means.
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

  /** True when the server at host:port answers SERVING within the timeout. */
  check(address: string, timeoutMs = 1000): Promise<boolean> {
    let client = this.clients.get(address);
    if (!client) {
      client = new HealthClientCtor(address, grpc.credentials.createInsecure());
      this.clients.set(address, client);
    }
    return new Promise((resolve) =>
      client.check({ service: '' }, { deadline: Date.now() + timeoutMs }, (err, res) => resolve(!err && res?.status === 'SERVING')),
    );
  }

  forget(address: string): void {
    this.clients.get(address)?.close();
    this.clients.delete(address);
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
