// Engine and store errors as remoting response codes, so a refused request keeps its connection and tells the
// client why (ali-ons retries a send on 1, 14, 16 and 17 only).

import { isEngineError } from '../../engine/index.js';
import { ResponseCode } from './codes.js';
import { RequestRejected } from './reply-error.js';

export const responseCodeOfEngineError = (code: string): number => {
  switch (code) {
    case 'TOPIC_NOT_FOUND':
      return ResponseCode.TOPIC_NOT_EXIST;
    case 'CONSUMER_GROUP_NOT_FOUND':
      return ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST;
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return ResponseCode.NO_PERMISSION;
    case 'TOO_MANY_REQUESTS':
      return ResponseCode.SYSTEM_BUSY;
    case 'STORE_FULL':
    case 'ENGINE_CLOSED':
      return ResponseCode.SERVICE_NOT_AVAILABLE;
    case 'ILLEGAL_FILTER_EXPRESSION':
      return ResponseCode.SUBSCRIPTION_PARSE_FAILED;
    case 'INTERNAL_ERROR':
    case 'INVALID_TRANSACTION_ID':
    case 'NOT_FOUND':
    case 'MESSAGE_NOT_FOUND':
      return ResponseCode.SYSTEM_ERROR;
    default:
      return ResponseCode.MESSAGE_ILLEGAL;
  }
};

const rejection = (e: unknown): unknown =>
  isEngineError(e) ? new RequestRejected(responseCodeOfEngineError(e.code), e.message) : e;

/** Runs fn and turns engine errors into RequestRejected; anything else passes through. */
export const engineCall = async <T>(fn: () => Promise<T> | T): Promise<T> => {
  try {
    return await fn();
  } catch (e) {
    throw rejection(e);
  }
};

/** engineCall for an engine call that answers at once. */
export const engineCallSync = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (e) {
    throw rejection(e);
  }
};
