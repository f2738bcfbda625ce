// A bare gRPC client of MessagingService (same .proto files) for assertions on exact wire fields.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { LOADER_OPTIONS } from '../../../../src/broker/protocol/grpc/proto.js';

type AnyObj = Record<string, any>;

export interface RawClient {
  unary(method: string, req: AnyObj): Promise<AnyObj>;
  stream(method: string, req: AnyObj, deadlineMs?: number): Promise<AnyObj[]>;
  telemetry(): grpc.ClientDuplexStream<AnyObj, AnyObj>;
  close(): void;
}

export const rawClient = (endpoint: string, clientId = `raw@${process.pid}@${Math.random().toString(36).slice(2)}`): RawClient => {
  const def = protoLoader.loadSync('apache/rocketmq/v2/service.proto', LOADER_OPTIONS);
  // Not redundant: it widens GrpcObject's union-typed members to any so the nested package path can be walked.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const pkg = grpc.loadPackageDefinition(def) as AnyObj;
  const Ctor = pkg.apache.rocketmq.v2.MessagingService as typeof grpc.Client;
  const c = new Ctor(endpoint, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    'grpc.max_send_message_length': 64 * 1024 * 1024,
  }) as unknown as AnyObj;
  const md = (): grpc.Metadata => {
    const m = new grpc.Metadata();
    m.set('x-mq-client-id', clientId);
    m.set('x-mq-protocol', 'v2');
    m.set('x-mq-language', 'HTTP');
    return m;
  };
  return {
    unary: (method, req) =>
      new Promise((resolve, reject) =>
        c[method](req, md(), { deadline: Date.now() + 10_000 }, (err: Error | null, res: AnyObj) => (err ? reject(err) : resolve(res))),
      ),
    stream: (method, req, deadlineMs = 10_000) =>
      new Promise((resolve, reject) => {
        const out: AnyObj[] = [];
        const call = c[method](req, md(), { deadline: Date.now() + deadlineMs }) as grpc.ClientReadableStream<AnyObj>;
        call.on('data', (d: AnyObj) => out.push(d));
        call.on('error', reject);
        call.on('end', () => resolve(out));
      }),
    telemetry: () => c.Telemetry(md()) as grpc.ClientDuplexStream<AnyObj, AnyObj>,
    close: () => (c as unknown as grpc.Client).close(),
  };
};
