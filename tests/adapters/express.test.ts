import { createServer, type Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type NextFunction, type Request, type Response } from 'express';
import createError from 'http-errors';
import { BadRequestException, HttpException, NotFoundException, TooManyRequestsException, UnauthorizedException } from '../../src/index.js';
import { problemDetailsHandler, type ProblemDetailsHandlerOptions } from '../../src/adapters/express.js';
import { createApp as createExampleApp } from '../../examples/express.js';
import { close, listen, request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

// `express4` is the npm alias of express@4. It has no types of its own; the API the tests use is
// the same in both versions, so it is typed with Express 5's types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const express4 = require('express4') as typeof express;

type ExpressLib = typeof express;
type AsyncRoute = (req: Request, res: Response, next: NextFunction) => Promise<unknown>;

// Compile-time check: the handler is accepted where Express wants an error handler.
const asErrorRequestHandler: ErrorRequestHandler = problemDetailsHandler();
void asErrorRequestHandler;

/** Polls `condition` for up to a second. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

/** An app whose env is fixed to 'test', so Express's default handler never logs, whatever NODE_ENV is. */
function newApp(lib: ExpressLib): Express {
  const app = lib();
  app.set('env', 'test');
  return app;
}

async function start(app: Express): Promise<{ server: Server; base: string }> {
  const server = createServer(app);
  return { server, base: await listen(server) };
}

/** Runs `body` against `app` on a real server on port 0, then closes it. */
async function withServer(app: Express, body: (base: string) => Promise<void>): Promise<void> {
  const { server, base } = await start(app);
  try {
    await body(base);
  } finally {
    await close(server);
  }
}

const versions: Array<[string, ExpressLib, boolean]> = [
  ['Express 4', express4, false],
  ['Express 5', express, true],
];

describe.each(versions)('typed-http-exceptions/express on %s', (_name, lib, forwardsRejections) => {
  /** Express 5 catches a rejected promise itself; Express 4 needs `next(error)`. */
  const asyncRoute = (fn: AsyncRoute): AsyncRoute =>
    forwardsRejections ? fn : (req, res, next) => fn(req, res, next).catch(next);

  const seen: Array<{ error: unknown; method: string; url: string }> = [];
  const passedOn: unknown[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = newApp(lib);
    app.use((_req, res, next) => {
      res.setHeader('access-control-allow-origin', 'https://app.example');
      next();
    });
    app.get('/sync', () => {
      throw new NotFoundException('No user 42');
    });
    app.get(
      '/async',
      asyncRoute(async () => {
        await tick();
        throw new NotFoundException('No order 7');
      }),
    );
    app.get('/rate-limited', () => {
      throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
    });
    app.get('/auth', () => {
      throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' });
    });
    app.get('/unknown', () => {
      throw new Error('connection string postgres://admin:hunter2@db');
    });
    app.get(
      '/unknown-async',
      asyncRoute(async () => {
        await tick();
        throw new Error('async secret hunter2');
      }),
    );
    app.get('/string', () => {
      throw 'just a string';
    });
    app.get('/object', () => {
      throw { status: 404, message: 'plain object, not an error' };
    });
    // Express treats a falsy error as "no error", so `null` can only reach the handler directly.
    const direct = problemDetailsHandler();
    app.get('/null-direct', (req, res, next) => direct(null, req, res, next));
    app.get('/undefined-direct', (req, res, next) => direct(undefined, req, res, next));
    app.get('/throw-null', () => {
      throw null;
    });
    app.get(
      '/reject-null',
      asyncRoute(async () => {
        await tick();
        throw null;
      }),
    );
    app.get('/crlf', () => {
      throw new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
    });
    app.get('/http-errors', () => {
      throw createError(403, 'No access to project 9');
    });
    app.get('/content-type', (_req, res) => {
      res.type('html');
      res.setHeader('content-language', 'de');
      res.setHeader('x-request-id', 'abc');
      throw new BadRequestException('Missing field');
    });
    app.post('/json', lib.json({ limit: '20b' }), (_req, res) => {
      res.status(204).end();
    });
    app.get('/sent', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      throw new Error('failed half way');
    });
    const router = lib.Router();
    router.get('/items/:id', (req) => {
      throw new NotFoundException(`No item ${req.params['id']}`);
    });
    app.use('/api', router);
    app.use((req, _res, next) => next(new NotFoundException(`No route for ${req.method} ${req.path}`)));
    app.use(
      problemDetailsHandler({
        onError: (error, req) => void seen.push({ error, method: req.method, url: req.originalUrl }),
      }),
    );
    // Only reached when our handler passes an error on (response already started).
    app.use(((err, _req, _res, next) => {
      passedOn.push(err);
      next(err);
    }) as ErrorRequestHandler);
    ({ server, base } = await start(app));
  });
  afterAll(() => close(server));

  test('the handler declares four parameters, so Express treats it as an error handler', () => {
    expect(problemDetailsHandler().length).toBe(4);
  });

  test('a typed exception thrown synchronously becomes its problem response', async () => {
    const res = await request(`${base}/sync?token=secret`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/sync' });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expect(res.text).not.toContain('secret');
    expectValidProblem(res.json);
  });

  test(`a typed exception from an async handler (${forwardsRejections ? 'Express 5 forwards the rejection' : 'Express 4: the route calls next(error)'})`, async () => {
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
    expect(res.json).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Token expired', instance: '/auth' });
    expectValidProblem(res.json);
  });

  test.each(['/unknown', '/unknown-async'])('an unknown Error (%s) is a 500 with no message and no stack', async (path) => {
    const res = await request(`${base}${path}`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: path });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('at ');
    expectValidProblem(res.json);
  });

  test.each(['/string', '/object', '/null-direct', '/undefined-direct'])('a non-error (%s) is a 500, never a hang', async (path) => {
    const res = await request(`${base}${path}`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: path });
    expectValidProblem(res.json);
  });

  test('`throw null` in a route is "no error" to Express: the request falls through to the catch-all 404, never hangs', async () => {
    const res = await request(`${base}/throw-null`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for GET /throw-null', instance: '/throw-null' });
    expectValidProblem(res.json);
  });

  test(`a promise rejected with null ${forwardsRejections ? 'is a 500 (Express 5 substitutes an Error)' : 'falls through to the 404 (Express 4: next(null) is no error)'}`, async () => {
    const res = await request(`${base}/reject-null`);
    if (forwardsRejections) {
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/reject-null' });
    } else {
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ status: 404, detail: 'No route for GET /reject-null' });
    }
    expectValidProblem(res.json);
  });

  test('a header value with CR/LF is not sent and the server keeps serving', async () => {
    const res = await request(`${base}/crlf`);
    expect(res.status).toBe(400);
    expect(res.headers['x-evil']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-good']).toBe('fine');
    expectValidProblem(res.json);
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('http-errors errors keep their status and exposed message', async () => {
    const res = await request(`${base}/http-errors`);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'No access to project 9', instance: '/http-errors' });
    expectValidProblem(res.json);
  });

  test("body-parser's errors (malformed JSON, too large) become problems with their status", async () => {
    const malformed = await request(`${base}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toBe('application/problem+json');
    expect(malformed.json).toMatchObject({ title: 'Bad Request', status: 400, instance: '/json' });
    expectValidProblem(malformed.json);

    const large = await request(`${base}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(100) }) });
    expect(large.status).toBe(413);
    expect(large.json).toMatchObject({ status: 413, detail: 'request entity too large', instance: '/json' });
    expectValidProblem(large.json);
  });

  test('a CORS header set by earlier middleware survives; the content headers the route set are replaced', async () => {
    const res = await request(`${base}/content-type`);
    expect(res.status).toBe(400);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(res.headers['x-request-id']).toBe('abc');
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['content-language']).toBeUndefined();
    expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Missing field', instance: '/content-type' });
    expectValidProblem(res.json);
  });

  test('instance is the full path of a route in a mounted router (req.originalUrl)', async () => {
    const res = await request(`${base}/api/items/7?x=1`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No item 7', instance: '/api/items/7' });
    expectValidProblem(res.json);
  });

  test('a handler registered inside a mounted router also uses the full path (req.url is relative there)', async () => {
    const app = newApp(lib);
    const v2 = lib.Router();
    v2.get('/orders/:id', (req) => {
      throw new NotFoundException(`No order ${req.params['id']}`);
    });
    v2.use(problemDetailsHandler());
    app.use('/v2', v2);
    await withServer(app, async (url) => {
      const res = await request(`${url}/v2/orders/9?secret=1`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No order 9', instance: '/v2/orders/9' });
      expectValidProblem(res.json);
    });
  });

  test('an unmatched route becomes a problem+json 404 through a catch-all before the handler', async () => {
    const res = await request(`${base}/no/such/page`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for GET /no/such/page', instance: '/no/such/page' });
    expectValidProblem(res.json);
  });

  test('HEAD gets status and headers but no body', async () => {
    const res = await request(`${base}/sync`, { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/sync' })));
    expect(res.text).toBe('');
  });

  test('onError sees the original error and the Express request', async () => {
    seen.length = 0;
    await request(`${base}/unknown?q=1`);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.error).toBeInstanceOf(Error);
    expect((seen[0]?.error as Error).message).toContain('hunter2');
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.url).toBe('/unknown?q=1');
  });

  test('a response already started is not written twice: onError is called, the error goes on to Express, which closes the connection', async () => {
    seen.length = 0;
    passedOn.length = 0;
    await expect(request(`${base}/sent`)).rejects.toThrow();
    expect(seen).toHaveLength(1);
    expect((seen[0]?.error as Error).message).toBe('failed half way');
    expect(passedOn).toHaveLength(1);
    expect(passedOn[0]).toBe(seen[0]?.error);
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('mapError maps a foreign error first', async () => {
    class ValidationFailure extends Error {}
    const app = newApp(lib);
    app.get('/people', () => {
      throw new ValidationFailure('age must be positive');
    });
    app.use(
      problemDetailsHandler({
        mapError: (error) => (error instanceof ValidationFailure ? new BadRequestException(error.message, { errors: [{ detail: error.message, pointer: '#/age' }] }) : undefined),
      }),
    );
    await withServer(app, async (url) => {
      const res = await request(`${url}/people`);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'age must be positive',
        instance: '/people',
        errors: [{ detail: 'age must be positive', pointer: '#/age' }],
      });
      expectValidProblem(res.json);
    });
  });

  test('an onError or mapError that throws is contained: the client still gets a safe 500', async () => {
    const app = newApp(lib);
    app.get('/x', () => {
      throw new NotFoundException('x');
    });
    const options: ProblemDetailsHandlerOptions = {
      onError: () => {
        throw new Error('logger down');
      },
      mapError: () => {
        throw new Error('mapper bug');
      },
    };
    app.use(problemDetailsHandler(options));
    await withServer(app, async (url) => {
      const res = await request(`${url}/x`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/x' });
      expectValidProblem(res.json);
    });
  });

  test('an onError that throws on an already-started response does not crash; the connection is still closed', async () => {
    const app = newApp(lib);
    app.get('/sent', (_req, res) => {
      res.writeHead(200);
      res.write('partial');
      throw new Error('late');
    });
    app.get('/ok', (_req, res) => {
      res.send('ok');
    });
    app.use(
      problemDetailsHandler({
        onError: () => {
          throw new Error('logger down');
        },
      }),
    );
    await withServer(app, async (url) => {
      await expect(request(`${url}/sent`)).rejects.toThrow();
      expect((await request(`${url}/ok`)).text).toBe('ok');
    });
  });

  test('a rejecting async onError does not cause an unhandled rejection', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    const app = newApp(lib);
    app.get('/x', () => {
      throw new NotFoundException();
    });
    app.use(problemDetailsHandler({ onError: async () => Promise.reject(new Error('async logger down')) }));
    try {
      await withServer(app, async (url) => {
        expect((await request(`${url}/x`)).status).toBe(404);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(unhandled).not.toHaveBeenCalled();
      });
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  test('the instance option and debug', async () => {
    const app = newApp(lib);
    app.get('/x', () => {
      throw new Error('boom', { cause: new Error('root cause') });
    });
    app.use(problemDetailsHandler({ instance: '/fixed', debug: true }));
    await withServer(app, async (url) => {
      const res = await request(`${url}/x`);
      const body = res.json as Record<string, unknown>;
      expect(res.status).toBe(500);
      expect(body).toMatchObject({ status: 500, detail: 'boom', instance: '/fixed' });
      expect(body['stack']).toEqual(expect.stringContaining('Error: boom'));
      expect(body['cause']).toEqual([expect.objectContaining({ message: 'root cause' })]);
    });
  });

  test('typeBaseUrl resolves a relative problem type', async () => {
    const app = newApp(lib);
    app.get('/x', () => {
      throw new HttpException(409, 'Already shipped', { type: 'already-shipped' });
    });
    app.use(problemDetailsHandler({ typeBaseUrl: 'https://example.com/problems/' }));
    await withServer(app, async (url) => {
      const res = await request(`${url}/x`);
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ type: 'https://example.com/problems/already-shipped', status: 409 });
      expectValidProblem(res.json);
    });
  });

  if (!forwardsRejections) {
    test('Express 4 ignores the promise an async route returns: without next(error) the handler is never called and the request hangs', async () => {
      const handled: unknown[] = [];
      const app = newApp(lib);
      app.get('/forgotten', () => {
        const promise = (async () => {
          await tick();
          throw new NotFoundException('never sent');
        })();
        // Keep the rejection handled for the test runner; Express 4 itself never looks at it.
        promise.catch(() => undefined);
        return promise;
      });
      app.use(problemDetailsHandler({ onError: (error) => void handled.push(error) }));
      await withServer(app, async (url) => {
        await expect(request(`${url}/forgotten`, { timeoutMs: 300 })).rejects.toThrow('timed out');
        expect(handled).toHaveLength(0);
      });
    });
  }
});

describe.each(versions)('%s without our adapter (http-errors convention)', (_name, lib) => {
  function bareApp(): Express {
    const app = newApp(lib);
    app.get('/rate-limited', () => {
      throw new TooManyRequestsException('x', { retryAfter: 5 });
    });
    app.get('/auth', () => {
      throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api", error="invalid_token"' });
    });
    app.get('/gone', () => {
      throw new NotFoundException('No user 42');
    });
    return app;
  }

  test("Express's default handler sends 429 with Retry-After from the exception", async () => {
    await withServer(bareApp(), async (url) => {
      const res = await request(`${url}/rate-limited`);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('5');
      // Express's own HTML page, not a problem: that is what the adapter is for.
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    });
  });

  test("Express's default handler sends 401 with WWW-Authenticate from the exception", async () => {
    await withServer(bareApp(), async (url) => {
      const res = await request(`${url}/auth`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"');
    });
  });

  test('in production the default page shows only the reason phrase (and Express logs the error)', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = bareApp();
    app.set('env', 'production');
    try {
      await withServer(app, async (url) => {
        const res = await request(`${url}/gone`);
        expect(res.status).toBe(404);
        expect(res.text).toContain('Not Found');
        expect(res.text).not.toContain('No user 42');
        // Express logs from a setImmediate callback, after the response has gone out.
        await waitFor(() => consoleError.mock.calls.length > 0);
        expect(consoleError).toHaveBeenCalledTimes(1);
      });
    } finally {
      consoleError.mockRestore();
    }
  });
});

describe('examples/express.ts', () => {
  let server: Server;
  let base: string;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    // The example logs every error with console.error; keep the test output clean.
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = createExampleApp();
    app.set('env', 'test');
    ({ server, base } = await start(app));
  });
  afterAll(async () => {
    await close(server);
    consoleError.mockRestore();
  });

  test('a known user is served normally', async () => {
    const res = await request(`${base}/users/1`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: 1, name: 'Ada' });
  });

  test('404 with detail', async () => {
    const res = await request(`${base}/users/42`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' });
    expectValidProblem(res.json);
  });

  test('429 with Retry-After', async () => {
    const res = await request(`${base}/search`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.json).toMatchObject({ status: 429, detail: 'Search is limited to 10 requests a minute' });
    expectValidProblem(res.json);
  });

  test('422 with errors from an async route', async () => {
    const res = await request(`${base}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The user is not valid',
      instance: '/users',
      errors: [{ detail: 'must be a non-empty string', pointer: '#/name' }],
    });
    expectValidProblem(res.json);
  });

  test('a valid POST is created', async () => {
    const res = await request(`${base}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Grace"}' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'Grace' });
  });

  test('an unexpected Error is a bare 500, logged through onError', async () => {
    consoleError.mockClear();
    const res = await request(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/boom' });
    expect(res.text).not.toContain('hunter2');
    expect(consoleError).toHaveBeenCalledWith('GET /boom', expect.objectContaining({ message: 'database password is hunter2' }));
    expectValidProblem(res.json);
  });

  test('an unmatched route is a problem+json 404', async () => {
    const res = await request(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for GET /nope', instance: '/nope' });
    expectValidProblem(res.json);
  });
});
