// The official RocketMQ 5.x Node client for the benchmarks: the same quiet, patched client the tests use.
import type { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { newProducer as producer, newSimpleConsumer as consumer, quietLogger } from '../../test/helpers/rocketmq-client.js';

export const silentLogger = quietLogger;

type Credentials = { accessKey: string; accessSecret: string } | undefined;

export const newProducer = (endpoints: string, topics: string[], sslEnabled = false, sessionCredentials?: Credentials): Producer =>
  producer(endpoints, topics, { sslEnabled, ...(sessionCredentials ? { sessionCredentials } : {}) });

export const newSimpleConsumer = (endpoints: string, group: string, topic: string, awaitDuration: number, sslEnabled = false, sessionCredentials?: Credentials): SimpleConsumer =>
  consumer(endpoints, group, { [topic]: '*' }, awaitDuration, { sslEnabled, ...(sessionCredentials ? { sessionCredentials } : {}) });
