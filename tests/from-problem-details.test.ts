import {
  BadGatewayException,
  ClientErrorException,
  fromProblemDetails,
  fromResponse,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  ServiceUnavailableException,
  toProblemDetails,
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

describe('a revived exception gets its status default expose', () => {
  test('a revived 5xx keeps its detail readable but never forwards it', () => {
    const error = fromProblemDetails({ status: 502, detail: 'db password x' });
    expect(error).toBeInstanceOf(BadGatewayException);
    expect(error.expose).toBe(false);
    expect(error.detail).toBe('db password x');
    expect(error.message).toBe('db password x');
    expect(toProblemDetails(error)).not.toHaveProperty('detail');
    expect(JSON.stringify(toProblemDetails(error))).not.toContain('db password');
  });

  test('a revived 4xx still forwards its detail', () => {
    const error = fromProblemDetails({ status: 404, detail: 'No user 42' });
    expect(error.expose).toBe(true);
    expect(toProblemDetails(error)).toMatchObject({ status: 404, detail: 'No user 42' });
  });

  test('a revived 503 re-thrown through toProblemResponse sends no detail; a revived 404 does', async () => {
    const upstream503 = new Response(JSON.stringify({ status: 503, title: 'Service Unavailable', detail: 'replica db-3 down, password x' }), {
      status: 503,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '5' },
    });
    const error503 = await fromResponse(upstream503);
    expect(error503).toBeInstanceOf(ServiceUnavailableException);
    expect(error503?.detail).toBe('replica db-3 down, password x');
    const sent503 = toProblemResponse(error503);
    expect(sent503.status).toBe(503);
    expect(sent503.body).not.toContain('password');
    expect(JSON.parse(sent503.body)).not.toHaveProperty('detail');

    const upstream404 = new Response(JSON.stringify({ status: 404, detail: 'No order 7' }), { status: 404 });
    const error404 = await fromResponse(upstream404);
    expect(error404).toBeInstanceOf(NotFoundException);
    expect(error404?.detail).toBe('No order 7');
    expect(JSON.parse(toProblemResponse(error404).body)).toMatchObject({ status: 404, detail: 'No order 7' });
  });

  test('a non-problem 5xx body gives an exception with the status default expose', async () => {
    const error = await fromResponse(new Response('oops', { status: 500 }));
    expect(error?.expose).toBe(false);
    expect((await fromResponse(new Response('oops', { status: 400 })))?.expose).toBe(true);
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
