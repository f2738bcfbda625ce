// The engine's topics and groups, persisted as one JSON file replaced atomically (write, fsync, rename).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BrokerMetadata } from './types.js';

export const METADATA_FILE = 'engine-metadata.json';

export const readMetadataFile = async (dir: string): Promise<BrokerMetadata> => {
  try {
    const raw = await fs.readFile(path.join(dir, METADATA_FILE), 'utf8');
    const parsed = JSON.parse(raw) as Partial<BrokerMetadata>;
    return { topics: parsed.topics ?? [], groups: parsed.groups ?? [] };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { topics: [], groups: [] };
    throw e;
  }
};

export const writeMetadataFile = async (dir: string, meta: BrokerMetadata): Promise<void> => {
  const target = path.join(dir, METADATA_FILE);
  const tmp = `${target}.${process.pid}.tmp`;
  const fh = await fs.open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(JSON.stringify(meta, null, 2));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, target);
  // Make the rename itself durable.
  const dh = await fs.open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
};
