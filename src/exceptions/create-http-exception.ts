import { EXCEPTION_CLASSES, type HttpExceptionClassByStatus, type HttpExceptionOptionsByStatus } from './exception-by-status.js';
import { ClientErrorException } from './client-error-exception.js';
import { HttpException } from './http-exception.js';
import type { AnyHttpExceptionOptions } from './options.js';
import { ServerErrorException } from './server-error-exception.js';
import { assertStatus } from './status-range.js';

/**
 * The exception type for a status: `HttpExceptionFor<404>` is `NotFoundException`,
 * a union of statuses gives the union of classes, and a plain `number` gives `HttpException`.
 */
export type HttpExceptionFor<S extends number> = S extends keyof HttpExceptionClassByStatus
  ? InstanceType<HttpExceptionClassByStatus[S]>
  : HttpException;

/** The options `createHttpException` accepts for a status (every option for a plain `number`). */
export type HttpExceptionOptionsFor<S extends number> = S extends keyof HttpExceptionOptionsByStatus
  ? HttpExceptionOptionsByStatus[S]
  : AnyHttpExceptionOptions;

/**
 * Makes the exception for a status code, as an instance of its generated class
 * (`createHttpException(404)` is a `NotFoundException`, statically and at run time).
 * A 4xx/5xx code without a class gives a `ClientErrorException`/`ServerErrorException`;
 * a status outside 400-599 or not an integer throws a `RangeError`.
 *
 * @example
 * const error = createHttpException(upstream.status, 'Payment provider refused the card');
 */
export function createHttpException<S extends number>(
  status: S,
  detail?: string,
  options?: HttpExceptionOptionsFor<S>,
): HttpExceptionFor<S> {
  assertStatus(status, 400, 599, 'createHttpException');
  const ExceptionClass: (new (detail?: string, options?: AnyHttpExceptionOptions) => HttpException) | undefined = Object.hasOwn(EXCEPTION_CLASSES, status)
    ? EXCEPTION_CLASSES[status as keyof HttpExceptionClassByStatus]
    : undefined;
  const exception =
    ExceptionClass !== undefined
      ? new ExceptionClass(detail, options)
      : status < 500
        ? new ClientErrorException(status, detail, options)
        : new ServerErrorException(status, detail, options);
  return exception as HttpExceptionFor<S>;
}
