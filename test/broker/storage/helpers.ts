// Shared test helpers for the storage tests: temporary directories, record generators, a crash image of a live store.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { AppendRecord, StoredMessage } from '../../../src/broker/storage/index.js';

export async function tempDir(prefix = 'hangar-store-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

/** Copies a store directory as it is on disk now — what a SIGKILL at this moment would leave behind. */
export async function crashImage(dir: string, into: string): Promise<void> {
  // Temp files come and go while the store runs; the store ignores them at open anyway.
  await fs.cp(dir, into, { recursive: true, filter: (src) => !src.endsWith('.tmp') });
}

let seq = 0;
export function record(topic: string, queueId: number, body: string | Buffer, extra: Partial<AppendRecord> = {}): AppendRecord {
  seq++;
  return {
    topic,
    queueId,
    body: typeof body === 'string' ? Buffer.from(body) : body,
    messageId: `${seq.toString(16).padStart(32, '0')}`,
    bornTimestamp: 1_700_000_000_000 + seq,
    ...extra,
  };
}

const str = fc.string({ maxLength: 12 });
export const arbRecord: fc.Arbitrary<AppendRecord> = fc.record(
  {
    topic: fc.constantFrom('orders', 'pay%RETRY%g1', 'ünïcode/t', 'TBW102'),
    queueId: fc.integer({ min: 0, max: 3 }),
    body: fc.uint8Array({ maxLength: 300 }).map((u) => Buffer.from(u)),
    messageId: fc.uuid().map((u) => u.replace(/-/g, '').toUpperCase()),
    tag: fc.option(fc.constantFrom('TagA', 'TagB', '', 'tag with space', '标签'), { nil: undefined }),
    keys: fc.array(str, { maxLength: 3 }),
    properties: fc.dictionary(str, fc.string({ maxLength: 40 }), { maxKeys: 4 }),
    bornTimestamp: fc.integer({ min: 0, max: 2 ** 45 }),
    bornHost: fc.option(fc.constantFrom('127.0.0.1:5000', '[::1]:1'), { nil: undefined }),
    flag: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    sysFlag: fc.integer({ min: 0, max: 255 }),
    reconsumeTimes: fc.integer({ min: 0, max: 16 }),
  },
  { requiredKeys: ['topic', 'queueId', 'body', 'messageId', 'bornTimestamp'] },
);

/** The fields of a stored message that must equal what was appended. */
export function appendedView(m: StoredMessage | AppendRecord): Record<string, unknown> {
  return {
    topic: m.topic,
    queueId: m.queueId,
    body: Buffer.from(m.body).toString('hex'),
    messageId: m.messageId,
    tag: m.tag,
    keys: m.keys ?? [],
    properties: { ...(m.properties ?? {}) },
    bornTimestamp: m.bornTimestamp,
    bornHost: m.bornHost,
    flag: m.flag ?? 0,
    sysFlag: m.sysFlag ?? 0,
    reconsumeTimes: m.reconsumeTimes ?? 0,
  };
}
