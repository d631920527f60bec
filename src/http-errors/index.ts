/**
 * typed-http-exceptions/http-errors: a drop-in replacement for the `http-errors` 2.x package.
 * The default export is `createError` with all of http-errors' members; every error it makes is
 * also this library's exception. `require('typed-http-exceptions/http-errors')` returns the
 * function itself, as `require('http-errors')` does.
 *
 * @example
 * import createError from 'typed-http-exceptions/http-errors';
 * import { NotFoundException } from 'typed-http-exceptions';
 *
 * const err = createError(404, 'No user 42');
 * err.name;                         // 'NotFoundError', as http-errors names it
 * err instanceof NotFoundException; // true
 */
// Kept as the first statement of the CommonJS bundle: in sloppy mode every function would carry
// own `arguments` and `caller` properties that http-errors' (strict) functions do not have.
'use strict';

import { createError } from './create-error.js';

export default createError;

export type {
  CopiedProperties,
  CreateHttpError,
  HttpError,
  HttpErrorAbstractClass,
  HttpErrorAbstractConstructor,
  HttpErrorCode,
  HttpErrorConstructor,
  HttpErrorConstructors,
  HttpErrorFor,
  HttpErrorHeaders,
  HttpErrorName,
  IsHttpError,
  UnknownError,
} from './types.js';
