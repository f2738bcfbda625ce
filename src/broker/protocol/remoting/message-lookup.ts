// Finds a stored message by either id a client may hold: the unique id (UNIQ_KEY, what 5.x clients and Java 4.x
// clients show) or the 4.x offset message id (what ali-ons shows and SEND responses return). Both are 32 hex chars
// for IPv4 store hosts, so the unique id is tried first and the offset id is trusted only when its store host is ours.

import type { Principal, StoredMessage } from '../../engine/index.js';
import type { HostAddress } from './host.js';
import { decodeOffsetMessageId, isOffsetMessageId } from './message-id.js';

export interface MessageLookupStore {
  messageById(messageId: string, who: Principal): Promise<StoredMessage | undefined>;
  messageByCommitLogOffset(offset: number, who: Principal): Promise<StoredMessage | undefined>;
}

export const findMessageByAnyId = async (store: MessageLookupStore, id: string, who: Principal, storeHost?: HostAddress): Promise<StoredMessage | undefined> => {
  const byUnique = await store.messageById(id, who);
  if (byUnique) return byUnique;
  if (!isOffsetMessageId(id)) return undefined;
  let decoded;
  try {
    decoded = decodeOffsetMessageId(id);
  } catch {
    return undefined;
  }
  if (storeHost && (decoded.storeHost.port !== storeHost.port || decoded.storeHost.ip !== storeHost.ip)) return undefined;
  return store.messageByCommitLogOffset(decoded.commitLogOffset, who);
};
