// Ids the engine mints itself: message ids of internal records, transaction ids and recall handles.
import { randomBytes } from 'node:crypto';

const PREFIX = randomBytes(6).toString('hex').toUpperCase();
let counter = 0;

/** 32 upper-case hex chars: random process prefix, seconds, counter. */
export const newMessageId = (): string => {
  counter = (counter + 1) >>> 0;
  const secs = (Math.floor(Date.now() / 1000) >>> 0).toString(16).padStart(8, '0');
  return `${PREFIX}${secs}${counter.toString(16).padStart(8, '0')}`.toUpperCase().padEnd(32, '0');
};

/** Handles that point at an entry of a pending log: "<prefix><offset base36>.<message id>". */
export const encodeLogHandle = (prefix: string, offset: number, messageId: string): string =>
  `${prefix}${offset.toString(36)}.${messageId}`;

export const decodeLogHandle = (prefix: string, handle: string): { offset: number; messageId: string } | undefined => {
  if (typeof handle !== 'string' || !handle.startsWith(prefix)) return undefined;
  const rest = handle.slice(prefix.length);
  const dot = rest.indexOf('.');
  if (dot <= 0) return undefined;
  const offset = parseInt(rest.slice(0, dot), 36);
  if (!Number.isSafeInteger(offset) || !/^[0-9a-z]+$/.test(rest.slice(0, dot))) return undefined;
  return { offset, messageId: rest.slice(dot + 1) };
};
