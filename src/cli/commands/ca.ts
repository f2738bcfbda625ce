// hangar ca [--data-dir D] — prints the PEM certificate of the data directory's certificate authority (made on first
// use), the one TLS clients trust to reach its brokers. Never the key: it stays in the data directory.
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';

export function registerCa(program: Command): void {
  program
    .command('ca')
    .description("print the certificate (PEM) of the data directory's CA, which TLS clients of the brokers trust")
    .option('--data-dir <dir>', 'the data directory (or HANGAR_DATA_DIR; default ./.hangar)')
    .action(async (o: { dataDir?: string }) => {
      const config = loadConfig(o.dataDir ? { ...process.env, HANGAR_DATA_DIR: o.dataDir } : process.env, []);
      const { CertificateAuthority } = await import('../../provision/tls/ca.js');
      process.stdout.write((await CertificateAuthority.open(config.dataDir)).certPem);
    });
}
