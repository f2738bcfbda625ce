// A minimal remoting client on a raw socket, built on the codec, for requests ali-ons never sends.
import net from 'node:net';
import tls from 'node:tls';
import { createRequest, type RemotingCommand } from '../../../../src/broker/protocol/remoting/command.js';
import { FrameDecoder, encodeCommand } from '../../../../src/broker/protocol/remoting/frame.js';

export class RawClient {
  readonly socket: net.Socket;
  readonly #decoder = new FrameDecoder();
  readonly #pending = new Map<number, (c: RemotingCommand) => void>();
  /** Requests the broker sent us (CHECK_TRANSACTION_STATE, NOTIFY_CONSUMER_IDS_CHANGED). */
  readonly serverRequests: RemotingCommand[] = [];
  #opaque = 1000;
  closed: Promise<void>;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      for (const c of this.#decoder.push(chunk)) {
        if (c.flag & 1) this.#pending.get(c.opaque)?.(c);
        else this.serverRequests.push(c);
      }
    });
  }

  static connect(address: string): Promise<RawClient> {
    const [host, port] = address.split(':');
    return new Promise((resolve, reject) => {
      const s = net.connect(Number(port), host, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  /** Over TLS, trusting `ca` and checking the server's name (an IP is checked against the certificate's IP SANs). */
  static connectTls(address: string, ca: string): Promise<RawClient> {
    const i = address.lastIndexOf(':');
    const host = address.slice(0, i);
    return new Promise((resolve, reject) => {
      const s = tls.connect({ host, port: Number(address.slice(i + 1)), ca, ...(net.isIP(host) ? {} : { servername: host }) }, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  /** Sends a frame and waits for the response with its opaque. */
  sendFrame(bytes: Buffer, opaque: number): Promise<RemotingCommand> {
    return new Promise((resolve) => {
      this.#pending.set(opaque, resolve);
      this.socket.write(bytes);
    });
  }

  request(code: number, extFields: Record<string, string> = {}, body: Buffer | null = null, serializeType: 0 | 1 = 0): Promise<RemotingCommand> {
    const opaque = ++this.#opaque;
    return this.sendFrame(encodeCommand(createRequest(code, { opaque, extFields, body, serializeType })), opaque);
  }

  close(): void {
    this.socket.destroy();
  }
}
