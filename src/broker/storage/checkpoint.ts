// The store's small state files: the format manifest, the recovery checkpoint and the consumer offsets.
// Each is written whole and atomically (temp file, fsync, rename), so a crash leaves the old or the new version.
import { StoreCorruptError, StoreVersionError } from './errors.js';
import type { FileLayer } from './file-layer.js';
import { writeFileAtomic } from './file-layer.js';

export const STORE_MAGIC = 'hangar-message-store';
export const STORE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'STORE';
export const CHECKPOINT_FILE = 'checkpoint.json';
export const OFFSETS_FILE = 'offsets.json';

export interface Checkpoint {
  /** True only when written by a clean close. */
  clean: boolean;
  /** Commit-log offset below which every record is fsynced. */
  flushed: number;
  /** Commit-log offset below which consume-queue files hold every entry (and are fsynced). */
  dispatched: number;
  /** Deleted topics and the log end at deletion: replay must not resurrect their older records. */
  deletedTopics: Record<string, number>;
}

/** Creates the manifest of a new store, or checks that an existing one is a store this build can read. */
export async function checkManifest(files: FileLayer, dir: string): Promise<void> {
  const data = await files.readFile(`${dir}/${MANIFEST_FILE}`);
  if (!data) {
    const body = JSON.stringify({ magic: STORE_MAGIC, formatVersion: STORE_FORMAT_VERSION }) + '\n';
    await writeFileAtomic(files, dir, MANIFEST_FILE, Buffer.from(body));
    return;
  }
  let parsed: { magic?: unknown; formatVersion?: unknown };
  try {
    parsed = JSON.parse(data.toString('utf8')) as typeof parsed;
  } catch (err) {
    throw new StoreCorruptError(`${dir}/${MANIFEST_FILE}: unreadable store manifest`, { cause: err });
  }
  if (parsed.magic !== STORE_MAGIC) throw new StoreCorruptError(`${dir} is not a Hangar message store`);
  const v = parsed.formatVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > STORE_FORMAT_VERSION) {
    throw new StoreVersionError(`${dir}: store format version ${String(v)}, this build reads up to ${STORE_FORMAT_VERSION}`);
  }
}

export async function readCheckpoint(files: FileLayer, dir: string): Promise<Checkpoint | undefined> {
  const data = await files.readFile(`${dir}/${CHECKPOINT_FILE}`);
  if (!data) return undefined;
  try {
    const c = JSON.parse(data.toString('utf8')) as Partial<Checkpoint> & { version?: number };
    if (c.version !== 1 || typeof c.flushed !== 'number' || typeof c.dispatched !== 'number') return undefined;
    const deletedTopics = Object.assign(Object.create(null) as Record<string, number>, c.deletedTopics ?? {});
    return { clean: c.clean === true, flushed: c.flushed, dispatched: c.dispatched, deletedTopics };
  } catch {
    return undefined; // treated like no checkpoint: full verification and replay
  }
}

export async function writeCheckpoint(files: FileLayer, dir: string, c: Checkpoint): Promise<void> {
  await writeFileAtomic(files, dir, CHECKPOINT_FILE, Buffer.from(JSON.stringify({ version: 1, ...c }) + '\n'));
}

/** group → topic → queueId → next offset to consume. */
export type OffsetTable = Map<string, Map<string, Map<number, number>>>;

export async function readOffsets(files: FileLayer, dir: string): Promise<OffsetTable> {
  const table: OffsetTable = new Map();
  const data = await files.readFile(`${dir}/${OFFSETS_FILE}`);
  if (!data) return table;
  let parsed: { version?: number; offsets?: Record<string, Record<string, Record<string, number>>> };
  try {
    parsed = JSON.parse(data.toString('utf8')) as typeof parsed;
  } catch (err) {
    throw new StoreCorruptError(`${dir}/${OFFSETS_FILE}: unreadable consumer offsets`, { cause: err });
  }
  if (parsed.version !== 1) throw new StoreVersionError(`${dir}/${OFFSETS_FILE}: offsets format ${String(parsed.version)}`);
  for (const [group, topics] of Object.entries(parsed.offsets ?? {})) {
    const t = new Map<string, Map<number, number>>();
    for (const [topic, queues] of Object.entries(topics)) {
      const q = new Map<number, number>();
      for (const [id, off] of Object.entries(queues)) q.set(Number(id), off);
      t.set(topic, q);
    }
    table.set(group, t);
  }
  return table;
}

export async function writeOffsets(files: FileLayer, dir: string, table: OffsetTable): Promise<void> {
  // Null-prototype objects: a group or topic named "__proto__" is an ordinary key here.
  const offsets = Object.create(null) as Record<string, Record<string, Record<string, number>>>;
  for (const [group, topics] of table) {
    const g = (offsets[group] = Object.create(null) as Record<string, Record<string, number>>);
    for (const [topic, queues] of topics) g[topic] = Object.fromEntries(queues);
  }
  await writeFileAtomic(files, dir, OFFSETS_FILE, Buffer.from(JSON.stringify({ version: 1, offsets }) + '\n'));
}
