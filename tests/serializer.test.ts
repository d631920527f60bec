import { runInNewContext } from 'node:vm';
import createError from 'http-errors';
import fc from 'fast-check';
import {
  BadRequestException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  ServiceUnavailableException,
  TooManyRequestsException,
  toProblemDetails,
  toProblemResponse,
  type ProblemDetails,
  type ProblemResponse,
} from '../src/index.js';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { expectValidProblem } from './helpers/problem-schema.js';

const INTERNAL = { type: 'about:blank', title: 'Internal Server Error', status: 500 };

/** Everything a response must satisfy, whatever was thrown. */
function expectSafeResponse(response: ProblemResponse, options: { debug?: boolean } = {}): ProblemDetails {
  expect(Number.isInteger(response.status)).toBe(true);
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThanOrEqual(599);
  expect(response.headers['content-type']).toBe('application/problem+json');
  for (const [name, value] of Object.entries(response.headers)) {
    expect(() => validateHeaderName(name)).not.toThrow();
    for (const line of typeof value === 'string' ? [value] : value) expect(() => validateHeaderValue(name, line)).not.toThrow();
  }
  // README: a body stays under 48 KiB (LIMITS.bodyBytes), well below 64 KiB.
  expect(Buffer.byteLength(response.body)).toBeLessThanOrEqual(48 * 1024);
  const body = JSON.parse(response.body) as ProblemDetails;
  expectValidProblem(body);
  expect(body.status).toBe(response.status);
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  if (!options.debug) {
    expect(body).not.toHaveProperty('stack');
    expect(body).not.toHaveProperty('cause');
    if (body.status >= 500) expect(body).not.toHaveProperty('detail');
  }
  return body;
}

describe('toProblemDetails: RFC 9457 members', () => {
  test('type defaults to about:blank and title to the status phrase', () => {
    expect(toProblemDetails(new NotFoundException('No user 42'))).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' });
  });

  test('instance from the exception, else from the option; both made valid URI references', () => {
    expect(toProblemDetails(new NotFoundException('x', { instance: '/mine' }), { instance: '/req' }).instance).toBe('/mine');
    expect(toProblemDetails(new NotFoundException('x'), { instance: '/users/ann marie' }).instance).toBe('/users/ann%20marie');
    expect(toProblemDetails(new NotFoundException('x'), { instance: '/ünïcode/%zz' }).instance).toBe('/%C3%BCn%C3%AFcode/%25zz');
    expect(toProblemDetails(new NotFoundException('x'), { instance: '' })).not.toHaveProperty('instance');
  });

  test.each([
    ['/a b', '/a%20b'],
    ['#a#b', '#a%23b'],
    ['/[x]', '/%5Bx%5D'],
    ['urn:uuid:6e8bc430', 'urn:uuid:6e8bc430'],
    ['https://example.com/x?q=1#f', 'https://example.com/x?q=1#f'],
    // RFC 3986 4.2: a relative reference's first segment may not contain ":" (it would read as a scheme).
    ['1:2', '1%3A2'],
    // "//" starts an authority: "[" there may only open an IP literal, so it is encoded.
    ['//[', '//%5B'],
  ])('instance %p becomes the URI reference %p', (instance, expected) => {
    expect(toProblemDetails(new NotFoundException('x'), { instance }).instance).toBe(expected);
  });

  test('typeBaseUrl resolves relative types and leaves absolute ones and about:blank alone', () => {
    const options = { typeBaseUrl: 'https://example.com/problems/' };
    expect(toProblemDetails(new HttpException(403, 'x', { type: 'out-of-credit' }), options).type).toBe('https://example.com/problems/out-of-credit');
    expect(toProblemDetails(new HttpException(403, 'x', { type: 'https://other.example/p' }), options).type).toBe('https://other.example/p');
    expect(toProblemDetails(new HttpException(403, 'x', { type: 'urn:problem:credit' }), options).type).toBe('urn:problem:credit');
    expect(toProblemDetails(new HttpException(403), options).type).toBe('about:blank');
  });

  test('5xx details stay private unless exposed or debug', () => {
    expect(toProblemDetails(new ServiceUnavailableException('db password wrong'))).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503 });
    expect(toProblemDetails(new ServiceUnavailableException('Maintenance until 10:00', { expose: true })).detail).toBe('Maintenance until 10:00');
    expect(toProblemDetails(new ServiceUnavailableException('db password wrong'), { debug: true }).detail).toBe('db password wrong');
    expect(toProblemDetails(new NotFoundException('hidden', { expose: false }))).not.toHaveProperty('detail');
  });

  test('extension members never replace the standard ones', () => {
    const error = new NotFoundException('x', { extensions: { code: 'E1' } });
    (error.extensions as Record<string, unknown>)['status'] = 200;
    (error.extensions as Record<string, unknown>)['type'] = 'javascript:alert(1)';
    expect(toProblemDetails(error)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x', code: 'E1' });
  });

  test('errors of the wrong type never become members of the wrong type', () => {
    const error = new NotFoundException('x');
    Object.assign(error, { title: 42, type: {}, instance: ['a'], detail: Symbol('d') });
    expect(toProblemDetails(error)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404 });
  });

  test('debug adds stack and the cause chain', () => {
    const error = new InternalServerErrorException('outer', { cause: new Error('middle', { cause: 'root' }) });
    const body = toProblemDetails(error, { debug: true });
    expect(body.detail).toBe('outer');
    expect(body['stack']).toEqual(expect.stringContaining('InternalServerErrorException: outer'));
    expect(body['cause']).toEqual([expect.objectContaining({ name: 'Error', message: 'middle' }), { message: 'root' }]);
    expect(toProblemDetails(error)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
  });

  test('mapError runs first; undefined leaves the value alone; a throw gives a plain 500', () => {
    class DbError extends Error {}
    const mapError = (error: unknown) => (error instanceof DbError ? new ServiceUnavailableException('db', { retryAfter: 5 }) : undefined);
    expect(toProblemResponse(new DbError('x'), { mapError })).toMatchObject({ status: 503, headers: { 'retry-after': '5' } });
    expect(toProblemDetails(new NotFoundException('kept'), { mapError }).detail).toBe('kept');
    const throwing = () => {
      throw new Error('mapper bug');
    };
    expect(toProblemDetails(new NotFoundException('x'), { mapError: throwing })).toEqual(INTERNAL);
    expect(toProblemDetails(new NotFoundException('x'), { mapError: () => 42 })).toEqual(INTERNAL);
  });
});

