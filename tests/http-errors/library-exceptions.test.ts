/**
 * Errors from `typed-http-exceptions/http-errors` are this library's exceptions: the generated
 * class of their status, `isHttpException`, and problem details built from what http-errors
 * users set (`message`, `expose`, `headers`, later assignments to `status`).
 */
import './helpers/observe.js';
import {
  BadRequestException,
  ClientErrorException,
  ConflictException,
  ContentTooLargeException,
  HttpException,
  ImATeapotException,
  InternalServerErrorException,
  isHttpException,
  NotFoundException,
  PayloadTooLargeException,
  ServerErrorException,
  ServiceUnavailableException,
  toProblemDetails,
  toProblemResponse,
  UnauthorizedException,
  UnprocessableEntityException,
} from 'typed-http-exceptions';
import createError from '../../src/http-errors/index.js';
import { realCreateError } from './helpers/observe.js';

describe('every error createError makes is an exception of this library', () => {
  test('createError(404) is a NotFoundException, a ClientErrorException and an HttpException', () => {
    const err = createError(404);
    expect(err).toBeInstanceOf(NotFoundException);
    expect(err).toBeInstanceOf(ClientErrorException);
    expect(err).toBeInstanceOf(HttpException);
    expect(err).toBeInstanceOf(createError.NotFound);
    expect(err).toBeInstanceOf(createError.HttpError);
    expect(isHttpException(err)).toBe(true);
    expect(err.name).toBe('NotFoundError');
  });

  test('5xx errors are ServerErrorExceptions of their class', () => {
    expect(createError(500)).toBeInstanceOf(InternalServerErrorException);
    expect(createError('message only')).toBeInstanceOf(InternalServerErrorException);
    expect(createError({ id: 1 })).toBeInstanceOf(InternalServerErrorException);
    expect(createError(503, 'down')).toBeInstanceOf(ServiceUnavailableException);
    expect(createError(503)).toBeInstanceOf(ServerErrorException);
  });

  test('the named and numeric constructors make the same classes, with and without new', () => {
    expect(createError[404]).toBe(createError.NotFound);
    expect(createError['404']).toBe(createError.NotFound);
    for (const err of [new createError.NotFound('x'), createError.NotFound('x'), new createError[404]('x')]) {
      expect(err).toBeInstanceOf(NotFoundException);
      expect(err).toBeInstanceOf(createError.NotFound);
      expect(err).not.toBeInstanceOf(createError.Conflict);
      expect([err.name, err.message, err.status, err.statusCode, err.expose]).toEqual(['NotFoundError', 'x', 404, 404, true]);
    }
    expect(new createError.Conflict()).toBeInstanceOf(ConflictException);
    expect(new createError.ImATeapot()).toBeInstanceOf(ImATeapotException);
    expect(new createError.Unauthorized()).toBeInstanceOf(UnauthorizedException);
  });

  test('renamed codes: http-errors wording in the message, our title, both class names', () => {
    const err = createError(413);
    expect(err).toBeInstanceOf(ContentTooLargeException);
    expect(err).toBeInstanceOf(PayloadTooLargeException);
    expect([err.name, err.message, err.title]).toEqual(['PayloadTooLargeError', 'Payload Too Large', 'Content Too Large']);
    expect(toProblemDetails(err)).toEqual({ type: 'about:blank', title: 'Content Too Large', status: 413 });
    expect(new createError.UnprocessableEntity()).toBeInstanceOf(UnprocessableEntityException);
  });

  test('a 4xx/5xx code without an http-errors constructor borrows 400 or 500, as http-errors does, with the right title', () => {
    const err = createError(499, 'client went away');
    expect(err).toBeInstanceOf(createError.BadRequest);
    expect(err).toBeInstanceOf(BadRequestException);
    expect([err.name, err.status, err.statusCode, err.expose, err.title]).toEqual(['BadRequestError', 499, 499, true, 'Client Closed Request']);
    expect(toProblemDetails(err)).toEqual({ type: 'about:blank', title: 'Client Closed Request', status: 499, detail: 'client went away' });
    const server = createError(599);
    expect(server).toBeInstanceOf(InternalServerErrorException);
    expect(toProblemDetails(server)).toEqual({ type: 'about:blank', title: 'Network Connect Timeout Error', status: 599 });
  });

  test('a non-error status keeps a plain Error, as http-errors does, and the adapters send it as a 500', () => {
    const err = createError(200, 'fine?');
    expect(isHttpException(err)).toBe(false);
    expect(Object.getPrototypeOf(err)).toBe(Error.prototype);
    expect([err.status, err.expose]).toEqual([200, true]);
    expect(err).not.toBeInstanceOf(createError.HttpError);
    expect(createError.isHttpError(err)).toBe(true);
    expect(toProblemDetails(err)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
  });

  test('an existing Error stays itself, and is sent with the status and expose createError gave it', () => {
    const plain = new Error('No such order');
    const err = createError(404, plain);
    expect(err).toBe(plain);
    expect(isHttpException(err)).toBe(false);
    expect(err).not.toBeInstanceOf(createError.HttpError);
    expect(toProblemDetails(err)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such order' });
    expect(toProblemDetails(createError(new Error('db password is hunter2')))).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
  });

  test('an exception of this library passed in keeps its own expose (http-errors would reset it)', () => {
    const hidden = new NotFoundException('secret path', { expose: false });
    const err = createError(hidden, { id: 7 });
    expect(err).toBe(hidden);
    expect(err.expose).toBe(false);
    expect(err.id).toBe(7);
    expect(toProblemDetails(err)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404 });
  });

  test('createError.HttpError and isHttpError recognise every exception of this library', () => {
    expect(new ConflictException('x')).toBeInstanceOf(createError.HttpError);
    expect(createError.isHttpError(new ConflictException('x'))).toBe(true);
    expect(createError.isHttpError(new HttpException(418))).toBe(true);
    expect(realCreateError(404)).not.toBeInstanceOf(createError.HttpError);
    expect(new Error('x')).not.toBeInstanceOf(createError.HttpError);
    expect(createError.HttpError.prototype).toBe(HttpException.prototype);
  });

  test('a subclass of a constructor makes instances of the subclass', () => {
    class UserNotFound extends createError.NotFound {
      constructor(id: number) {
        super(`No user ${id}`);
      }
    }
    const err = new UserNotFound(42);
    expect(err).toBeInstanceOf(UserNotFound);
    expect(err).toBeInstanceOf(NotFoundException);
    expect([err.name, err.message, err.status]).toEqual(['NotFoundError', 'No user 42', 404]);
    expect(err.stack?.split('\n')[1]).toMatch(/library-exceptions\.test\.ts/);
    expect(Object.keys(err)).toEqual(['message']);
    expect(new createError.NotFound()).not.toBeInstanceOf(UserNotFound);
  });

  test('a second loaded copy (as the ESM and CommonJS builds are) recognises these errors', () => {
    let other: typeof createError | undefined;
    let OtherNotFoundException: typeof NotFoundException | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      other = (require('../../src/http-errors/index.js') as { default: typeof createError }).default;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      OtherNotFoundException = (require('../../src/index.js') as { NotFoundException: typeof NotFoundException }).NotFoundException;
    });
    if (other === undefined || OtherNotFoundException === undefined) throw new Error('the second copy did not load');
    expect(other).not.toBe(createError);
    expect(other.NotFound).not.toBe(createError.NotFound);
    expect(createError(404)).toBeInstanceOf(other.NotFound);
    expect(other(404)).toBeInstanceOf(createError.NotFound);
    expect(other(404)).not.toBeInstanceOf(createError.Conflict);
    expect(other(404)).toBeInstanceOf(createError.HttpError);
    expect(other(404)).toBeInstanceOf(NotFoundException);
    expect(createError(404)).toBeInstanceOf(OtherNotFoundException);
    expect(createError.isHttpError(other(500))).toBe(true);
    // A user's subclass keeps ordinary instanceof: another copy's errors are not its instances.
    class Mine extends createError.NotFound {}
    expect(other(404)).not.toBeInstanceOf(Mine);
  });
});

