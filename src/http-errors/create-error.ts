import { isHttpException } from '../index.js';
import { HttpError } from './abstract-http-error.js';
import { constructorOf, HTTP_ERROR_CONSTRUCTORS } from './constructor-table.js';
import { constructHttpError } from './http-error-constructor.js';
import { copyProperties } from './copy-properties.js';
import { warnNonErrorStatus } from './deprecation.js';
import { isHttpError } from './is-http-error.js';
import { parseArguments } from './parse-arguments.js';
import { statusMessage } from './status-messages.js';
import type { CreateHttpError, HttpErrorConstructor } from './types.js';

/** The fields `createError` gives an error it did not make itself (http-errors' order of assignment). */
interface DecoratedError {
  expose: boolean;
  statusCode: unknown;
  status: unknown;
}

/**
 * The body of `createError`, with http-errors 2.x's rules:
 * - a number status outside 400-599 emits a deprecation warning (not `NaN`, as in http-errors);
 * - a status that is not a number, or outside 400-599 and not a known code (1xx-3xx), becomes 500;
 * - the error is the given one, else one made with the status's constructor (a 4xx/5xx code
 *   without one takes 400's or 500's, as `createError(499)` is a `BadRequestError`), else a plain
 *   `Error` for a known non-error code (`createError(300)`), as in http-errors;
 * - an error that is not already of that status (an existing plain `Error`, a borrowed
 *   constructor) gets `expose` (`status < 500`), `statusCode` and `status` as own properties.
 *   An exception of this library with that status keeps its own `expose`;
 * - the properties are copied last.
 */
function createError(...args: unknown[]): Error {
  const parsed = parseArguments(args);
  let status = parsed.status;
  if (typeof status === 'number' && (status < 400 || status >= 600)) warnNonErrorStatus(createError);
  if (typeof status !== 'number' || (statusMessage(status) === undefined && (status < 400 || status >= 600))) status = 500;
  const code = status as number;

  const Constructor: HttpErrorConstructor | undefined = constructorOf(code) ?? constructorOf(codeClass(code));
  let error = parsed.error;
  if (error === undefined) {
    // The trace starts where createError was called, not inside it, as in http-errors.
    if (Constructor !== undefined) {
      error = constructHttpError(Constructor, parsed.message, createError);
    } else {
      error = new Error(parsed.message || statusMessage(code));
      (Error as { captureStackTrace?: (target: object, constructorOpt?: Function) => void }).captureStackTrace?.(error, createError);
    }
  }

  const decorated = error as Error & DecoratedError;
  const alreadyOfStatus = decorated.status === code && (isHttpException(error) || (Constructor !== undefined && error instanceof Constructor));
  if (!alreadyOfStatus) {
    decorated.expose = code < 500;
    decorated.statusCode = code;
    decorated.status = code;
  }
  copyProperties(error, parsed.properties);
  return error;
}

/** 400 for 4xx, 500 for 5xx (http-errors' fallback constructor), from the first digit as http-errors reads it. */
function codeClass(status: number): number {
  return Number(`${String(status).charAt(0)}00`);
}

// Members in http-errors' order: HttpError, isHttpError, then each code and its name.
const members = createError as unknown as Record<string, unknown>;
members['HttpError'] = HttpError;
members['isHttpError'] = isHttpError;
Object.assign(createError, HTTP_ERROR_CONSTRUCTORS);

/**
 * Makes an HTTP error, exactly as http-errors 2.x's `createError` does, except that each error it
 * makes is also this library's exception (`createError(404) instanceof NotFoundException`).
 * Arguments in any order: a status (first only), a message, an existing `Error`, properties.
 *
 * @example
 * import createError from 'typed-http-exceptions/http-errors';
 * throw createError(404, 'No user 42');              // a NotFoundException named 'NotFoundError'
 * throw new createError.Conflict('Order 7 shipped'); // a ConflictException
 */
const createHttpError = createError as unknown as CreateHttpError;
export { createHttpError as createError };
