// Captured official-SDK requests (signature vectors), read from the source tree whether tests run from src or dist.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RELATIVE = 'test/api/alibaba/fixtures/sdk-requests.json';

// Walk up from this file (test/api/alibaba or dist/test/api/alibaba) to the directory that holds the fixture.
const locate = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, RELATIVE);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`${RELATIVE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
};
const FILE = locate();

export interface CapturedRequest {
  file: string;
  algorithm: 'ACS3-HMAC-SHA256' | 'ACS3-HMAC-SM3' | 'ROA-HMAC-SHA1';
  secret: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyBase64: string;
}

export const capturedRequests = (): CapturedRequest[] => (JSON.parse(fs.readFileSync(FILE, 'utf8')) as { requests: CapturedRequest[] }).requests;

export const captured = (prefix: string): CapturedRequest => {
  const c = capturedRequests().find((r) => r.file.startsWith(prefix));
  if (!c) throw new Error(`no captured request ${prefix}`);
  return c;
};

/** The seed CreateInstance body exactly as the SDK sent it (capture 01). */
export const seedCreateInstanceBody = (): Record<string, any> =>
  JSON.parse(Buffer.from(captured('01-').bodyBase64, 'base64').toString('utf8')) as Record<string, any>;