describe('problem details from http-errors style errors', () => {
  test('the message is the detail, unless it is only the default phrase', () => {
    expect(toProblemDetails(createError(404))).toEqual({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(toProblemDetails(createError(404, 'No user 42'))).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' });
    expect(createError(404, 'No user 42').detail).toBe('No user 42');
    expect(createError(404).detail).toBeUndefined();
  });

  test('expose decides, as in http-errors: 5xx hidden unless expose: true, 4xx shown unless expose: false', () => {
    expect(toProblemDetails(createError(500, 'database password is hunter2'))).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    expect(toProblemDetails(createError(500, 'try again at noon', { expose: true }))).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'try again at noon',
    });
    expect(toProblemDetails(createError(404, 'internal path /srv/x', { expose: false }))).toEqual({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(toProblemDetails(createError(500, 'debugging'), { debug: true }).detail).toBe('debugging');
  });

  test('later assignments are what gets sent: message, expose, status', () => {
    const err = createError(404, 'first');
    err.message = 'No user 42 (changed)';
    expect(toProblemDetails(err).detail).toBe('No user 42 (changed)');
    (err as { expose: boolean }).expose = false;
    expect(toProblemDetails(err).detail).toBeUndefined();
    // Koa assigns `err.status`; the title follows the status.
    const koaStyle = createError(400, 'x') as { status: number };
    koaStyle.status = 409;
    expect(toProblemDetails(koaStyle)).toMatchObject({ status: 409, title: 'Conflict' });
  });

  test('properties named like problem members shape the body; other properties stay off it', () => {
    const err = createError(422, 'bad input', { title: 'Invalid order', type: 'https://example.com/problems/invalid-order', instance: '/orders/7', userId: 42 });
    expect(toProblemDetails(err)).toEqual({
      type: 'https://example.com/problems/invalid-order',
      title: 'Invalid order',
      status: 422,
      detail: 'bad input',
      instance: '/orders/7',
    });
    expect(err.userId).toBe(42);
  });

  test('headers from properties are sent through the header policy', () => {
    const err = createError(401, 'Who are you?', {
      headers: { 'WWW-Authenticate': 'Basic realm="api"', 'Content-Length': '9999', 'X-Evil': 'a\r\nSet-Cookie: pwned=1' },
    });
    const response = toProblemResponse(err);
    expect(response.status).toBe(401);
    expect(response.headers).toEqual({ 'www-authenticate': 'Basic realm="api"', 'content-type': 'application/problem+json' });
  });

  test('headers and extensions exist (empty) without showing up as own keys, and stay the same object', () => {
    const err = createError(404);
    expect(err.headers).toEqual({});
    expect(err.headers).toBe(err.headers);
    expect(err.extensions).toEqual({});
    expect(Object.keys(err)).toEqual(['message']);
    err.headers['x-request-id'] = 'abc';
    expect(toProblemResponse(err).headers['x-request-id']).toBe('abc');
  });

  test('JSON.stringify gives the problem details (the one deliberate difference from http-errors)', () => {
    const err = createError(404, 'No user 42', { id: 42 });
    expect(JSON.parse(JSON.stringify(err))).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' });
    expect(JSON.parse(JSON.stringify(realCreateError(404, 'No user 42', { id: 42 })))).toEqual({ message: 'No user 42', id: 42 });
  });

  test('the stack starts at the caller and is headed like http-errors', () => {
    const err = createError(404, 'x');
    const lines = (err.stack ?? '').split('\n');
    expect(lines[0]).toBe('NotFoundError: x');
    expect(lines[1]).toMatch(/library-exceptions\.test\.ts/);
    expect(new createError.Conflict('y').stack?.split('\n')[0]).toBe('ConflictError: y');
  });

  test('a __proto__ key in the properties is not followed (http-errors would replace the prototype)', () => {
    const properties = JSON.parse('{"__proto__": {"polluted": true}, "kept": 1}') as { kept: number };
    const err = createError(400, properties);
    expect(Object.getPrototypeOf(err)).toBe(createError.BadRequest.prototype);
    expect((err as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(err.kept).toBe(1);
    const real = realCreateError(400, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(real['polluted']).toBe(true);
  });
});

describe('the stack policy', () => {
  test("setCaptureStack('server-errors') makes 4xx from createError stackless, 5xx keep their frames", () => {
    const { setCaptureStack } = jest.requireActual<typeof import('../../src/index')>('../../src/index');
    const create = jest.requireActual<typeof import('../../src/http-errors/index')>('../../src/http-errors/index').default;
    setCaptureStack('server-errors');
    try {
      expect(new create.NotFound('No user 42').stack).toBe('NotFoundError: No user 42');
      expect(create(404, 'x').stack).toBe('NotFoundError: x');
      expect(create(502, 'upstream').stack).toMatch(/^BadGatewayError: upstream\n\s+at /);
    } finally {
      setCaptureStack('always');
    }
    expect(create(404, 'x').stack).toMatch(/^NotFoundError: x\n\s+at /);
  });
});
