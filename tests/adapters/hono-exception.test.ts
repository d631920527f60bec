import { HTTPException } from 'hono/http-exception';
import { ForbiddenException, NotFoundException, toProblemResponse, UnauthorizedException, UpgradeRequiredException } from 'typed-http-exceptions';
import { toFetchResponse } from 'typed-http-exceptions/fetch';
import { fromHonoException } from '../../src/adapters/hono-exception';

describe("fromHonoException: Hono's HTTPException as our exception", () => {
  test('status, message and the headers of its res; the body of res is not used', () => {
    const res = new Response('Unauthorized', { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="admin"', 'content-type': 'text/plain' } });
    const exception = fromHonoException(new HTTPException(401, { message: 'Log in first', res }));
    expect(exception).toBeInstanceOf(UnauthorizedException);
    expect(exception?.detail).toBe('Log in first');
    expect(exception?.headers).toEqual({ 'www-authenticate': 'Basic realm="admin"' });
    const response = toProblemResponse(exception);
    expect(response.headers).toEqual({ 'www-authenticate': 'Basic realm="admin"', 'content-type': 'application/problem+json' });
  });

  test('set-cookie lines stay separate lines', () => {
    const headers = new Headers();
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=2; Path=/');
    const exception = fromHonoException(new HTTPException(403, { res: new Response(null, { status: 403, headers }) }));
    expect(exception).toBeInstanceOf(ForbiddenException);
    expect(exception?.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    // No message given: no detail, the title says it.
    expect(exception?.detail).toBeUndefined();
  });

  test('a 5xx message is kept on the exception but not exposed', () => {
    const exception = fromHonoException(new HTTPException(503, { message: 'db password hunter2' }));
    expect(exception?.expose).toBe(false);
    expect(toProblemResponse(exception).body).not.toContain('hunter2');
  });

  test('the original HTTPException is the cause', () => {
    const original = new HTTPException(404, { message: 'x' });
    expect(fromHonoException(original)?.cause).toBe(original);
  });

  test('anything else is not translated', () => {
    for (const value of [new Error('x'), new NotFoundException('ours'), { status: 404, getResponse: () => null }, null, 'x', new HTTPException(200 as 500), Object.assign(new Error('x'), { status: 404 })]) {
      expect(fromHonoException(value)).toBeUndefined();
    }
  });

  test('a res whose headers throw keeps the status; too many headers are bounded', () => {
    const hostile = new HTTPException(429, { message: 'slow' });
    Object.defineProperty(hostile, 'res', { get: () => ({ headers: { forEach: () => { throw new Error('no'); } } }) });
    expect(fromHonoException(hostile)?.status).toBe(429);
    const many = new Headers();
    for (let i = 0; i < 1000; i++) many.set(`x-h${i}`, 'v');
    const exception = fromHonoException(new HTTPException(400, { res: new Response(null, { status: 400, headers: many }) }));
    expect(Object.keys(exception?.headers ?? {}).length).toBeLessThanOrEqual(64);
  });

  test("through toFetchResponse; the user's mapError still comes first", async () => {
    const error = new HTTPException(401, { res: new Response(null, { headers: { 'www-authenticate': 'Bearer realm="api"' } }) });
    const response = toFetchResponse(error);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    const mapped = toFetchResponse(error, { mapError: () => new ForbiddenException('mapped') });
    expect(mapped.status).toBe(403);
    expect(await mapped.json()).toMatchObject({ detail: 'mapped' });
  });
});

describe('toFetchResponse over HTTP/2', () => {
  test('httpVersionMajor 2 drops connection-specific headers; HTTP/1.1 keeps Upgrade on a 426', () => {
    const error = new UpgradeRequiredException('Use TLS', { upgrade: 'TLS/1.3', headers: { 'keep-alive': 'timeout=5', 'x-kept': 'yes' } });
    const http1 = toFetchResponse(error);
    expect(http1.headers.get('upgrade')).toBe('TLS/1.3');
    const http2 = toFetchResponse(error, { httpVersionMajor: 2 });
    expect(http2.status).toBe(426);
    expect(http2.headers.get('upgrade')).toBeNull();
    expect(http2.headers.get('keep-alive')).toBeNull();
    expect(http2.headers.get('x-kept')).toBe('yes');
  });
});
