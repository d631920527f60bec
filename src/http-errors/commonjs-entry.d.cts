/**
 * The declarations of the CommonJS build of `typed-http-exceptions/http-errors`, where
 * `require()` returns the `createError` function itself (as `require('http-errors')` does)
 * rather than a module object with a `default`. scripts/build.mjs copies this file over
 * dist/cjs/http-errors/index.d.ts; it is type-checked with the sources, so it cannot drift
 * from ./types.ts. The ESM build keeps index.ts's `export default`.
 */
import type * as types from './types.js';

declare const createError: types.CreateHttpError;

declare namespace createError {
  export type CopiedProperties<P> = types.CopiedProperties<P>;
  export type CreateHttpError = types.CreateHttpError;
  export type HttpError<N extends number = number> = types.HttpError<N>;
  export type HttpErrorAbstractClass = types.HttpErrorAbstractClass;
  export type HttpErrorAbstractConstructor = types.HttpErrorAbstractConstructor;
  export type HttpErrorCode = types.HttpErrorCode;
  export type HttpErrorConstructor<N extends types.HttpErrorCode = types.HttpErrorCode> = types.HttpErrorConstructor<N>;
  export type HttpErrorConstructors = types.HttpErrorConstructors;
  export type HttpErrorFor<N extends number> = types.HttpErrorFor<N>;
  export type HttpErrorHeaders = types.HttpErrorHeaders;
  export type HttpErrorName<N extends types.HttpErrorCode = types.HttpErrorCode> = types.HttpErrorName<N>;
  export type IsHttpError = types.IsHttpError;
  export type UnknownError = types.UnknownError;
}

export = createError;
