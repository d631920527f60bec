import { createServer, type Server } from 'node:http';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { HTTPException } from 'hono/http-exception';
import { BadRequestException, HttpException, NotFoundException, TooManyRequestsException, UnauthorizedException } from '../../src/index.js';
import { toFetchResponse, type ToFetchResponseOptions } from '../../src/adapters/fetch.js';
import { createApp as createExampleApp, createNodeServer as createExampleServer } from '../../examples/hono.js';
import { close, listen, request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

// ---------------------------------------------------------------------------------------------
// Test helper: serves a fetch handler (a Hono app's `fetch`) on node:http, without
// @hono/node-server. IncomingMessage -> Request, Response -> ServerResponse.
// A handler that rejects (Hono rejects for thrown values that are not Errors) gets toFetchResponse too.
function serveFetch(handler: (request: Request) => Response | Promise<Response>, options?: ToFetchResponseOptions): Server {
  return createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, { method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
      let response: Response;
      try {
        response = await handler(request);
      } catch (error: unknown) {
        response = toFetchResponse(error, { ...options, request });
      }
      const body = Buffer.from(await response.arrayBuffer());
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => (out[name] = value));
      if (method !== 'HEAD') out['content-length'] = String(body.length);
      res.writeHead(response.status, out);
      res.end(method === 'HEAD' ? undefined : body);
    })().catch(() => res.destroy());
  });
}
// ---------------------------------------------------------------------------------------------

const unexpected = () => new Error('connection string postgres://admin:hunter2@db');

describe('typed-http-exceptions/fetch toFetchResponse (unit)', () => {
  const get = (path: string, method = 'GET') => new Request(`http://example.com${path}`, { method });

  test('a typed exception becomes a Response with status, problem+json and the body', async () => {
    const response = toFetchResponse(new NotFoundException('No user 42'), { request: get('/users/42?token=secret') });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body: unknown = JSON.parse(await response.text());
    expect(body).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' });
    expectValidProblem(body);
  });

  test('without a request there is no instance, and onError gets undefined', async () => {
    const seen: unknown[] = [];
    const response = toFetchResponse(new NotFoundException('x'), { onError: (_error, request) => void seen.push(request) });
    expect(JSON.parse(await response.text())).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' });
    expect(seen).toEqual([undefined]);
  });

  test('without options', async () => {
    const response = toFetchResponse(new BadRequestException());
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('{"type":"about:blank","title":"Bad Request","status":400}');
  });

  test('429 carries Retry-After; 401 carries WWW-Authenticate', async () => {
    const limited = toFetchResponse(new TooManyRequestsException('Slow down', { retryAfter: 30 }), { request: get('/search') });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expectValidProblem(JSON.parse(await limited.text()));
    const auth = toFetchResponse(new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' }), { request: get('/me') });
    expect(auth.status).toBe(401);
    expect(auth.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(JSON.parse(await auth.text())).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Token expired', instance: '/me' });
  });

  test('an unknown Error is a 500 with no message and no stack', async () => {
    const response = toFetchResponse(unexpected(), { request: get('/unknown') });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/unknown' });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('at ');
  });

  test.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'just a string'],
    ['a plain object', { status: 404, message: 'plain object, not an error' }],
  ])('throwing %s is a 500', async (_label, value) => {
    const response = toFetchResponse(value, { request: get('/x') });
    expect(response.status).toBe(500);
    const body: unknown = JSON.parse(await response.text());
    expect(body).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/x' });
    expectValidProblem(body);
  });

  test('a header value with CR/LF is dropped, the others are kept', () => {
    const response = toFetchResponse(new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } }));
    expect(response.status).toBe(400);
    expect(response.headers.get('x-evil')).toBeNull();
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-good')).toBe('fine');
  });

  test('HEAD: null body, same status and headers, Content-Length of the body it would have had', async () => {
    const error = new NotFoundException('Ünïcödé détail');
    const full = await toFetchResponse(error, { request: get('/héad') }).text();
    const response = toFetchResponse(error, { request: get('/héad', 'HEAD') });
    expect(response.status).toBe(404);
    expect(response.body).toBeNull();
    expect(await response.text()).toBe('');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(full)));
    expect(JSON.parse(full)).toMatchObject({ instance: '/h%C3%A9ad' });
  });

  test('onError sees the original error and the very Request', () => {
    const seen: Array<{ error: unknown; request: Request | undefined }> = [];
    const original = unexpected();
    const req = get('/unknown?page=2');
    toFetchResponse(original, { request: req, onError: (error, request) => void seen.push({ error, request }) });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.error).toBe(original);
    expect(seen[0]?.request).toBe(req);
  });

  test('mapError maps a foreign error first', async () => {
    class ValidationFailure extends Error {}
    const response = toFetchResponse(new ValidationFailure('age must be positive'), {
      request: get('/people'),
      mapError: (error) => (error instanceof ValidationFailure ? new BadRequestException(error.message, { errors: [{ detail: error.message, pointer: '#/age' }] }) : undefined),
    });
    expect(response.status).toBe(400);
    const body: unknown = JSON.parse(await response.text());
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'age must be positive',
      instance: '/people',
      errors: [{ detail: 'age must be positive', pointer: '#/age' }],
    });
    expectValidProblem(body);
  });

  test('an onError or mapError that throws is contained: a safe 500', async () => {
    const response = toFetchResponse(new NotFoundException('x'), {
      request: get('/x'),
      onError: () => {
        throw new Error('logger down');
      },
      mapError: () => {
        throw new Error('mapper bug');
      },
    });
    expect(response.status).toBe(500);
    expect(JSON.parse(await response.text())).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/x' });
  });

  test('a rejecting async onError does not cause an unhandled rejection', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const response = toFetchResponse(new NotFoundException(), { onError: async () => Promise.reject(new Error('async logger down')) });
      expect(response.status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  test('the instance, typeBaseUrl and debug options; a path with spaces is percent-encoded', async () => {
    const fixed = toFetchResponse(new HttpException(409, 'taken', { type: 'conflict', cause: new Error('root cause') }), {
      request: get('/a b'),
      instance: '/fixed',
      typeBaseUrl: 'https://example.com/problems/',
      debug: true,
    });
    const body = JSON.parse(await fixed.text()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'https://example.com/problems/conflict', status: 409, detail: 'taken', instance: '/fixed' });
    expect(body['cause']).toEqual([expect.objectContaining({ message: 'root cause' })]);
    expectValidProblem(body);
    const spaced = JSON.parse(await toFetchResponse(new NotFoundException(), { request: get('/a b') }).text()) as Record<string, unknown>;
    expect(spaced['instance']).toBe('/a%20b');
  });

  test('each call returns a new, unread Response', async () => {
    const error = new NotFoundException();
    const a = toFetchResponse(error);
    const b = toFetchResponse(error);
    expect(a).not.toBe(b);
    await a.text();
    expect(b.bodyUsed).toBe(false);
  });
});

