// A request the broker refuses: carries the response code and remark the client receives. Handlers throw it;
// the dispatcher turns it into a response and keeps the connection open.

import { ResponseCode } from './codes.js';

export class RequestRejected extends Error {
  readonly responseCode: number;
  readonly extFields: Record<string, string>;

  constructor(responseCode: number, remark: string, extFields: Record<string, string> = {}) {
    super(remark);
    this.name = 'RequestRejected';
    this.responseCode = responseCode;
    this.extFields = extFields;
  }
}

export const illegalField = (field: string, why: string): RequestRejected =>
  new RequestRejected(ResponseCode.MESSAGE_ILLEGAL, `request field ${field} ${why}`);