describe('toProblemResponse', () => {
  test('status, content type, the exception headers, the JSON body and the problem it holds', () => {
    const response = toProblemResponse(new TooManyRequestsException('Slow down', { retryAfter: 30 }), { instance: '/api' });
    const problem = { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', instance: '/api' };
    expect(response).toEqual({
      status: 429,
      headers: { 'retry-after': '30', 'content-type': 'application/problem+json' },
      body: '{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Slow down","instance":"/api"}',
      problem,
    });
    expect(JSON.parse(response.body)).toEqual(response.problem);
  });

  test('headers that could not be sent are dropped, framing headers cannot be overridden', () => {
    const error = new HttpException(400, 'x', { headers: { 'content-type': 'text/html', 'content-length': '1', 'x-ok': 'fine' } });
    // Set after construction, past the constructor's own filtering: the serializer filters again.
    Object.assign(error.headers, { 'x-crlf': 'a\r\nb', 'x-lf': 'a\nb', 'x-nul': 'a\0b', 'x-emoji': '😀', 'bad name': 'v', 'x-long': 'v'.repeat(9000) });
    expect(toProblemResponse(error).headers).toEqual({ 'x-ok': 'fine', 'content-type': 'application/problem+json' });
  });

  test('foreign error headers (http-errors) are sent, numbers and arrays normalised', () => {
    const error = createError(401, 'x', { headers: { 'WWW-Authenticate': 'Basic', 'X-Num': 5, 'X-List': ['a', 'b'], 'X-Bad': { a: 1 } } });
    expect(toProblemResponse(error).headers).toEqual({ 'www-authenticate': 'Basic', 'x-num': '5', 'x-list': 'a, b', 'content-type': 'application/problem+json' });
  });
});

describe('the serializer never throws, for any value (named cases)', () => {
  const revoked = Proxy.revocable(new Error('x'), {});
  revoked.revoke();
  const circular: Record<string, unknown> = { a: 1 };
  circular['self'] = circular;
  const throwingGetters = new Error('x');
  Object.defineProperty(throwingGetters, 'message', { get: () => { throw new Error('message getter'); } });
  Object.defineProperty(throwingGetters, 'status', { get: () => { throw new Error('status getter'); } });
  const throwingToJson = new NotFoundException('x', { extensions: { data: { toJSON: () => { throw new Error('toJSON'); } }, ok: 1 } });
  const bigExtension = new NotFoundException('x', { extensions: { big: 'x'.repeat(1_000_000), small: 'kept' } });
  let deep: unknown = new Error('bottom');
  for (let i = 0; i < 10_000; i++) deep = new Error(`level ${i}`, { cause: deep });
  const aggregate = new AggregateError([new Error('a'), new NotFoundException('b')], 'many');
  const protoKeys = new NotFoundException('x', { extensions: JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown> });
  const withStatus = (status: unknown) => Object.assign(new Error('m'), { status });

  const cases: Array<[string, unknown, Partial<ProblemDetails>]> = [
    ['null', null, INTERNAL],
    ['undefined', undefined, INTERNAL],
    ['a number', 42, INTERNAL],
    ['a string', 'oops', INTERNAL],
    ['a Symbol', Symbol('s'), INTERNAL],
    ['a BigInt', 404n, INTERNAL],
    ['a function', () => 1, INTERNAL],
    ['Object.create(null)', Object.create(null), INTERNAL],
    ['a plain object with a status', { status: 404, message: 'm' }, INTERNAL],
    ['an error from another realm (vm)', runInNewContext('Object.assign(new Error("m"), { status: 404 })'), { status: 404, detail: 'm' }],
    ['a plain error from another realm', runInNewContext('new TypeError("secret")'), INTERNAL],
    ['a circular object', circular, INTERNAL],
    ['throwing getters for message and status', throwingGetters, INTERNAL],
    ['an extension with a throwing toJSON', throwingToJson, { status: 404, ok: 1 }],
    ['a revoked Proxy', revoked.proxy, INTERNAL],
    ['a megabyte message', new NotFoundException('m'.repeat(1_000_000)), { status: 404 }],
    ['a megabyte extension', bigExtension, { status: 404, small: 'kept' }],
    ['a 10 000-deep cause chain', deep, INTERNAL],
    ['an AggregateError', aggregate, INTERNAL],
    ['__proto__ keys', protoKeys, { status: 404, ok: 1 }],
    ["status '404'", withStatus('404'), INTERNAL],
    ['status 404.5', withStatus(404.5), INTERNAL],
    ['status 200', withStatus(200), INTERNAL],
    ['status 600', withStatus(600), INTERNAL],
    ['status 404n', withStatus(404n), INTERNAL],
    ['statusCode 418', Object.assign(new Error('m'), { statusCode: 418 }), { status: 418, title: "I'm a Teapot", detail: 'm' }],
    ['CR/LF/NUL header values', new HttpException(400, 'x', { headers: { 'x-a': 'a\r\nb', 'x-b': '\0' } }), { status: 400 }],
  ];

  test.each(cases)('%s', (_name, value, expected) => {
    for (const debug of [false, true]) {
      const response = toProblemResponse(value, { debug, instance: '/x y' });
      const body = expectSafeResponse(response, { debug });
      if (!debug) expect(body).toMatchObject({ ...expected, instance: '/x%20y' });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('a megabyte detail is cut and the body stays small', () => {
    const body = toProblemDetails(new NotFoundException('m'.repeat(1_000_000)));
    expect(body.detail?.length).toBeLessThanOrEqual(4096);
    expect(body.detail?.endsWith('…')).toBe(true);
  });

  test('__proto__ in extensions never changes a prototype', () => {
    const body = toProblemDetails(new NotFoundException('x', { extensions: JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown> }));
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect((body as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('a 500 from an unknown error never leaks its message, even when it claims expose', () => {
    const error = Object.assign(new Error('secret'), { expose: true });
    expect(toProblemDetails(error)).toEqual(INTERNAL);
  });
});

describe('the serializer never throws, for any value (property-based)', () => {
  const hostile = fc.oneof(
    fc.anything({ withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }),
    fc.record({ status: fc.anything({ withBigInt: true }), statusCode: fc.anything(), message: fc.anything(), expose: fc.anything(), headers: fc.anything() }).map((fields) => Object.assign(new Error('e'), fields)),
    fc.tuple(fc.integer({ min: 400, max: 599 }), fc.string(), fc.dictionary(fc.string(), fc.string()), fc.string(), fc.string()).map(
      ([status, detail, headers, instance, type]) => {
        try {
          return new HttpException(status, detail, { headers, instance, type });
        } catch (error) {
          return error;
        }
      },
    ),
    fc.tuple(fc.integer({ min: 400, max: 599 }), fc.dictionary(fc.string(), fc.anything({ withBigInt: true }))).map(([status, extensions]) => {
      try {
        return new HttpException(status, 'x', { extensions });
      } catch (error) {
        return error;
      }
    }),
  );

  test('any value gives a valid, bounded problem response with safe headers', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), fc.string({ unit: 'binary' }), (value, debug, instance) => {
        expectSafeResponse(toProblemResponse(value, { debug, instance }), { debug });
      }),
      { numRuns: 500 },
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('any instance string becomes a valid URI reference', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), (instance, type) => {
        expectValidProblem(toProblemDetails(new BadRequestException('x', { type }), { instance }));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('mapError that returns a promise', () => {
  test('counts as a failed mapping and its rejection is handled', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const body = toProblemDetails(new NotFoundException('x'), { mapError: async () => Promise.reject(new Error('async mapper')) });
      expect(body).toEqual(INTERNAL);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
