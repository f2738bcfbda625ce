// The raw requests the official Huawei SDK sent (reference/captures/huawei), as signature and parser test vectors.
// A copy lives in the repo (fixtures/sdk-captures.json: every request of every capture file, _all.json and
// P3_all_requests.json included) so a fresh clone tests without the shared folder; captures.test.ts checks the copy
// against <repo>/../shared when that folder is there.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CAPTURE_AK = 'TESTAK1234567890ABCD';
export const CAPTURE_SK = 'testSecretKey0123456789abcdefghijklmnopqr';
export const CAPTURE_PROJECT = '0c9a1b2c3d4e4f5a8b7c6d5e4f3a2b1c';

export interface Capture {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

interface RawCapture {
  name?: string;
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  bodyBase64?: string;
}

const FIXTURE = ['test', 'api', 'huawei', 'fixtures', 'sdk-captures.json'];

/** Walk up from this file (test/… under tsx, dist/test/… compiled) to the folder holding `rel`. */
const findUp = (rel: string[]): string | undefined => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, ...rel);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
};

const toCapture = (name: string, r: RawCapture): Capture | undefined =>
  r.method && r.url && r.headers
    ? { name, method: r.method, url: r.url, headers: r.headers, body: Buffer.from(r.bodyBase64 ?? '', 'base64') }
    : undefined;

/** Every captured request, from the in-repo fixture. */
export const loadCaptures = (): Capture[] => {
  const file = findUp(FIXTURE);
  if (!file) throw new Error(`${FIXTURE.join('/')} not found above ${fileURLToPath(import.meta.url)}`);
  const items = JSON.parse(readFileSync(file, 'utf8')) as RawCapture[];
  return items.flatMap((r) => toCapture(r.name ?? '?', r) ?? []);
};

/** <repo>/../shared/reference/captures/huawei when present (not in a fresh clone elsewhere). */
export const sharedCapturesDir = (): string | undefined => findUp(['..', 'shared', 'reference', 'captures', 'huawei']);

/** The same list read from the shared reference folder (for checking the fixture copy). */
export const loadSharedCaptures = (dir: string): Capture[] => {
  const out: Capture[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== '_results.json').sort()) {
    const data: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const items = Array.isArray(data) ? data : [data];
    items.forEach((item, i) => {
      const c = toCapture(Array.isArray(data) ? `${file}[${i}]` : file, item as RawCapture);
      if (c) out.push(c);
    });
  }
  return out;
};
