// The data-plane transport of one broker: its gRPC and remoting listeners all accept through it. It reads the first bytes
// of each connection to tell TLS (a handshake record starts with 0x16; no plaintext gRPC preface or remoting frame
// does) from plaintext, closes what the current mode does not serve, and remembers each connection's kind so that a
// mode switch closes the connections the new mode refuses. Protocols stay unaware of TLS: they get a socket.
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { tlsModeAllows, type TlsMode } from '../../domain/tls.js';
import type { BrokerTlsConfig } from '../config.js';

export type ConnectionKind = 'tls' | 'plaintext';

/** The broker's certificate chain and private key (PEM). */
export interface TransportCredentials {
  certChain: Buffer;
  privateKey: Buffer;
}

/**
 * Takes over an accepted connection. The socket is paused with its first bytes put back; a 'tls' one is still to be
 * terminated (see Transport.terminateTls), a 'plaintext' one is to be resumed once read.
 */
export type ServeConnection = (socket: net.Socket, kind: ConnectionKind) => void;

export interface TransportListener {
  port: number;
  /** Stops accepting and ends the connections this listener accepted. */
  close(): Promise<void>;
}

export interface TransportLog {
  warn(obj: object, msg: string): void;
}

const TLS_HANDSHAKE = 0x16;

export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

export class Transport {
  #mode: TlsMode;
  readonly #live = new Map<net.Socket, ConnectionKind>();
  readonly #secureContext?: tls.SecureContext;

  constructor(
    mode: TlsMode,
    readonly credentials?: TransportCredentials,
  ) {
    if (credentials) this.#secureContext = tls.createSecureContext({ cert: credentials.certChain, key: credentials.privateKey });
    this.#mode = this.#checked(mode);
  }

  /** The transport a broker config describes (reads its certificate and key files). */
  static fromConfig(cfg: BrokerTlsConfig): Transport {
    const credentials =
      cfg.certFile && cfg.keyFile ? { certChain: fs.readFileSync(cfg.certFile), privateKey: fs.readFileSync(cfg.keyFile) } : undefined;
    return new Transport(cfg.mode, credentials);
  }

  get mode(): TlsMode {
    return this.#mode;
  }

  /** Serves `mode` from now on; open connections it refuses are closed (their clients reconnect as it says). */
  setMode(mode: TlsMode): void {
    this.#mode = this.#checked(mode);
    for (const [socket, kind] of this.#live) if (!tlsModeAllows(mode, kind === 'tls')) socket.destroy();
  }

  /** How many open connections of each kind (for tests and logs). */
  counts(): Record<ConnectionKind, number> {
    const out = { tls: 0, plaintext: 0 };
    for (const kind of this.#live.values()) out[kind]++;
    return out;
  }

  async listen(host: string, port: number, serve: ServeConnection, log: TransportLog): Promise<TransportListener> {
    const accepted = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      accepted.add(socket);
      socket.once('close', () => {
        accepted.delete(socket);
        this.#live.delete(socket);
      });
      this.#accept(socket, serve);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Accept errors (EMFILE, ...) must not take the broker process down.
    server.on('error', (e) => log.warn({ port, err: e.message }, 'listener error'));
    const address = server.address();
    return {
      port: typeof address === 'object' && address ? address.port : port,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const s of accepted) s.destroy();
        }),
    };
  }

  /** A TLS server socket over a connection served as 'tls' (remoting; grpc-js terminates TLS itself). */
  terminateTls(socket: net.Socket): tls.TLSSocket {
    if (!this.#secureContext) throw new TransportError('this broker has no certificate');
    return new tls.TLSSocket(socket, { isServer: true, secureContext: this.#secureContext });
  }

  #checked(mode: TlsMode): TlsMode {
    if (mode !== 'PLAINTEXT' && !this.credentials) throw new TransportError(`TLS mode ${mode} needs a certificate, and this broker has none`);
    return mode;
  }

  #accept(socket: net.Socket, serve: ServeConnection): void {
    // Until the protocol takes over (and for a socket refused before), errors end only this connection.
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      const kind: ConnectionKind = first[0] === TLS_HANDSHAKE ? 'tls' : 'plaintext';
      if (!tlsModeAllows(this.#mode, kind === 'tls')) {
        socket.destroy();
        return;
      }
      this.#live.set(socket, kind);
      serve(socket, kind);
    });
  }
}
