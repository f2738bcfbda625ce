// Typed errors of the remoting protocol. A decoder error means the peer broke the framing: the connection is closed.

export type RemotingErrorCode =
  | 'REMOTING_FRAME_TOO_LARGE' // the length prefix exceeds the configured maximum
  | 'REMOTING_FRAME_MALFORMED' // length prefix or header length inconsistent with the frame
  | 'REMOTING_HEADER_MALFORMED' // the JSON or binary header cannot be parsed
  | 'REMOTING_SERIALIZE_TYPE_UNKNOWN' // serialize type other than 0 (JSON) or 1 (ROCKETMQ)
  | 'REMOTING_MESSAGE_MALFORMED' // a stored or batched message record is truncated or inconsistent
  | 'REMOTING_MESSAGE_ID_MALFORMED' // not an offset message id
  | 'REMOTING_VALUE_OUT_OF_RANGE'; // a value does not fit the wire field (e.g. properties > 32767 bytes)

export class RemotingError extends Error {
  readonly code: RemotingErrorCode;

  constructor(code: RemotingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RemotingError';
    this.code = code;
  }
}

export const isRemotingError = (e: unknown): e is RemotingError => e instanceof RemotingError;
