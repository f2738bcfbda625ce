// One client connection: bytes in → FrameDecoder → handler per request → encoded response out. A framing error
// closes this connection only. Requests are handled concurrently (a long-polling pull does not block the others)
// and answered by opaque, possibly out of order, as 4.x clients expect.

import type { Socket } from 'node:net';
import { ResponseCode } from './codes.js';
import { createRequest, createResponse, isOneway, isResponse, type RemotingCommand } from './command.js';
import { isRemotingError } from './errors.js';
import { FrameDecoder, encodeCommand } from './frame.js';
import type { RemotingPeer } from './peer.js';
import { RequestRejected } from './reply-error.js';

export interface RequestContext {
  peer: RemotingPeer;
  request: RemotingCommand;
  /** Aborted when the connection closes (ends long polls early). */
  signal: AbortSignal;
}

/** Returns the response to send (its opaque/serialize type are fixed up by the connection). */
export type RequestHandler = (ctx: RequestContext) => Promise<RemotingCommand> | RemotingCommand;

export interface ConnectionLog {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

let nextConnectionId = 1;
// Broker→client requests use their own opaque space; clients match responses only against their own requests.
let nextServerOpaque = 1;

export class RemotingConnection implements RemotingPeer {
  readonly id = nextConnectionId++;
  readonly remoteIp: string;
  readonly remotePort: number;
  readonly remoteAddress: string;
  #closed = false;
  readonly #abort = new AbortController();
  readonly #decoder: FrameDecoder;
  /** Broker→client requests awaiting their response, by opaque. */
  readonly #invoked = new Map<number, (response: RemotingCommand | undefined) => void>();

  constructor(
    private readonly socket: Socket,
    private readonly dispatch: (code: number) => RequestHandler | undefined,
    private readonly log: ConnectionLog,
    maxFrameBytes: number,
    private readonly onClose: (conn: RemotingConnection) => void,
  ) {
    this.remoteIp = (socket.remoteAddress ?? '0.0.0.0').replace(/^::ffff:/i, '');
    this.remotePort = socket.remotePort ?? 0;
    this.remoteAddress = `${this.remoteIp}:${this.remotePort}`;
    this.#decoder = new FrameDecoder(maxFrameBytes);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (e) => this.log.debug({ peer: this.remoteAddress, err: e.message }, 'remoting connection error'));
    socket.on('close', () => this.#finish());
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.socket.destroy();
    this.#finish();
  }

  sendOneway(code: number, extFields: Record<string, string>, body: Buffer | null = null): void {
    const cmd = createRequest(code, { opaque: nextServerOpaque++ & 0x7fffffff, extFields, body, oneway: true });
    this.#write(cmd);
  }

  invoke(code: number, extFields: Record<string, string>, body: Buffer | null, signal: AbortSignal): Promise<RemotingCommand | undefined> {
    if (this.#closed || signal.aborted) return Promise.resolve(undefined);
    const opaque = nextServerOpaque++ & 0x7fffffff;
    return new Promise((resolve) => {
      const done = (response: RemotingCommand | undefined): void => {
        this.#invoked.delete(opaque);
        signal.removeEventListener('abort', abort);
        resolve(response);
      };
      const abort = (): void => done(undefined);
      this.#invoked.set(opaque, done);
      signal.addEventListener('abort', abort, { once: true });
      this.#write(createRequest(code, { opaque, extFields, body }));
    });
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const done of [...this.#invoked.values()]) done(undefined);
    this.#abort.abort();
    this.onClose(this);
  }

  #onData(chunk: Buffer): void {
    if (this.#closed) return;
    let commands: RemotingCommand[];
    try {
      commands = this.#decoder.push(chunk);
    } catch (e) {
      this.log.warn({ peer: this.remoteAddress, code: isRemotingError(e) ? e.code : 'UNKNOWN', err: (e as Error).message }, 'malformed remoting frame, closing connection');
      this.close();
      return;
    }
    for (const cmd of commands) {
      // A response to a request of ours (invoke); responses to oneway requests never come, a stray one is ignored.
      if (isResponse(cmd)) {
        this.#invoked.get(cmd.opaque)?.(cmd);
        continue;
      }
      void this.#handle(cmd);
    }
  }

  async #handle(request: RemotingCommand): Promise<void> {
    const handler = this.dispatch(request.code);
    let response: RemotingCommand;
    try {
      if (!handler) {
        response = createResponse(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, { remark: `request type ${request.code} not supported` });
      } else {
        response = await handler({ peer: this, request, signal: this.#abort.signal });
      }
    } catch (e) {
      if (e instanceof RequestRejected) {
        response = createResponse(request, e.responseCode, { remark: e.message, extFields: e.extFields });
      } else {
        this.log.warn({ peer: this.remoteAddress, code: request.code, err: e instanceof Error ? e.stack : String(e) }, 'remoting request failed');
        response = createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: e instanceof Error ? e.message : String(e) });
      }
    }
    // Oneway requests (bit 1) get no reply; ali-ons's "oneway" carries flag 0 and gets one it ignores.
    if (isOneway(request)) return;
    response.opaque = request.opaque;
    response.serializeType = request.serializeType;
    this.#write(response);
  }

  #write(cmd: RemotingCommand): void {
    if (this.#closed || this.socket.destroyed) return;
    let bytes: Buffer;
    try {
      bytes = encodeCommand(cmd);
    } catch (e) {
      this.log.warn({ peer: this.remoteAddress, err: (e as Error).message }, 'cannot encode remoting response');
      bytes = encodeCommand(createResponse(cmd, ResponseCode.SYSTEM_ERROR, { remark: (e as Error).message }));
    }
    this.socket.write(bytes);
  }
}
