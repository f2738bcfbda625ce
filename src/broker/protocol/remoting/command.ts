// One remoting command (request or response) as the codec hands it over: header fields plus an optional body.

import { FLAG_ONEWAY, FLAG_RESPONSE, SERIALIZE_JSON, type SerializeType } from './codes.js';

export interface RemotingCommand {
  /** Request code in requests, response code in responses. */
  code: number;
  /** LanguageCode name (JSON header) — any string is accepted. */
  language: string;
  version: number;
  /** Request id, echoed by the response. */
  opaque: number;
  flag: number;
  remark: string | null;
  /** Custom header; values are always strings after decoding (clients may send numbers or booleans). */
  extFields: Record<string, string>;
  body: Buffer | null;
  /** How the header was (or is to be) serialised; a response uses its request's type. */
  serializeType: SerializeType;
}

/** Version Hangar reports in its own commands (MQVersion ordinal of 4.9.4, what a 4.x broker of that era sends). */
export const HANGAR_REMOTING_VERSION = 399;

export const isResponse = (cmd: RemotingCommand): boolean => (cmd.flag & FLAG_RESPONSE) !== 0;
export const isOneway = (cmd: RemotingCommand): boolean => (cmd.flag & FLAG_ONEWAY) !== 0;

export interface RequestInit {
  extFields?: Record<string, string>;
  body?: Buffer | null;
  opaque: number;
  oneway?: boolean;
  serializeType?: SerializeType;
}

export const createRequest = (code: number, init: RequestInit): RemotingCommand => ({
  code,
  language: 'JAVA',
  version: HANGAR_REMOTING_VERSION,
  opaque: init.opaque,
  flag: init.oneway ? FLAG_ONEWAY : 0,
  remark: null,
  extFields: init.extFields ?? {},
  body: init.body ?? null,
  serializeType: init.serializeType ?? SERIALIZE_JSON,
});

export interface ResponseInit {
  remark?: string | null;
  extFields?: Record<string, string>;
  body?: Buffer | null;
}

/** A response to `request`: same opaque and serialize type, RESPONSE flag set. */
export const createResponse = (request: RemotingCommand, code: number, init: ResponseInit = {}): RemotingCommand => ({
  code,
  language: 'JAVA',
  version: HANGAR_REMOTING_VERSION,
  opaque: request.opaque,
  flag: FLAG_RESPONSE,
  remark: init.remark ?? null,
  extFields: init.extFields ?? {},
  body: init.body ?? null,
  serializeType: request.serializeType,
});
