// The broker's transport on real sockets with a real certificate from Hangar's CA: TLS told from plaintext by the first
// byte, each mode serving what it says, the first bytes reaching the protocol intact, and a mode switch closing the
// open connections the new mode refuses.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { Transport, TransportError, type ConnectionKind } from '../../../src/broker/transport/transport.js';
import { CertificateAuthority } from '../../../src/provision/tls/ca.js';

const silent = { warn: () => undefined };

describe('broker transport', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hangar-transport-'));
  let ca: CertificateAuthority;
  let credentials: { certChain: Buffer; privateKey: Buffer };
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  before(async () => {
    ca = await CertificateAuthority.open(dir);
    const files = await ca.issueBrokerCert(path.join(dir, 'broker'), ['127.0.0.1'], 'broker test');
    credentials = { certChain: fs.readFileSync(files.certFile), privateKey: fs.readFileSync(files.keyFile) };
  });

  /** An echo server over the transport: it answers `<kind>:<what it read>` once per chunk. */
  const echo = async (t: Transport): Promise<{ port: number; kinds: ConnectionKind[]; close(): Promise<void> }> => {
    const kinds: ConnectionKind[] = [];
    const l = await t.listen(
      '127.0.0.1',
      0,
      (socket, kind) => {
        kinds.push(kind);
        const s = kind === 'tls' ? t.terminateTls(socket) : socket;
        s.on('data', (d: Buffer) => s.write(`${kind}:${d.toString()}`));
        s.on('error', () => undefined);
        if (kind === 'plaintext') socket.resume();
      },
      silent,
    );
    return { port: l.port, kinds, close: () => l.close() };
  };

  const plainClient = (port: number): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
  const tlsClient = (port: number): Promise<tls.TLSSocket> =>
    new Promise((resolve, reject) => {
      const s = tls.connect({ port, host: '127.0.0.1', ca: ca.certPem }, () => resolve(s));
      s.once('error', reject);
    });
  const ask = (s: net.Socket, what: string): Promise<string> =>
    new Promise((resolve) => {
      s.once('data', (d: Buffer) => resolve(d.toString()));
      s.write(what);
    });
  const closed = (s: net.Socket): Promise<void> => new Promise((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));

  it('PERMISSIVE serves TLS and plaintext on one port, the first bytes intact', async () => {
    const t = new Transport('PERMISSIVE', credentials);
    const server = await echo(t);
    const p = await plainClient(server.port);
    const s = await tlsClient(server.port);
    assert.equal(s.authorized, true);
    assert.equal(await ask(p, 'hello'), 'plaintext:hello');
    assert.equal(await ask(s, 'secret'), 'tls:secret');
    assert.deepEqual(t.counts(), { tls: 1, plaintext: 1 });
    p.destroy();
    s.destroy();
    await server.close();
  });

  it('SSL closes plaintext connections unserved; PLAINTEXT refuses a TLS handshake', async () => {
    const ssl = new Transport('SSL', credentials);
    const a = await echo(ssl);
    const p = await plainClient(a.port);
    p.on('error', () => undefined);
    p.write('hello');
    await closed(p);
    assert.deepEqual(a.kinds, []);
    assert.equal(await ask(await tlsClient(a.port), 'x'), 'tls:x');
    await a.close();

    const plain = new Transport('PLAINTEXT', credentials);
    const b = await echo(plain);
    await assert.rejects(tlsClient(b.port));
    assert.deepEqual(b.kinds, []);
    await b.close();
  });

  it('a mode switch closes the open connections the new mode refuses and keeps the others', async () => {
    const t = new Transport('PERMISSIVE', credentials);
    const server = await echo(t);
    const p = await plainClient(server.port);
    const s = await tlsClient(server.port);
    await ask(p, 'one');
    await ask(s, 'one');
    t.setMode('SSL');
    await closed(p);
    assert.equal(await ask(s, 'two'), 'tls:two');
    t.setMode('PLAINTEXT');
    await closed(s);
    const p2 = await plainClient(server.port);
    assert.equal(await ask(p2, 'three'), 'plaintext:three');
    p2.destroy();
    await server.close();
  });

  it('a TLS mode needs a certificate', () => {
    assert.throws(() => new Transport('SSL'), TransportError);
    const t = new Transport('PLAINTEXT');
    assert.throws(() => t.setMode('PERMISSIVE'), TransportError);
    assert.equal(t.mode, 'PLAINTEXT');
  });

  it('broker certificates name their hosts; keys are readable by their owner only', async () => {
    const files = await ca.issueBrokerCert(path.join(dir, 'named'), ['10.1.2.3', 'mq.example.test', '0.0.0.0'], 'broker named');
    const cert = new crypto.X509Certificate(fs.readFileSync(files.certFile));
    assert.equal(cert.subjectAltName, 'IP Address:10.1.2.3, DNS:mq.example.test, IP Address:127.0.0.1, DNS:localhost');
    assert.equal(cert.verify(new crypto.X509Certificate(ca.certPem).publicKey), true);
    assert.equal(fs.statSync(files.keyFile).mode & 0o077, 0);
    assert.equal(fs.statSync(path.join(dir, 'ca', 'ca.key')).mode & 0o077, 0);
    // The same CA whenever the data directory is opened again.
    assert.equal((await CertificateAuthority.open(dir)).certPem, ca.certPem);
  });
});