describe('toFetchResponse in a Hono app served over HTTP', () => {
  const seen: Array<{ error: unknown; url: string | undefined; method: string | undefined }> = [];
  let server: Server;
  let base: string;

  function buildApp(): Hono {
    const app = new Hono();
    const options: ToFetchResponseOptions = { onError: (error, request) => void seen.push({ error, url: request?.url, method: request?.method }) };
    app.get('/sync', () => {
      throw new NotFoundException('No user 42');
    });
    app.get('/async', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw new NotFoundException('No order 7');
    });
    app.get('/rate-limited', () => {
      throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
    });
    app.get('/auth', () => {
      throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' });
    });
    app.get('/unknown', () => {
      throw unexpected();
    });
    app.get('/null', () => {
      throw null;
    });
    app.get('/string', () => {
      throw 'just a string';
    });
    app.get('/object', () => {
      throw { status: 404, message: 'plain object, not an error' };
    });
    app.get('/crlf', () => {
      throw new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
    });
    app.get('/hono-exception', () => {
      throw new HTTPException(403, { message: 'No access to project 9' });
    });
    app.use('/bearer/*', bearerAuth({ token: 'secret-token' }));
    app.get('/bearer/me', (c) => c.json({ ok: true }));
    app.get('/ok', (c) => c.json({ ok: true }));
    app.onError((error, c) => toFetchResponse(error, { ...options, request: c.req.raw }));
    app.notFound((c) => toFetchResponse(new NotFoundException(`No route for ${c.req.path}`), { request: c.req.raw }));
    return app;
  }

  beforeAll(async () => {
    const app = buildApp();
    server = serveFetch((req) => app.fetch(req), { onError: (error, request) => void seen.push({ error, url: request?.url, method: request?.method }) });
    base = await listen(server);
  });
  afterAll(() => close(server));
  beforeEach(() => {
    seen.length = 0;
  });

  test('a typed exception thrown synchronously', async () => {
    const res = await request(`${base}/sync?token=secret`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/sync' });
    expectValidProblem(res.json);
  });

  test('a typed exception from an async handler', async () => {
    const res = await request(`${base}/async`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No order 7', instance: '/async' });
    expectValidProblem(res.json);
  });

  test('429 carries Retry-After', async () => {
    const res = await request(`${base}/rate-limited`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', instance: '/rate-limited' });
    expectValidProblem(res.json);
  });

  test('401 carries WWW-Authenticate', async () => {
    const res = await request(`${base}/auth`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    expectValidProblem(res.json);
  });

  test('an unknown Error is a 500 with no message and no stack', async () => {
    const res = await request(`${base}/unknown`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/unknown' });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('at ');
  });

  test.each(['/null', '/string', '/object'])('throwing a non-error (%s) is a 500, never a hang (Hono passes it to the caller, not onError)', async (path) => {
    const res = await request(`${base}${path}`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: path });
    expectValidProblem(res.json);
    // Seen by the bridge's toFetchResponse, since Hono's app.onError only receives Errors.
    expect(seen).toHaveLength(1);
  });

  test('Hono hands a thrown value that is not an Error back to the caller of app.fetch (even synchronously), instead of calling onError', () => {
    const app = buildApp();
    expect(() => app.fetch(new Request('http://x/string'))).toThrow('just a string');
    expect(seen).toEqual([]);
  });

  test('a header value with CR/LF is not sent and the server keeps serving', async () => {
    const res = await request(`${base}/crlf`);
    expect(res.status).toBe(400);
    expect(res.headers['x-evil']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-good']).toBe('fine');
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('HEAD (Hono runs the GET route, then drops the body): status and headers, no body', async () => {
    const get = await request(`${base}/rate-limited`);
    const res = await request(`${base}/rate-limited`, { method: 'HEAD' });
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['retry-after']).toBe('30');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(get.text)));
    expect(res.text).toBe('');
  });

  test('onError sees the original error and the Request (c.req.raw)', async () => {
    await request(`${base}/unknown?page=2`);
    expect(seen).toHaveLength(1);
    expect((seen[0]?.error as Error).message).toContain('hunter2');
    expect(seen[0]?.url).toBe(`${base}/unknown?page=2`);
    expect(seen[0]?.method).toBe('GET');
  });

  test('app.notFound gives a 404 problem', async () => {
    const res = await request(`${base}/no/such/route?q=1`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for /no/such/route', instance: '/no/such/route' });
    expectValidProblem(res.json);
    expect(seen).toEqual([]);
  });

  test("Hono's own HTTPException keeps its status and message", async () => {
    const res = await request(`${base}/hono-exception`);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'No access to project 9', instance: '/hono-exception' });
  });

  test("Hono's bearerAuth: a 401 problem that keeps the WWW-Authenticate Hono put on HTTPException.res", async () => {
    const res = await request(`${base}/bearer/me`);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, instance: '/bearer/me' });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="/);
    expect((await request(`${base}/bearer/me`, { headers: { authorization: 'Bearer secret-token' } })).json).toEqual({ ok: true });
  });

  test('a successful route is untouched', async () => {
    const res = await request(`${base}/ok`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    expect(seen).toEqual([]);
  });
});

describe('toFetchResponse in Hono: mapError', () => {
  test("mapError can carry over the headers of Hono's HTTPException (bearerAuth's WWW-Authenticate)", async () => {
    const app = new Hono();
    app.use('*', bearerAuth({ token: 'secret-token' }));
    app.get('/me', (c) => c.text('me'));
    app.onError((error, c) =>
      toFetchResponse(error, {
        request: c.req.raw,
        mapError: (e) => (e instanceof HTTPException ? new HttpException(e.status, e.message || undefined, { headers: Object.fromEntries(e.res?.headers ?? []) }) : undefined),
      }),
    );
    const server = serveFetch((req) => app.fetch(req));
    const base = await listen(server);
    try {
      const res = await request(`${base}/me`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm=""');
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, instance: '/me' });
      expectValidProblem(res.json);
    } finally {
      await close(server);
    }
  });

  test('an onError or mapError that throws is contained: the client still gets a safe 500', async () => {
    const app = new Hono();
    app.get('/x', () => {
      throw new NotFoundException('x');
    });
    app.onError((error, c) =>
      toFetchResponse(error, {
        request: c.req.raw,
        onError: () => {
          throw new Error('logger down');
        },
        mapError: () => {
          throw new Error('mapper bug');
        },
      }),
    );
    const server = serveFetch((req) => app.fetch(req));
    const base = await listen(server);
    try {
      const res = await request(`${base}/x`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/x' });
    } finally {
      await close(server);
    }
  });
});

describe('examples/hono.ts', () => {
  let server: Server;
  let base: string;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    server = createExampleServer();
    base = await listen(server);
  });
  afterAll(async () => {
    consoleError.mockRestore();
    await close(server);
  });

  test('404 with detail', async () => {
    const res = await request(`${base}/users/42`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' });
    expectValidProblem(res.json);
  });

  test('429 with Retry-After', async () => {
    const res = await request(`${base}/search?q=x`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expectValidProblem(res.json);
  });

  test('422 with errors', async () => {
    const res = await request(`${base}/users`, { method: 'POST', body: '{"age":-1}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The user is not valid',
      instance: '/users',
      errors: [{ detail: 'must be a positive integer', pointer: '#/age' }],
    });
    expectValidProblem(res.json);
  });

  test('an unexpected Error is a plain 500, logged by onError', async () => {
    consoleError.mockClear();
    const res = await request(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/boom' });
    expect(res.text).not.toContain('hunter2');
    expect(consoleError).toHaveBeenCalledWith(`GET ${base}/boom`, expect.objectContaining({ message: 'database password is hunter2' }));
  });

  test('an unknown path is a 404 problem; HEAD has no body', async () => {
    const res = await request(`${base}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for /nowhere', instance: '/nowhere' });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    const head = await request(`${base}/nowhere`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expect(head.text).toBe('');
  });

  test('the app alone answers through fetch, without any server', async () => {
    const response = await createExampleApp().request('/users/7');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ detail: 'No user 7', instance: '/users/7' });
  });
});
