// TypeScript shapes of the protobuf messages as @grpc/proto-loader hands them over (see LOADER_OPTIONS): only the
// fields this server reads or writes.

export interface Resource {
  resource_namespace?: string;
  name?: string;
}
export interface Duration {
  seconds?: number;
  nanos?: number;
}
export interface Timestamp {
  seconds?: number;
  nanos?: number;
}
export interface Status {
  code: string;
  message: string;
}
export interface Address {
  host: string;
  port: number;
}
export interface Endpoints {
  scheme?: string;
  addresses?: Address[];
}
export interface Broker {
  name?: string;
  id?: number;
  endpoints?: Endpoints;
}
export interface MessageQueue {
  topic?: Resource;
  id?: number;
  permission?: string;
  broker?: Broker;
  accept_message_types?: string[];
}
export interface FilterExpression {
  type?: string;
  expression?: string;
}
export interface SystemProperties {
  tag?: string;
  keys?: string[];
  message_id?: string;
  body_digest?: { type: string; checksum: string };
  body_encoding?: string;
  message_type?: string;
  born_timestamp?: Timestamp;
  born_host?: string;
  store_timestamp?: Timestamp;
  store_host?: string;
  delivery_timestamp?: Timestamp;
  receipt_handle?: string;
  queue_id?: number;
  queue_offset?: number;
  invisible_duration?: Duration;
  delivery_attempt?: number;
  message_group?: string;
  trace_context?: string;
  dead_letter_queue?: { topic: string; message_id: string };
}
export interface Message {
  topic?: Resource;
  user_properties?: Record<string, string>;
  system_properties?: SystemProperties;
  body?: Buffer;
}
export interface SubscriptionEntry {
  topic?: Resource;
  expression?: FilterExpression;
}
export interface Settings {
  client_type?: string;
  access_point?: Endpoints;
  backoff_policy?: unknown;
  request_timeout?: Duration;
  publishing?: { topics?: Resource[]; max_body_size?: number; validate_message_type?: boolean };
  subscription?: {
    group?: Resource;
    subscriptions?: SubscriptionEntry[];
    fifo?: boolean;
    receive_batch_size?: number;
    long_polling_timeout?: Duration;
  };
  user_agent?: { language?: string; version?: string; platform?: string; hostname?: string };
  metric?: { on: boolean };
  pub_sub?: string;
}
export interface TelemetryCommand {
  status?: Status;
  settings?: Settings;
  recover_orphaned_transaction_command?: { message: Message; transaction_id: string };
  command?: string;
}

export const durationMs = (d: Duration | undefined): number | undefined =>
  d ? Number(d.seconds ?? 0) * 1000 + Math.floor(Number(d.nanos ?? 0) / 1e6) : undefined;

export const toDuration = (ms: number): Duration => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

export const timestampMs = (t: Timestamp | undefined): number | undefined =>
  t ? Number(t.seconds ?? 0) * 1000 + Math.floor(Number(t.nanos ?? 0) / 1e6) : undefined;

export const toTimestamp = (ms: number): Timestamp => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
