import {
  ClientErrorException,
  fromProblemDetails,
  fromResponse,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  toProblemResponse,
  TooManyRequestsException,
  UnprocessableContentException,
} from '../src/index.js';

describe('fromProblemDetails', () => {
  test('round-trips an exception through its body', () => {
    const original = new UnprocessableContentException('1 invalid field', {
      type: 'https://example.com/problems/validation',
      instance: '/people',
      errors: [{ detail: 'must be positive', pointer: '#/age' }],
      extensions: { traceId: 'abc' },
    });
    const copy = fromProblemDetails(JSON.parse(JSON.stringify(original)));
    expect(copy).toBeInstanceOf(UnprocessableContentException);
    expect(copy).toMatchObject({
      status: 422,
      detail: '1 invalid field',
      type: 'https://example.com/problems/validation',
      instance: '/people',
      title: 'Unprocessable Content',
      extensions: { traceId: 'abc', errors: [{ detail: 'must be positive', pointer: '#/age' }] },
    });
    expect((copy as UnprocessableContentException).errors).toEqual([{ detail: 'must be positive', pointer: '#/age' }]);
  });

  test('the body status wins; else the given status; else 500', () => {
    expect(fromProblemDetails({ status: 404 }, 400)).toBeInstanceOf(NotFoundException);
    expect(fromProblemDetails({ title: 'x' }, 404)).toBeInstanceOf(NotFoundException);
    expect(fromProblemDetails({ status: 200 }, 404)).toBeInstanceOf(NotFoundException);
    expect(fromProblemDetails({})).toBeInstanceOf(InternalServerErrorException);
    expect(fromProblemDetails({ status: 460 }).constructor).toBe(ClientErrorException);
  });

  test('garbage never throws and members of the wrong type are ignored', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const body of [null, undefined, 'text', 42, [], revoked.proxy, { status: '404', detail: 5, title: {}, type: [] }, JSON.parse('{"__proto__":{"x":1},"status":404}')]) {
      const error = fromProblemDetails(body, 503);
      expect(error).toBeInstanceOf(HttpException);
      expect(error.detail).toBeUndefined();
      expect(Object.getPrototypeOf(error.extensions)).toBe(Object.prototype);
    }
  });
});

describe('fromResponse', () => {
  test('reads a problem response, keeping Retry-After', async () => {
    const { status, headers, body } = toProblemResponse(new TooManyRequestsException('Slow down', { retryAfter: 7 }));
    const error = await fromResponse(new Response(body, { status, headers }));
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error).toMatchObject({ detail: 'Slow down', headers: { 'retry-after': '7' } });
  });

  test('a non-JSON error body still gives the status class', async () => {
    const error = await fromResponse(new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }));
    expect(error?.status).toBe(502);
    expect(error?.detail).toBeUndefined();
  });

  test('a successful response gives undefined', async () => {
    expect(await fromResponse(new Response('{}', { status: 200 }))).toBeUndefined();
    expect(await fromResponse(new Response(null, { status: 304 }))).toBeUndefined();
  });
});
