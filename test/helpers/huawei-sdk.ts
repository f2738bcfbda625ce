// The official Huawei SDK pointed at a test Hangar.
import { createRequire } from 'node:module';
import { TEST_AK, TEST_PROJECT, TEST_SK } from './hangar.js';
import { SEED_BODY } from './huawei-seed.js';

const require = createRequire(import.meta.url);
const core = require('@huaweicloud/huaweicloud-sdk-core') as { BasicCredentials: new () => any };
export const rmq: any = require('@huaweicloud/huaweicloud-sdk-rocketmq');
// The SDK core logs every failed call (with its whole request config) through log4js; expected failures are the point of
// many tests, so keep that noise out of the test output.
(require('log4js') as { configure(c: unknown): void }).configure({
  appenders: { out: { type: 'stdout' } },
  categories: { default: { appenders: ['out'], level: 'off' } },
});

export function huaweiClient(url: string, creds: { ak?: string; sk?: string; projectId?: string } = {}): any {
  const credential = new core.BasicCredentials()
    .withAk(creds.ak ?? TEST_AK)
    .withSk(creds.sk ?? TEST_SK)
    .withProjectId(creds.projectId ?? TEST_PROJECT);
  return rmq.RocketMQClient.newBuilder().withCredential(credential).withEndpoint(url).build();
}

/** The seed page's example body ("Creating a Pay-per-Use Instance"), with a unique name. */
export function seedBody(name = `reliability-${Date.now() % 1e9}`): Record<string, unknown> {
  return { ...SEED_BODY, available_zones: [...SEED_BODY.available_zones], name };
}

/** Calls the SDK and returns the thrown SDK exception (or fails if none). */
export async function sdkError(p: Promise<unknown>): Promise<{ httpStatusCode: number; errorCode?: string; errorMsg?: string; requestId?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { httpStatusCode: number; errorCode?: string; errorMsg?: string };
  }
  throw new Error('expected the SDK call to fail');
}

/** A request signed exactly as the SDK signs, for bodies the SDK itself would never send (raw bytes, odd paths). */
export async function signedFetch(baseUrl: string, method: string, pathAndQuery: string, body?: string, date = new Date()): Promise<Response> {
  const { signHuaweiRequest } = await import('../../src/api/huawei/signature.js');
  const { TEST_AK: ak, TEST_SK: sk, TEST_PROJECT: projectId } = await import('./hangar.js');
  const host = new URL(baseUrl).host;
  const headers = signHuaweiRequest({ method, url: pathAndQuery, host, body, ak, sk, projectId, date });
  delete headers.host;
  return fetch(baseUrl + pathAndQuery, { method, headers, body });
}
