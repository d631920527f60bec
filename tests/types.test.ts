/**
 * Compile-time assertions: `npm test` runs `tsc -p .` over this file, and ts-jest type-checks
 * it again, so a drift in the public types fails the build. The runtime checks below keep
 * the values honest too.
 */
import {
  BadRequestException,
  ClientErrorException,
  ContentTooLargeException,
  createHttpException,
  HttpException,
  HttpStatus,
  isClientErrorException,
  isHttpException,
  isServerErrorException,
  NotFoundException,
  PayloadTooLargeException,
  ServerErrorException,
  ServiceUnavailableException,
  TooManyRequestsException,
  UnauthorizedException,
  UnprocessableContentException,
  UnprocessableEntityException,
  ConflictException,
  type HttpExceptionFor,
  type ProblemDetails,
} from '../src/index.js';

/** `true` only when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

describe('type-level behaviour', () => {
  test('createHttpException narrows to the generated class', () => {
    const notFound = createHttpException(404);
    assertType<Equal<typeof notFound, NotFoundException>>();
    expect(notFound).toBeInstanceOf(NotFoundException);

    const fromEnum = createHttpException(HttpStatus.TOO_MANY_REQUESTS, 'slow down', { retryAfter: 3 });
    assertType<Equal<typeof fromEnum, TooManyRequestsException>>();
    expect(fromEnum.headers['retry-after']).toBe('3');

    const formerName = createHttpException(HttpStatus.PAYLOAD_TOO_LARGE);
    assertType<Equal<typeof formerName, ContentTooLargeException>>();

    const status: number = 404;
    const wide = createHttpException(status);
    assertType<Equal<typeof wide, HttpException>>();

    const either = createHttpException(Math.random() > 2 ? 404 : 409);
    assertType<Equal<typeof either, NotFoundException | ConflictException>>();

    assertType<Equal<HttpExceptionFor<503>, ServiceUnavailableException>>();
    assertType<Equal<HttpExceptionFor<460>, HttpException>>();
  });

  test('each generated class carries its status as an HttpStatus member that a literal matches', () => {
    assertType<Equal<NotFoundException['status'], HttpStatus.NOT_FOUND>>();
    assertType<Equal<NotFoundException['statusCode'], HttpStatus.NOT_FOUND>>();
    const literal: NotFoundException['status'] = 404;
    expect(literal).toBe(HttpStatus.NOT_FOUND);
    // @ts-expect-error 409 is not NotFoundException's status
    const wrong: NotFoundException['status'] = 409;
    expect(wrong).toBe(409);
    assertType<Equal<HttpException['status'], number>>();
  });

  test('former names are the same class, as value and as type', () => {
    assertType<Equal<PayloadTooLargeException, ContentTooLargeException>>();
    assertType<Equal<UnprocessableEntityException, UnprocessableContentException>>();
    expect(PayloadTooLargeException).toBe(ContentTooLargeException);
    expect(UnprocessableEntityException).toBe(UnprocessableContentException);
  });

  test('header options are typed on the classes that send them, and only there', () => {
    new UnauthorizedException('x', { wwwAuthenticate: 'Bearer' });
    new TooManyRequestsException('x', { retryAfter: new Date() });
    new BadRequestException('x', { errors: [{ detail: 'required', pointer: '#/name' }] });
    // Refused by the types, and at run time too (a TypeError from JavaScript).
    // @ts-expect-error retryAfter is not an option of 404
    expect(() => new NotFoundException('x', { retryAfter: 5 })).toThrow(TypeError);
    // @ts-expect-error errors are for 400 and 422
    new ConflictException('x', { errors: [] });
    // @ts-expect-error wwwAuthenticate is for 401
    expect(() => createHttpException(403, 'x', { wwwAuthenticate: 'Bearer' })).toThrow(TypeError);
  });

  test('guards and instanceof narrow', () => {
    const value: unknown = new NotFoundException('x');
    if (value instanceof NotFoundException) assertType<Equal<typeof value, NotFoundException>>();
    if (isHttpException(value)) assertType<Equal<typeof value, HttpException>>();
    if (isClientErrorException(value)) assertType<Equal<typeof value, ClientErrorException>>();
    if (isServerErrorException(value)) assertType<Equal<typeof value, ServerErrorException>>();
    expect(isClientErrorException(value)).toBe(true);
  });

  test('toJSON gives ProblemDetails; the body has no `any`', () => {
    const body = new NotFoundException('x').toJSON();
    assertType<Equal<typeof body, ProblemDetails>>();
    assertType<Equal<ProblemDetails['status'], number>>();
    assertType<Equal<ProblemDetails['detail'], string | undefined>>();
    expect(body.status).toBe(404);
  });
});
