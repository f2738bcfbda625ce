// What handlers and registries may do with a client connection, independent of the socket behind it.

import type { RemotingCommand } from './command.js';

export interface RemotingPeer {
  /** Unique per connection within this process. */
  readonly id: number;
  /** "ip:port" of the client as the socket sees it. */
  readonly remoteAddress: string;
  readonly remoteIp: string;
  readonly remotePort: number;
  /** Sends a broker→client oneway request (CHECK_TRANSACTION_STATE, NOTIFY_CONSUMER_IDS_CHANGED). */
  sendOneway(code: number, extFields: Record<string, string>, body?: Buffer | null): void;
  /** Sends a broker→client request and resolves with the client's response; undefined on abort or close. */
  invoke(code: number, extFields: Record<string, string>, body: Buffer | null, signal: AbortSignal): Promise<RemotingCommand | undefined>;
  readonly closed: boolean;
}

export type { RemotingCommand };
