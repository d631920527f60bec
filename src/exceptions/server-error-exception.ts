import { CLASS_ID } from './brand.js';
import { HttpException } from './http-exception.js';
import { STATUS_RANGE, type StatusRange } from './status-range.js';

/**
 * Base of every 5xx exception: the server failed. Its `detail` stays private
 * (`expose` is false) unless the exception is made with `expose: true`.
 * Use it directly for a 5xx code without a class of its own: `new ServerErrorException(status,
 * detail?, options?)`, where a status that is not an integer 500-599 throws a `RangeError`.
 *
 * @example
 * throw new ServiceUnavailableException('Database failover', { retryAfter: 30 });
 * // client sees 503, title "Service Unavailable", Retry-After: 30, no detail
 */
export class ServerErrorException extends HttpException {
  static override readonly [CLASS_ID]: string = 'ServerErrorException';
  // No constructor: HttpException's checks this range (a constructor here would cost every 5xx a stack frame).
  static override readonly [STATUS_RANGE]: StatusRange = { min: 500, max: 599, name: 'ServerErrorException' };
}
