import { HttpException, isHttpException } from '../index.js';
import type { HttpErrorAbstractConstructor } from './types.js';

/**
 * `createError.HttpError`, the abstract base of http-errors: calling or constructing it throws
 * `TypeError: cannot construct abstract class`, as in http-errors. Its prototype is
 * `HttpException.prototype`, and `instanceof` is true for every exception of this library
 * (from any loaded copy), which covers every error `createError` makes.
 *
 * @example
 * if (err instanceof createError.HttpError) res.status(err.status);
 */
export const HttpError = function HttpError(): never {
  throw new TypeError('cannot construct abstract class');
} as unknown as HttpErrorAbstractConstructor;

Object.defineProperty(HttpError, 'prototype', { value: HttpException.prototype });
Object.defineProperty(HttpError, Symbol.hasInstance, { value: (value: unknown): boolean => isHttpException(value), configurable: true, writable: true });
// http-errors makes it with util.inherits(HttpError, Error), which leaves `super_`.
Object.defineProperty(HttpError, 'super_', { value: Error, writable: true, configurable: true });
