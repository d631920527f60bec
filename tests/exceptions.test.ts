import createError, { isHttpError } from 'http-errors';
import {
  BadRequestException,
  ClientErrorException,
  ContentTooLargeException,
  createHttpException,
  HttpException,
  HttpStatus,
  ImATeapotException,
  InternalServerErrorException,
  isClientErrorException,
  isHttpException,
  isServerErrorException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  ProxyAuthenticationRequiredException,
  RangeNotSatisfiableException,
  ServerErrorException,
  ServiceUnavailableException,
  TooManyRequestsException,
  UnauthorizedException,
  UnprocessableContentException,
  UpgradeRequiredException,
  reasonPhrase,
  toProblemDetails,
} from '../src/index.js';
import { EXCEPTION_CLASSES } from '../src/exceptions/exception-by-status.js';
import { STATUS_TABLE } from '../src/status/status-table.js';

describe('HttpException fields', () => {
  test('defaults follow RFC 9457 and the http-errors convention', () => {
    const error = new HttpException(404);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(404);
    expect(error.statusCode).toBe(404);
    expect(error.title).toBe('Not Found');
    expect(error.type).toBe('about:blank');
    expect(error.detail).toBeUndefined();
    expect(error.instance).toBeUndefined();
    expect(error.headers).toEqual({});
    expect(error.extensions).toEqual({});
    expect(error.expose).toBe(true);
    expect(error.message).toBe('Not Found');
    expect(error.name).toBe('HttpException');
    expect('cause' in error).toBe(false);
  });

  test('every option lands on its field', () => {
    const cause = new Error('db timeout');
    const error = new HttpException(409, 'Order 7 already shipped', {
      title: 'Order already shipped',
      type: 'https://example.com/problems/shipped',
      instance: '/orders/7',
      headers: { 'X-Request-Id': 'abc' },
      extensions: { orderId: 7 },
      expose: false,
      cause,
    });
    expect(error).toMatchObject({
      status: 409,
      title: 'Order already shipped',
      type: 'https://example.com/problems/shipped',
      detail: 'Order 7 already shipped',
      instance: '/orders/7',
      headers: { 'x-request-id': 'abc' },
      extensions: { orderId: 7 },
      expose: false,
      message: 'Order 7 already shipped',
    });
    expect(error.cause).toBe(cause);
  });

  test('expose defaults to status < 500', () => {
    expect(new HttpException(499).expose).toBe(true);
    expect(new HttpException(500).expose).toBe(false);
    expect(new ServiceUnavailableException('db down').expose).toBe(false);
    expect(new ServiceUnavailableException('db down', { expose: true }).expose).toBe(true);
  });

  test('an unknown 4xx/5xx gets a generic title', () => {
    expect(new HttpException(460).title).toBe('Client Error');
    expect(new HttpException(560).title).toBe('Server Error');
  });

  test('the stack names the class and the detail', () => {
    expect(new NotFoundException('No user 42').stack?.split('\n')[0]).toBe('NotFoundException: No user 42');
    expect(String(new NotFoundException('No user 42'))).toBe('NotFoundException: No user 42');
  });

  test('name is not an own enumerable property (logs stay clean)', () => {
    expect(Object.keys(new NotFoundException('x'))).not.toContain('name');
  });
});

describe('programmer mistakes fail loudly at construction', () => {
  test.each([200, 399, 600, 404.5, Number.NaN, Infinity, -404])('new HttpException(%p) is a RangeError', (status) => {
    expect(() => new HttpException(status)).toThrow(RangeError);
    expect(() => new HttpException(status)).toThrow(/integer HTTP status from 400 to 599/);
  });

  test('non-number statuses are RangeErrors that say what they got', () => {
    expect(() => new HttpException('404' as unknown as number)).toThrow('got "404"');
    expect(() => new HttpException(404n as unknown as number)).toThrow('got 404n');
    expect(() => createHttpException(200)).toThrow(RangeError);
  });

  test('ClientErrorException and ServerErrorException check their range', () => {
    expect(() => new ClientErrorException(500)).toThrow(/ClientErrorException needs an integer HTTP status from 400 to 499, got 500/);
    expect(() => new ServerErrorException(404)).toThrow(/ServerErrorException needs an integer HTTP status from 500 to 599, got 404/);
  });

  test.each([-1, Number.NaN, Infinity])('retryAfter %p is a RangeError', (retryAfter) => {
    expect(() => new TooManyRequestsException('x', { retryAfter })).toThrow(RangeError);
  });

  test('invalid Dates, wrong option types and reserved extension names throw', () => {
    expect(() => new TooManyRequestsException('x', { retryAfter: new Date('nope') })).toThrow('invalid Date');
    expect(() => new TooManyRequestsException('x', { retryAfter: '5' as unknown as number })).toThrow(TypeError);
    expect(() => new RangeNotSatisfiableException('x', { completeLength: -1 })).toThrow(RangeError);
    expect(() => new RangeNotSatisfiableException('x', { completeLength: 1.5 })).toThrow(RangeError);
    expect(() => new MethodNotAllowedException('x', { allow: [1] as unknown as string[] })).toThrow(TypeError);
    expect(() => new UnauthorizedException('x', { wwwAuthenticate: [] })).toThrow('must not be empty');
    expect(() => new BadRequestException('x', { errors: [{ pointer: '#/a' }] as never })).toThrow('string "detail"');
    expect(() => new BadRequestException('x', { errors: 'bad' as never })).toThrow(TypeError);
    expect(() => new HttpException(400, 'x', { extensions: { status: 200 } })).toThrow(/cannot set "status"/);
    expect(() => new HttpException(400, 'x', { headers: { a: 1 as unknown as string } })).toThrow(TypeError);
    expect(() => new HttpException(400, 42 as unknown as string)).toThrow(TypeError);
    expect(() => new HttpException(400, 'x', { expose: 'yes' as unknown as boolean })).toThrow(TypeError);
    expect(() => new HttpException(400, 'x', { title: 5 as unknown as string })).toThrow(TypeError);
  });
});

