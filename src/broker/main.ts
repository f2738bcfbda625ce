// Broker process entry: `node broker/main.js --config <dir>/broker.json`. Started (detached) by the embedded driver, with
// a clean environment: everything the broker needs is in its config file, validated here before anything starts.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { startBroker } from './broker.js';
import { BROKER_PID_FILE, BrokerConfigError, readBrokerConfig, type BrokerConfig } from './config.js';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--config');
  const file = i >= 0 ? process.argv[i + 1] : undefined;
  if (!file) {
    process.stderr.write('usage: broker --config <broker.json>\n');
    process.exit(2);
  }
  let cfg: BrokerConfig;
  try {
    cfg = readBrokerConfig(file);
  } catch (e) {
    // One line naming the field and the value: the driver shows the log's last line as the reason of a failed start.
    const why = e instanceof BrokerConfigError ? e.message : e instanceof Error ? e.message : String(e);
    process.stderr.write(`broker: invalid config ${file}: ${why.replace(/\s+/g, ' ')}\n`);
    process.exit(2);
  }
  const log = pino({ name: 'broker', level: cfg.logLevel, base: { instance: cfg.instanceId, pid: process.pid } });
  const pidFile = path.join(cfg.dataDir, BROKER_PID_FILE);

  let stopping = false;
  const stop = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ why }, 'broker stopping');
    try {
      await broker.close();
    } finally {
      try {
        if (fs.readFileSync(pidFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(pidFile);
      } catch {
        // already gone
      }
      process.exit(0);
    }
  };

  const broker = await startBroker(cfg, log, () => void stop('admin shutdown'));
  fs.writeFileSync(pidFile, String(process.pid), { mode: 0o600 });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // A broker whose control plane stopped calling (it crashed and did not come back) leaves.
  const orphanCheck = setInterval(
    () => {
      if (Date.now() - broker.admin.lastCallAt() > cfg.orphanTimeoutMs) void stop('control plane gone');
    },
    Math.min(10_000, Math.max(100, cfg.orphanTimeoutMs / 10)),
  );
  orphanCheck.unref();
}

main().catch((e: unknown) => {
  process.stderr.write(`broker failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
