// RocketMQ 5 status codes and the mapping from engine errors to them.
import { isEngineError, type EngineErrorCode } from '../../engine/index.js';
import type { Code, Status } from './wire.js';

export const OK: Status = Object.freeze({ code: 'OK', message: 'OK' });

export const status = (code: Code, message: string): Status => ({ code, message });

/** Engine error codes that are not RocketMQ 5 codes, with the code each is answered with. */
const ENGINE_TO_CODE: Record<Exclude<EngineErrorCode, Code>, Code> = {
  STORE_FULL: 'INTERNAL_SERVER_ERROR',
  INVALID_METADATA: 'BAD_REQUEST',
  ENGINE_CLOSED: 'INTERNAL_SERVER_ERROR',
};

/** Status for an error thrown while serving a call: engine errors keep their code, anything else is internal. */
export const statusOf = (e: unknown): Status => {
  if (isEngineError(e)) return status(Object.hasOwn(ENGINE_TO_CODE, e.code) ? ENGINE_TO_CODE[e.code as keyof typeof ENGINE_TO_CODE] : (e.code as Code), e.message);
  return status('INTERNAL_SERVER_ERROR', e instanceof Error ? e.message : String(e));
};
