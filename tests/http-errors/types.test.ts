/**
 * Compile-time assertions for `typed-http-exceptions/http-errors` (ts-jest type-checks this
 * file, as `tsc -p .` does): a drift in the public types breaks the build. Runtime checks keep
 * the values honest.
 */
import {
  BadRequestException,
  ContentTooLargeException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from 'typed-http-exceptions';
import createError, {
  type CopiedProperties,
  type CreateHttpError,
  type HttpErrorAbstractClass,
  type HttpErrorAbstractConstructor,
  type HttpErrorConstructors,
  type HttpErrorHeaders,
  type IsHttpError,
  type HttpError,
  type HttpErrorCode,
  type HttpErrorConstructor,
  type HttpErrorFor,
  type HttpErrorName,
  type UnknownError,
} from '../../src/http-errors/index.js';

/** `true` only when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** `true` when A is assignable to B. */
type Extends<A, B> = [A] extends [B] ? true : false;
function assertType<T extends true>(_proof?: T): void {}

describe('type-level behaviour of typed-http-exceptions/http-errors', () => {
  test('createError(status) is typed as the exception class of that status', () => {
    const notFound = createError(404);
    assertType<Equal<typeof notFound, NotFoundException>>();
    expect(notFound).toBeInstanceOf(NotFoundException);

    const withMessage = createError(503, 'down');
    assertType<Equal<typeof withMessage, ServiceUnavailableException>>();

    const renamed = createError(413);
    assertType<Equal<typeof renamed, ContentTooLargeException>>();
    assertType<Equal<typeof renamed, PayloadTooLargeException>>();

    const messageOnly = createError('boom');
    assertType<Equal<typeof messageOnly, InternalServerErrorException>>();
    expect(messageOnly).toBeInstanceOf(InternalServerErrorException);

    const either = createError(Math.random() > 2 ? 404 : 400);
    assertType<Equal<typeof either, NotFoundException | BadRequestException>>();
  });

  test('codes http-errors has no constructor for, and non-error statuses, get honest wider types', () => {
    // 499 borrows 400's constructor at run time: an HttpException, not ClientClosedRequestException.
    const borrowed = createError(499);
    assertType<Equal<typeof borrowed, HttpException>>();
    expect(borrowed).toBeInstanceOf(HttpException);

    // 200 gives a plain Error with http-errors' fields.
    const nonError = createError(200);
    assertType<Equal<typeof nonError, HttpError>>();
    expect(nonError).not.toBeInstanceOf(HttpException);

    const status: number = 404;
    const wide = createError(status);
    assertType<Equal<typeof wide, HttpError>>();
    assertType<Equal<HttpErrorFor<number>, HttpError>>();
    assertType<Equal<HttpErrorFor<450>, HttpException>>();
    assertType<Equal<HttpErrorFor<404>, NotFoundException>>();
  });

  test('properties are typed onto the result; status and statusCode are not copied', () => {
    const err = createError(404, 'No user 42', { userId: 42, status: 500 });
    assertType<Equal<typeof err.userId, number>>();
    assertType<Equal<typeof err.status, NotFoundException['status']>>();
    expect(err.userId).toBe(42);
    expect(err.status).toBe(404);

    const propsOnly = createError(409, { orderId: 'A7' });
    assertType<Equal<typeof propsOnly.orderId, string>>();
    assertType<Extends<typeof propsOnly, InstanceType<typeof createError.Conflict>>>();

    const exposeFalse = createError(404, 'x', { expose: false as const });
    assertType<Equal<typeof exposeFalse.expose, false>>();
  });

  test('an existing error comes back typed as itself with the http-errors fields', () => {
    class DbError extends Error {
      readonly query = 'SELECT 1';
    }
    const wrapped = createError(503, new DbError('timeout'));
    assertType<Extends<typeof wrapped, DbError>>();
    assertType<Extends<typeof wrapped, HttpError>>();
    assertType<Equal<typeof wrapped.query, 'SELECT 1'>>();
    expect(wrapped.status).toBe(503);

    const withProps = createError(new DbError('timeout'), { retryable: true });
    assertType<Equal<typeof withProps.retryable, boolean>>();
    assertType<Equal<typeof withProps.expose, boolean>>();
  });

  test('the constructors, by name and by code, make the exception class of their status', () => {
    const made = new createError.NotFound('x');
    assertType<Equal<typeof made, NotFoundException>>();
    const called = createError.NotFound('x');
    assertType<Equal<typeof called, NotFoundException>>();
    const byCode = new createError[404]();
    assertType<Equal<typeof byCode, NotFoundException>>();
    const byString = new createError['404']();
    assertType<Equal<typeof byString, NotFoundException>>();
    assertType<Equal<typeof createError.NotFound, HttpErrorConstructor<404>>>();
    assertType<Equal<typeof createError.PayloadTooLarge, HttpErrorConstructor<413>>>();
    assertType<Equal<HttpErrorName<404>, 'NotFound'>>();
    assertType<Equal<HttpErrorName<418>, 'ImATeapot'>>();
    assertType<Equal<Extends<499, HttpErrorCode>, false>>();
    assertType<Equal<Extends<511, HttpErrorCode>, true>>();
    expect(made).toBeInstanceOf(NotFoundException);
    // @ts-expect-error no such constructor: http-errors has none for 499
    void createError.ClientClosedRequest;
    // @ts-expect-error the constructors take a message string, not options
    void new createError.NotFound('x', { expose: false });
  });

  test('createError.HttpError is abstract, and instanceof narrows to HttpException', () => {
    // @ts-expect-error cannot create an instance of an abstract class
    expect(() => new createError.HttpError()).toThrow(TypeError);
    // @ts-expect-error it cannot be called either
    expect(() => createError.HttpError()).toThrow(TypeError);
    const caught: unknown = createError(404);
    if (caught instanceof createError.HttpError) {
      assertType<Equal<typeof caught, HttpException>>();
      expect(caught.status).toBe(404);
    } else {
      throw new Error('expected an HttpError');
    }
  });

  test('isHttpError narrows to the http-errors shape', () => {
    const caught: unknown = createError(500, new Error('x'));
    if (createError.isHttpError(caught)) {
      assertType<Equal<typeof caught, HttpError>>();
      assertType<Equal<typeof caught.expose, boolean>>();
      expect(caught.status).toBe(500);
    } else {
      throw new Error('expected an http error');
    }
  });

  test('argument mistakes http-errors throws for are compile errors', () => {
    // @ts-expect-error a status is only read as the first argument (http-errors throws a TypeError)
    expect(() => createError('LOL', 404)).toThrow(TypeError);
    // @ts-expect-error undefined is not an argument (http-errors throws a TypeError)
    expect(() => createError(404, undefined)).toThrow(TypeError);
    // @ts-expect-error booleans are not arguments
    expect(() => createError(true)).toThrow(TypeError);
    const rest: UnknownError[] = ['x', { id: 1 }, new Error('kept')];
    const spread = createError(404, ...rest);
    assertType<Equal<typeof spread, HttpError>>();
    expect(spread.message).toBe('kept');
  });

  test('the default export is the CreateHttpError function, and its errors fit the HttpError type', () => {
    assertType<Equal<typeof createError, CreateHttpError>>();
    assertType<Extends<NotFoundException, HttpError<404>>>();
    // @types/http-errors types `headers` as string values only; ours may hold set-cookie arrays.
    type TypesHttpError = import('http-errors').HttpError;
    assertType<Equal<Extends<NotFoundException, TypesHttpError>, false>>();
    const err: HttpError = createError(404, 'x');
    expect(err.status).toBe(404);
  });

  test("the CommonJS build's declarations (export =) give the same types as the ESM entry", () => {
    // scripts/build.mjs copies commonjs-entry.d.cts over dist/cjs/http-errors/index.d.ts. Declaration
    // files are not checked themselves here (skipLibCheck), so a name that drifted would silently be
    // `any`: these strict equalities catch it.
    type Cjs = typeof import('../../src/http-errors/commonjs-entry.cjs');
    assertType<Equal<Cjs, CreateHttpError>>();
    assertType<Equal<Cjs['NotFound'], HttpErrorConstructor<404>>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').CopiedProperties<{ a: 1 }>, CopiedProperties<{ a: 1 }>>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').CreateHttpError, CreateHttpError>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').HttpError<404>, HttpError<404>>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').HttpError, HttpError>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').HttpErrorAbstractClass, HttpErrorAbstractClass>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').HttpErrorAbstractConstructor, HttpErrorAbstractConstructor>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').HttpErrorCode, HttpErrorCode>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').HttpErrorConstructor<404>, HttpErrorConstructor<404>>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').HttpErrorConstructors, HttpErrorConstructors>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').HttpErrorFor<404>, HttpErrorFor<404>>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').HttpErrorHeaders, HttpErrorHeaders>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').HttpErrorName<404>, HttpErrorName<404>>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').IsHttpError, IsHttpError>>();
    assertType<Equal<import('../../src/http-errors/commonjs-entry.cjs').UnknownError, UnknownError>>();
    expect(typeof createError).toBe('function');
  });
});
