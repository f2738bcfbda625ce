// The JSON header (serialize type 0): what every client sends by default. fastjson on the Java side ignores unknown
// keys and reads extFields as Map<String,String>; ali-ons sends numbers and booleans in extFields, so values are
// normalised to strings here.

import type { RemotingCommand } from './command.js';
import { RemotingError } from './errors.js';

export type HeaderFields = Omit<RemotingCommand, 'body' | 'serializeType'>;

const isInt32 = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;

const optionalInt = (obj: Record<string, unknown>, key: string, fallback: number): number => {
  const v = obj[key];
  if (v === undefined || v === null) return fallback;
  if (isInt32(v)) return v;
  // Some encoders quote numbers; accept a decimal string that fits.
  if (typeof v === 'string' && /^-?\d{1,10}$/.test(v) && isInt32(Number(v))) return Number(v);
  throw new RemotingError('REMOTING_HEADER_MALFORMED', `header field ${key} is not an int32`);
};

/** Turns any JSON value of extFields into the string a Java peer would have sent. */
const extValueToString = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

export const decodeJsonHeader = (bytes: Buffer): HeaderFields => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new RemotingError('REMOTING_HEADER_MALFORMED', 'header is not valid JSON', { cause: e });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RemotingError('REMOTING_HEADER_MALFORMED', 'header is not a JSON object');
  }
  const obj = parsed as Record<string, unknown>;
  if (!isInt32(obj.code)) throw new RemotingError('REMOTING_HEADER_MALFORMED', 'header field code is missing or not an int32');
  const extFields: Record<string, string> = {};
  const rawExt = obj.extFields;
  if (rawExt !== undefined && rawExt !== null) {
    if (typeof rawExt !== 'object' || Array.isArray(rawExt)) {
      throw new RemotingError('REMOTING_HEADER_MALFORMED', 'header field extFields is not an object');
    }
    for (const [k, v] of Object.entries(rawExt as Record<string, unknown>)) {
      const s = extValueToString(v);
      if (s !== undefined) extFields[k] = s;
    }
  }
  const remark = obj.remark;
  return {
    code: obj.code,
    language: typeof obj.language === 'string' ? obj.language : 'OTHER',
    version: optionalInt(obj, 'version', 0),
    opaque: optionalInt(obj, 'opaque', 0),
    flag: optionalInt(obj, 'flag', 0),
    // Any JSON type where the remark string belongs is taken in its text form.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    remark: typeof remark === 'string' ? remark : remark === undefined || remark === null ? null : String(remark),
    extFields,
  };
};

/** Same key order as fastjson (alphabetical), so a Java peer sees what a Java broker would send. */
export const encodeJsonHeader = (h: HeaderFields): Buffer => {
  const out: Record<string, unknown> = { code: h.code, extFields: h.extFields, flag: h.flag, language: h.language, opaque: h.opaque };
  if (h.remark !== null) out.remark = h.remark;
  out.serializeTypeCurrentRPC = 'JSON';
  out.version = h.version;
  return Buffer.from(JSON.stringify(out), 'utf8');
};
