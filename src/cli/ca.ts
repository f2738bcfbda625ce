// `hangar ca [--data-dir D]`: prints the PEM certificate of the data directory's certificate authority (made on first
// use), the one TLS clients trust to reach its brokers. Never the key: it stays in the data directory.
import { loadConfig } from '../config.js';

export async function printCaCertificate(args: string[]): Promise<void> {
  const i = args.indexOf('--data-dir');
  const dataDir = i >= 0 ? args[i + 1] : undefined;
  if (i >= 0 && (dataDir === undefined || dataDir.startsWith('--'))) throw new Error('--data-dir needs a value');
  const config = loadConfig(dataDir ? { ...process.env, HANGAR_DATA_DIR: dataDir } : process.env, []);
  const { CertificateAuthority } = await import('../provision/tls/ca.js');
  process.stdout.write((await CertificateAuthority.open(config.dataDir)).certPem);
}
