// Opens an Engine on the real store in a fresh temporary directory.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Engine, type EngineOptions, type EngineTunables } from '../../../src/broker/engine/index.js';

export interface EngineFixture {
  engine: Engine;
  dir: string;
  reopen(): Promise<Engine>;
  cleanup(): Promise<void>;
}

export const FAST_TUNABLES: Partial<EngineTunables> = {
  txnCheckDelayMs: 300,
  txnCheckIntervalMs: 300,
  retryBackoffMs: [50, 100],
  longPollMs: 2_000,
  settingsRepushMs: 300,
};

export const openEngine = async (opts: Partial<EngineOptions> = {}): Promise<EngineFixture> => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hangar-engine-'));
  const options: EngineOptions = {
    dataDir: dir,
    brokerNames: ['broker-a'],
    tunables: FAST_TUNABLES,
    store: { segmentBytes: 4 * 1024 * 1024, flushIntervalMs: 50 },
    ...opts,
  };
  const fx: EngineFixture = {
    engine: await Engine.open(options),
    dir,
    async reopen() {
      await fx.engine.close();
      fx.engine = await Engine.open(options);
      return fx.engine;
    },
    async cleanup() {
      await fx.engine.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
  return fx;
};
