// The engine's topics and groups, persisted as one JSON file replaced atomically.
import { readJsonFile, writeJsonFile } from './json-file.js';
import type { BrokerMetadata } from './types.js';

export const METADATA_FILE = 'engine-metadata.json';

export const readMetadataFile = async (dir: string): Promise<BrokerMetadata> => {
  const parsed = (await readJsonFile<Partial<BrokerMetadata>>(dir, METADATA_FILE)) ?? {};
  return { topics: parsed.topics ?? [], groups: parsed.groups ?? [] };
};

export const writeMetadataFile = (dir: string, meta: BrokerMetadata): Promise<void> => writeJsonFile(dir, METADATA_FILE, meta);
