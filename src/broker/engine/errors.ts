// Typed engine errors. Codes are RocketMQ 5 status names so protocols map them one to one.

export type EngineErrorCode =
  | 'BAD_REQUEST'
  | 'ILLEGAL_TOPIC'
  | 'ILLEGAL_CONSUMER_GROUP'
  | 'ILLEGAL_MESSAGE_ID'
  | 'ILLEGAL_MESSAGE_GROUP'
  | 'ILLEGAL_MESSAGE_PROPERTY_KEY'
  | 'ILLEGAL_FILTER_EXPRESSION'
  | 'ILLEGAL_INVISIBLE_TIME'
  | 'ILLEGAL_DELIVERY_TIME'
  | 'INVALID_RECEIPT_HANDLE'
  | 'INVALID_TRANSACTION_ID'
  | 'MESSAGE_PROPERTY_CONFLICT_WITH_TYPE'
  | 'MESSAGE_BODY_EMPTY'
  | 'MESSAGE_BODY_TOO_LARGE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'MESSAGE_NOT_FOUND'
  | 'TOPIC_NOT_FOUND'
  | 'CONSUMER_GROUP_NOT_FOUND'
  | 'TOO_MANY_REQUESTS'
  | 'STORE_FULL'
  | 'INVALID_METADATA'
  | 'ENGINE_CLOSED'
  | 'INTERNAL_ERROR';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.code = code;
  }
}

export const isEngineError = (e: unknown): e is EngineError => e instanceof EngineError;

export const topicNotFound = (topic: string): EngineError =>
  new EngineError('TOPIC_NOT_FOUND', `topic ${topic} does not exist`);

export const groupNotFound = (group: string): EngineError =>
  new EngineError('CONSUMER_GROUP_NOT_FOUND', `consumer group ${group} does not exist`);

export const invalidHandle = (why: string): EngineError =>
  new EngineError('INVALID_RECEIPT_HANDLE', `receipt handle is invalid: ${why}`);
