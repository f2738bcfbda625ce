// RocketMQ 5 status codes and the mapping from engine errors to them.
import { isEngineError, type EngineErrorCode } from '../../engine/index.js';
import type { Status } from './wire.js';

export const OK: Status = Object.freeze({ code: 'OK', message: 'OK' });

export const status = (code: string, message: string): Status => ({ code, message });

const ENGINE_TO_CODE: Partial<Record<EngineErrorCode, string>> = {
  STORE_FULL: 'INTERNAL_SERVER_ERROR',
  INVALID_METADATA: 'BAD_REQUEST',
  ENGINE_CLOSED: 'INTERNAL_SERVER_ERROR',
};

/** Status for an error thrown while serving a call: engine errors keep their code, anything else is internal. */
export const statusOf = (e: unknown): Status => {
  if (isEngineError(e)) return status(ENGINE_TO_CODE[e.code] ?? e.code, e.message);
  return status('INTERNAL_SERVER_ERROR', e instanceof Error ? e.message : String(e));
};