describe('header options', () => {
  test('WWW-Authenticate, Proxy-Authenticate, Allow, Upgrade, Content-Range', () => {
    expect(new UnauthorizedException('x', { wwwAuthenticate: ['Bearer realm="api"', 'Basic realm="api"'] }).headers).toEqual({
      'www-authenticate': 'Bearer realm="api", Basic realm="api"',
    });
    expect(new ProxyAuthenticationRequiredException(undefined, { proxyAuthenticate: 'Basic' }).headers).toEqual({ 'proxy-authenticate': 'Basic' });
    expect(new MethodNotAllowedException(undefined, { allow: ['GET', 'HEAD'] }).headers).toEqual({ allow: 'GET, HEAD' });
    expect(new MethodNotAllowedException(undefined, { allow: [] }).headers).toEqual({ allow: '' });
    expect(new UpgradeRequiredException(undefined, { upgrade: 'TLS/1.3' }).headers).toEqual({ upgrade: 'TLS/1.3' });
    expect(new RangeNotSatisfiableException(undefined, { completeLength: 1234 }).headers).toEqual({ 'content-range': 'bytes */1234' });
  });

  test('Retry-After as delay-seconds (rounded up) or an IMF-fixdate', () => {
    expect(new TooManyRequestsException('x', { retryAfter: 30 }).headers['retry-after']).toBe('30');
    expect(new TooManyRequestsException('x', { retryAfter: 0.2 }).headers['retry-after']).toBe('1');
    expect(new ContentTooLargeException('x', { retryAfter: 0 }).headers['retry-after']).toBe('0');
    const date = new Date(Date.UTC(2026, 10, 23, 8, 49, 37));
    expect(new ServiceUnavailableException('x', { retryAfter: date }).headers['retry-after']).toBe('Mon, 23 Nov 2026 08:49:37 GMT');
  });

  test('header names and values that could not be sent are left out at construction', () => {
    const error = new HttpException(400, 'x', { headers: { 'x-crlf': 'a\r\nSet-Cookie: a=1', 'x-nul': '\0', 'bad name': 'v', 'x-ok': 'fine' } });
    expect(error.headers).toEqual({ 'x-ok': 'fine' });
    expect(new UnauthorizedException('x', { wwwAuthenticate: 'Bearer realm="a\nb"' }).headers).toEqual({});
  });

  test('typed options win over a header of the same name given in headers', () => {
    const error = new TooManyRequestsException('x', { headers: { 'Retry-After': '999' }, retryAfter: 5 });
    expect(error.headers).toEqual({ 'retry-after': '5' });
  });

  test('errors on 400 and 422 become the errors extension member', () => {
    const errors = [{ detail: 'must be positive', pointer: '#/age' }, { detail: 'required', pointer: '#/name' }];
    const error = new UnprocessableContentException('2 invalid fields', { errors });
    expect(error.errors).toEqual(errors);
    expect(error.errors).not.toBe(errors);
    expect(error.toJSON()).toEqual({ type: 'about:blank', title: 'Unprocessable Content', status: 422, detail: '2 invalid fields', errors });
    expect(new BadRequestException().errors).toBeUndefined();
  });
});

