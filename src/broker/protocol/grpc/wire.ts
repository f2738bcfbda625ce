// TypeScript shapes of the RocketMQ 5 protobuf messages as @grpc/proto-loader hands them over (see LOADER_OPTIONS in
// proto.ts: snake_case fields, int64 as numbers, enums as their names, oneof case names). The types are generated from
// the .proto files the server loads (`npm run gen:grpc`, into ./generated); this module gives the ones the server uses
// their short names. The restricted (__Output) variants are used both ways: what the loader decodes has exactly that
// shape, and anything of that shape encodes.
import type { Duration__Output } from './generated/google/protobuf/Duration.js';
import type { Timestamp__Output } from './generated/google/protobuf/Timestamp.js';

export type { Address__Output as Address } from './generated/apache/rocketmq/v2/Address.js';
export type { Broker__Output as Broker } from './generated/apache/rocketmq/v2/Broker.js';
export type { Digest__Output as Digest } from './generated/apache/rocketmq/v2/Digest.js';
export type { Endpoints__Output as Endpoints } from './generated/apache/rocketmq/v2/Endpoints.js';
export type { FilterExpression__Output as FilterExpression } from './generated/apache/rocketmq/v2/FilterExpression.js';
export type { Permission__Output as Permission } from './generated/apache/rocketmq/v2/Permission.js';
export type { Message__Output as Message } from './generated/apache/rocketmq/v2/Message.js';
export type { MessageQueue__Output as MessageQueue } from './generated/apache/rocketmq/v2/MessageQueue.js';
export type { Resource__Output as Resource } from './generated/apache/rocketmq/v2/Resource.js';
export type { Settings__Output as Settings } from './generated/apache/rocketmq/v2/Settings.js';
export type { Status__Output as Status } from './generated/apache/rocketmq/v2/Status.js';
export type { SubscriptionEntry__Output as SubscriptionEntry } from './generated/apache/rocketmq/v2/SubscriptionEntry.js';
export type { SystemProperties__Output as SystemProperties } from './generated/apache/rocketmq/v2/SystemProperties.js';
export type { TelemetryCommand__Output as TelemetryCommand } from './generated/apache/rocketmq/v2/TelemetryCommand.js';
export type { Code__Output as Code } from './generated/apache/rocketmq/v2/Code.js';
export type Duration = Duration__Output;
export type Timestamp = Timestamp__Output;

export const durationMs = (d: Duration | undefined): number | undefined =>
  d ? Number(d.seconds ?? 0) * 1000 + Math.floor(Number(d.nanos ?? 0) / 1e6) : undefined;

export const toDuration = (ms: number): Duration => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

export const timestampMs = (t: Timestamp | undefined): number | undefined =>
  t ? Number(t.seconds ?? 0) * 1000 + Math.floor(Number(t.nanos ?? 0) / 1e6) : undefined;

export const toTimestamp = (ms: number): Timestamp => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
