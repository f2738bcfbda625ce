// Receipt handles: opaque to clients, they name one delivery of one stored message — the engine run (epoch) that
// made it, a sequence number unique within that run, and the store queue and offset of the message.
import { invalidHandle } from './errors.js';

export interface ReceiptHandle {
  epoch: number;
  seq: number;
  storeTopic: string;
  storeQueueId: number;
  offset: number;
}

const VERSION = 'h1';

export const encodeReceiptHandle = (h: ReceiptHandle): string =>
  `${VERSION}.${h.epoch.toString(36)}.${h.seq.toString(36)}.${h.storeQueueId.toString(36)}.${h.offset.toString(36)}.` +
  Buffer.from(h.storeTopic, 'utf8').toString('base64url');

const INT36 = /^[0-9a-z]{1,12}$/;

export const decodeReceiptHandle = (s: string): ReceiptHandle => {
  if (typeof s !== 'string' || s.length === 0) throw invalidHandle('empty');
  const parts = s.split('.');
  if (parts.length !== 6 || parts[0] !== VERSION) throw invalidHandle('unknown format');
  const nums = parts.slice(1, 5);
  if (!nums.every((p) => INT36.test(p))) throw invalidHandle('malformed');
  const [epoch, seq, storeQueueId, offset] = nums.map((p) => parseInt(p, 36)) as [number, number, number, number];
  const topicPart = parts[5]!;
  if (!/^[A-Za-z0-9_-]+$/.test(topicPart)) throw invalidHandle('malformed topic');
  const storeTopic = Buffer.from(topicPart, 'base64url').toString('utf8');
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(seq)) throw invalidHandle('out of range');
  return { epoch, seq, storeTopic, storeQueueId, offset };
};