describe('generated classes', () => {
  const rows = STATUS_TABLE.filter((row) => row.code >= 400);

  test.each(rows.map((row) => [row.code, row.className, row.phrase] as const))('%i %s', (code, className, phrase) => {
    const ExceptionClass = EXCEPTION_CLASSES[code as keyof typeof EXCEPTION_CLASSES];
    const error = new ExceptionClass('detail');
    expect(ExceptionClass.name).toBe(className);
    expect(error.name).toBe(className);
    expect(error.status).toBe(code);
    expect(error.title).toBe(phrase);
    expect(error).toBeInstanceOf(HttpException);
    expect(error).toBeInstanceOf(code < 500 ? ClientErrorException : ServerErrorException);
    expect(error).not.toBeInstanceOf(code < 500 ? ServerErrorException : ClientErrorException);
    expect(createHttpException(code)).toBeInstanceOf(ExceptionClass);
    expect(reasonPhrase(code)).toBe(phrase);
  });

  test('former names are aliases of the same class', () => {
    expect(PayloadTooLargeException).toBe(ContentTooLargeException);
    expect(new PayloadTooLargeException().name).toBe('ContentTooLargeException');
    expect(HttpStatus.PAYLOAD_TOO_LARGE).toBe(413);
    expect(HttpStatus.UNPROCESSABLE_ENTITY).toBe(HttpStatus.UNPROCESSABLE_CONTENT);
    expect(HttpStatus[413]).toBe('CONTENT_TOO_LARGE');
    expect(HttpStatus[422]).toBe('UNPROCESSABLE_CONTENT');
  });

  test('instanceof distinguishes sibling classes', () => {
    const error = new NotFoundException();
    expect(error instanceof NotFoundException).toBe(true);
    expect(error instanceof ImATeapotException).toBe(false);
    expect(error instanceof InternalServerErrorException).toBe(false);
    expect({} instanceof HttpException).toBe(false);
    expect((null as unknown) instanceof HttpException).toBe(false);
  });

  test('createHttpException falls back to the 4xx/5xx base for codes without a class', () => {
    const client = createHttpException(460, 'x');
    const server = createHttpException(561, 'y');
    expect(client.constructor).toBe(ClientErrorException);
    expect(server.constructor).toBe(ServerErrorException);
    expect(client.name).toBe('ClientErrorException');
  });
});

describe("a user's own subclass", () => {
  class UserNotFound extends NotFoundException {
    constructor(readonly userId: number) {
      super(`No user ${userId}`, { type: 'https://example.com/problems/user-not-found', extensions: { userId } });
    }
  }
  class Renamed extends NotFoundException {
    constructor() {
      super('x');
      this.name = 'CustomName';
    }
  }

  test('keeps instanceof along the whole chain and its own name', () => {
    const error = new UserNotFound(42);
    expect(error).toBeInstanceOf(UserNotFound);
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error).toBeInstanceOf(ClientErrorException);
    expect(error).toBeInstanceOf(HttpException);
    expect(error.name).toBe('UserNotFound');
    expect(error.stack?.split('\n')[0]).toBe('UserNotFound: No user 42');
    expect(new NotFoundException()).not.toBeInstanceOf(UserNotFound);
    expect(isHttpException(error)).toBe(true);
    expect(toProblemDetails(error)).toEqual({ type: 'https://example.com/problems/user-not-found', title: 'Not Found', status: 404, detail: 'No user 42', userId: 42 });
  });

  test('may assign this.name in its constructor', () => {
    expect(new Renamed().name).toBe('CustomName');
  });
});

describe('guards', () => {
  test('recognise ours, reject everything else, never throw', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const value of [null, undefined, 0, 'x', {}, new Error('x'), createError(404), revoked.proxy, Object.create(null)]) {
      expect(isHttpException(value)).toBe(false);
    }
    expect(isHttpException(new NotFoundException())).toBe(true);
    expect(isClientErrorException(new NotFoundException())).toBe(true);
    expect(isServerErrorException(new NotFoundException())).toBe(false);
    expect(isServerErrorException(new ServiceUnavailableException())).toBe(true);
    expect(isClientErrorException(new ServiceUnavailableException())).toBe(false);
  });

  test('instanceof on a revoked Proxy is false, not a throw', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(revoked.proxy instanceof NotFoundException).toBe(false);
  });
});

describe('http-errors interoperability', () => {
  test("our exceptions pass http-errors' isHttpError", () => {
    expect(isHttpError(new NotFoundException('x'))).toBe(true);
    expect(isHttpError(new ServiceUnavailableException('x', { retryAfter: 5 }))).toBe(true);
    expect(isHttpError(createHttpException(460))).toBe(true);
  });

  test('http-errors errors go through our serializer with their status', () => {
    expect(toProblemDetails(createError(404, 'No user 42'))).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' });
    expect(toProblemDetails(createError(404))).toEqual({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(toProblemDetails(createError(503, 'db password wrong'))).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503 });
    expect(toProblemDetails(createError(400, 'x', { expose: false }))).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(toProblemDetails(createError(500, 'shown', { expose: true }))).toMatchObject({ status: 500, detail: 'shown' });
  });
});
