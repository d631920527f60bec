import type { HttpException, HttpExceptionFor } from '../index.js';
import type { HttpErrorCode, HttpErrorName } from './status-messages.js';

export type { HttpErrorCode, HttpErrorName } from './status-messages.js';

/** Header values as http-errors users put them on an error's `headers` (Express and Koa send them). */
export type HttpErrorHeaders = Readonly<Record<string, string | number | readonly string[]>>;

/**
 * An error that follows the http-errors convention (`status === statusCode`, boolean `expose`):
 * what `createError` returns and what `createError.isHttpError` recognises. Every
 * `HttpException` is one; so is an existing `Error` that went through `createError`.
 */
export interface HttpError<N extends number = number> extends Error {
  status: N;
  statusCode: N;
  /** Whether the message may be shown to the client. */
  expose: boolean;
  /** Response headers the error asks for. */
  headers?: HttpErrorHeaders;
}

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * What `createError(status)` gives for a status: the exception class of a code http-errors has a
 * constructor for (`HttpErrorFor<404>` is `NotFoundException`), an `HttpException` for another
 * 4xx/5xx code, and the plain `HttpError` shape otherwise (a non-error status such as 200 makes a
 * plain `Error`, as in http-errors; a plain `number` can be either).
 */
export type HttpErrorFor<N extends number> = N extends HttpErrorCode
  ? HttpExceptionFor<N>
  : `${N}` extends `${4 | 5}${Digit}${Digit}`
    ? HttpException
    : HttpError;

/** The properties `createError` copies onto the error: all of them except `status` and `statusCode`. */
export type CopiedProperties<P> = Omit<P, 'status' | 'statusCode'>;

/** An argument `createError` takes after the status: a message, an `Error`, or properties (`null` for none). */
export type UnknownError = Error | string | object | null;

/** `createError.isHttpError`: true for our exceptions and for any error following the http-errors convention. */
export type IsHttpError = (value: unknown) => value is HttpError;

/**
 * The constructor of one status (`createError.NotFound`, `createError[404]`): works with and
 * without `new`, and makes this library's exception for that status, named as http-errors
 * names it (`'NotFoundError'`).
 */
export interface HttpErrorConstructor<N extends HttpErrorCode = HttpErrorCode> {
  new (message?: string): HttpExceptionFor<N>;
  (message?: string): HttpExceptionFor<N>;
  readonly prototype: HttpExceptionFor<N>;
}

/**
 * `createError.HttpError`: abstract, so `new` and calls throw a `TypeError`, as in http-errors.
 * `instanceof` is true for every exception of this library (from any loaded copy).
 */
export interface HttpErrorAbstractClass {
  readonly prototype: HttpException;
  [Symbol.hasInstance](value: unknown): value is HttpException;
}

/** The type of `createError.HttpError`: an abstract class (`extends` compiles, `new` does not). */
export type HttpErrorAbstractConstructor = (abstract new () => HttpException) & HttpErrorAbstractClass;

/** Every constructor of `createError`, by name (`NotFound`) and by code (`404`, also `'404'`). */
export type HttpErrorConstructors = { readonly [N in HttpErrorCode as HttpErrorName<N>]: HttpErrorConstructor<N> } & {
  readonly [N in HttpErrorCode]: HttpErrorConstructor<N>;
};

/**
 * The `createError` function of http-errors 2.x with all its members. Arguments come in any
 * order (a status only first): a status, a message, an existing `Error` (which is returned,
 * given `status`, `statusCode` and `expose`) and properties to copy onto the error.
 */
export interface CreateHttpError extends HttpErrorConstructors {
  <N extends number>(status: N): HttpErrorFor<N>;
  <N extends number>(status: N, message: string): HttpErrorFor<N>;
  <E extends Error>(status: number, error: E): E & HttpError;
  <E extends Error, P extends object>(status: number, error: E, properties: P): E & HttpError & CopiedProperties<P>;
  <N extends number, P extends object>(status: N, message: string, properties: P): HttpErrorFor<N> & CopiedProperties<P>;
  <N extends number, P extends object>(status: N, properties: P): HttpErrorFor<N> & CopiedProperties<P>;
  <E extends Error>(error: E): E & HttpError;
  <E extends Error, P extends object>(error: E, properties: P): E & HttpError & CopiedProperties<P>;
  (message: string): HttpErrorFor<500>;
  <P extends object>(message: string, properties: P): HttpErrorFor<500> & CopiedProperties<P>;
  (properties: null): HttpErrorFor<500>;
  <P extends object>(properties: P): HttpErrorFor<500> & CopiedProperties<P>;
  (status: number, ...rest: UnknownError[]): HttpError;
  (...rest: UnknownError[]): HttpError;

  /** The abstract base: `err instanceof createError.HttpError` for every exception of this library. */
  readonly HttpError: HttpErrorAbstractConstructor;
  /** True for our exceptions and any error with boolean `expose` and `status === statusCode` (numbers). */
  readonly isHttpError: IsHttpError;
}
