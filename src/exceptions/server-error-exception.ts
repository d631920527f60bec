import { CLASS_ID } from './brand.js';
import { HttpException } from './http-exception.js';
import type { HttpExceptionOptions } from './options.js';
import { assertStatus } from './status-range.js';

/**
 * Base of every 5xx exception: the server failed. Its `detail` stays private
 * (`expose` is false) unless the exception is made with `expose: true`.
 *
 * @example
 * throw new ServiceUnavailableException('Database failover', { retryAfter: 30 });
 * // client sees 503, title "Service Unavailable", Retry-After: 30, no detail
 */
export class ServerErrorException extends HttpException {
  static override readonly [CLASS_ID]: string = 'ServerErrorException';

  /** @param status integer 500-599; anything else throws a `RangeError` */
  constructor(status: number, detail?: string, options?: HttpExceptionOptions) {
    assertStatus(status, 500, 599, 'ServerErrorException');
    super(status, detail, options);
  }
}
