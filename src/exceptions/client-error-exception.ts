import { CLASS_ID } from './brand.js';
import { HttpException } from './http-exception.js';
import type { HttpExceptionOptions } from './options.js';
import { assertStatus } from './status-range.js';

/**
 * Base of every 4xx exception: the client sent something the server will not act on.
 * Use it directly for a 4xx code without a class of its own.
 *
 * @example
 * if (err instanceof ClientErrorException) log.info(err.message); // the client's fault
 */
export class ClientErrorException extends HttpException {
  static override readonly [CLASS_ID]: string = 'ClientErrorException';

  /** @param status integer 400-499; anything else throws a `RangeError` */
  constructor(status: number, detail?: string, options?: HttpExceptionOptions) {
    assertStatus(status, 400, 499, 'ClientErrorException');
    super(status, detail, options);
  }
}
