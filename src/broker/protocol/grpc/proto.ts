// The RocketMQ 5 MessagingService definition, loaded from the .proto files the official Node client ships.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);

export const PROTO_DIR = path.join(path.dirname(require.resolve('rocketmq-client-nodejs/package.json')), 'proto');

/** Field names as in the .proto (snake_case), int64 as JS numbers, enums as their names, oneof case names. */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: false,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

let cached: grpc.ServiceDefinition | undefined;

export const messagingServiceDefinition = (): grpc.ServiceDefinition => {
  if (!cached) {
    const def = protoLoader.loadSync('apache/rocketmq/v2/service.proto', LOADER_OPTIONS);
    const pkg = grpc.loadPackageDefinition(def) as unknown as {
      apache: { rocketmq: { v2: { MessagingService: { service: grpc.ServiceDefinition } } } };
    };
    cached = pkg.apache.rocketmq.v2.MessagingService.service;
  }
  return cached;
};
