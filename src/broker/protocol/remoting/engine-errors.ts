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

/** Runs fn and turns engine/store errors into RequestRejected; anything else passes through. */
export const engineCall = async <T>(fn: () => Promise<T> | T): Promise<T> => {
  try {
    return await fn();
  } catch (e) {
    if (isEngineError(e)) throw new RequestRejected(responseCodeOfEngineError(e.code), e.message);
    if ((e as { code?: unknown }).code === 'STORE_FULL') throw new RequestRejected(ResponseCode.SERVICE_NOT_AVAILABLE, 'message store is full');
    if ((e as { name?: unknown }).name === 'MessageTooLargeError') throw new RequestRejected(ResponseCode.MESSAGE_ILLEGAL, (e as Error).message);
    throw e;
  }
};
