// Hangar's certificate authority: one per data directory, made the first time it is needed, and the broker certificates
// it signs. Keys are ECDSA P-256 (fast to make, accepted by grpc-js, Java's Netty and OpenSSL). Private keys are written
// 0600 inside the data directory and never leave it: a broker is told the path of its key file, nothing else.
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { webcrypto, type webcrypto as WebCrypto } from 'node:crypto';
import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
const CA_VALID_DAYS = 3650;
/** Broker certificates are made again at every broker start; a year is plenty. */
const BROKER_VALID_DAYS = 365;

export const CA_DIR = 'ca';
export const CA_CERT_FILE = 'ca.pem';
const CA_KEY_FILE = 'ca.key';

/** Where a broker's certificate and key are, inside its own directory. */
export interface BrokerCertFiles {
  certFile: string;
  keyFile: string;
}

type Key = WebCrypto.CryptoKey;

const pemOfKey = async (key: Key): Promise<string> => x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');

const newKeys = (): Promise<WebCrypto.CryptoKeyPair> => webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);

/** A file only its owner reads: written aside, then renamed into place. */
const writePrivate = (file: string, text: string): void => {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
};

/** The subject alternative names of a broker: its advertised and bound hosts, and loopback (the health probe's). */
export const brokerHostNames = (hosts: string[]): string[] => {
  const names = new Set<string>();
  for (const h of [...hosts, '127.0.0.1', 'localhost']) if (h && h !== '0.0.0.0' && h !== '::') names.add(h);
  return [...names];
};

export class CertificateAuthority {
  private constructor(
    readonly certPem: string,
    private readonly cert: x509.X509Certificate,
    private readonly key: Key,
  ) {}

  /** The CA of a data directory, made on first use (two processes racing keep the same one). */
  static async open(dataDir: string): Promise<CertificateAuthority> {
    const dir = path.join(dataDir, CA_DIR);
    if (!fs.existsSync(path.join(dir, CA_KEY_FILE))) await CertificateAuthority.make(dataDir, dir);
    const certPem = fs.readFileSync(path.join(dir, CA_CERT_FILE), 'utf8');
    const der = x509.PemConverter.decodeFirst(fs.readFileSync(path.join(dir, CA_KEY_FILE), 'utf8'));
    const key = await webcrypto.subtle.importKey('pkcs8', der, ALG, false, ['sign']);
    return new CertificateAuthority(certPem, new x509.X509Certificate(certPem), key);
  }

  private static async make(dataDir: string, dir: string): Promise<void> {
    const keys = await newKeys();
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      name: `CN=Hangar CA ${path.basename(path.resolve(dataDir))}, O=Hangar`,
      keys,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + CA_VALID_DAYS * DAY_MS),
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    // Made in a directory of its own, then renamed into place whole: a second process either wins or finds this one.
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const tmp = fs.mkdtempSync(path.join(dataDir, '.ca-'));
    fs.writeFileSync(path.join(tmp, CA_CERT_FILE), cert.toString('pem') + '\n', { mode: 0o600 });
    fs.writeFileSync(path.join(tmp, CA_KEY_FILE), await pemOfKey(keys.privateKey), { mode: 0o600 });
    try {
      fs.renameSync(tmp, dir);
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      if (!fs.existsSync(path.join(dir, CA_KEY_FILE))) throw e;
    }
  }

  /** Signs a new server certificate for these hosts (IPs and names) and writes it with its key into `dir`. */
  async issueBrokerCert(dir: string, hosts: string[], commonName: string): Promise<BrokerCertFiles> {
    const keys = await newKeys();
    const now = Date.now();
    const names = brokerHostNames(hosts);
    const cert = await x509.X509CertificateGenerator.create({
      subject: `CN=${commonName.replace(/[,=+<>#;"\\]/g, '_')}, O=Hangar`,
      issuer: this.cert.subject,
      publicKey: keys.publicKey,
      signingKey: this.key,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + BROKER_VALID_DAYS * DAY_MS),
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(names.map((n) => ({ type: isIP(n) ? ('ip' as const) : ('dns' as const), value: n }))),
        await x509.AuthorityKeyIdentifierExtension.create(this.cert),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const files = { certFile: path.join(dir, 'broker.pem'), keyFile: path.join(dir, 'broker.key') };
    writePrivate(files.keyFile, await pemOfKey(keys.privateKey));
    // The chain a client is sent: the broker's certificate, then the CA's.
    writePrivate(files.certFile, `${cert.toString('pem')}\n${this.certPem}`);
    return files;
  }
}
