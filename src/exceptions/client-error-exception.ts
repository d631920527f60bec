import { CLASS_ID } from './brand.js';
import { HttpException } from './http-exception.js';
import { STATUS_RANGE, type StatusRange } from './status-range.js';

/**
 * Base of every 4xx exception: the client sent something the server will not act on.
 * Use it directly for a 4xx code without a class of its own: `new ClientErrorException(status,
 * detail?, options?)`, where a status that is not an integer 400-499 throws a `RangeError`.
 *
 * @example
 * if (err instanceof ClientErrorException) log.info(err.message); // the client's fault
 */
export class ClientErrorException extends HttpException {
  static override readonly [CLASS_ID]: string = 'ClientErrorException';
  // No constructor: HttpException's checks this range (a constructor here would cost every 4xx a stack frame).
  static override readonly [STATUS_RANGE]: StatusRange = { min: 400, max: 499, name: 'ClientErrorException' };
}
