// The official Alibaba SDK (@alicloud/rocketmq20220801) pointed at a test Hangar.
import { createRequire } from 'node:module';
import { TEST_AK, TEST_SK } from '../../helpers/hangar.js';
import { seedCreateInstanceBody } from './fixtures.js';

const require = createRequire(import.meta.url);
export const rmq: any = require('@alicloud/rocketmq20220801');
const core: any = require('@alicloud/openapi-core');

export interface ClientOptions {
  ak?: string;
  sk?: string;
  signatureAlgorithm?: 'v2' | 'ACS3-HMAC-SM3';
}

export function alibabaClient(endpoint: string, o: ClientOptions = {}): any {
  const config = new core.$OpenApiUtil.Config({
    accessKeyId: o.ak ?? TEST_AK,
    accessKeySecret: o.sk ?? TEST_SK,
    endpoint,
    protocol: 'HTTP',
    ...(o.signatureAlgorithm ? { signatureAlgorithm: o.signatureAlgorithm } : {}),
  });
  return new rmq.default(config);
}

/** The seed CreateInstance body exactly as the SDK sent it in the reference capture, as plain JSON. */
export function seedBody(): Record<string, any> {
  return seedCreateInstanceBody();
}

/** A CreateInstanceRequest model built from a plain body (nested objects become the SDK's models). */
export function createInstanceRequest(body: Record<string, any>, clientToken?: string): any {
  return new rmq.CreateInstanceRequest({ ...body, ...(clientToken ? { clientToken } : {}) });
}

/** Calls the SDK and returns the error it throws (fails when it does not). */
export async function sdkError(p: Promise<unknown>): Promise<{ name: string; code: string; statusCode: number; data: any; message: string; accessDeniedDetail?: any }> {
  try {
    await p;
  } catch (e) {
    return e as { name: string; code: string; statusCode: number; data: any; message: string };
  }
  throw new Error('expected the SDK call to fail');
}
