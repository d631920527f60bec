import { createServer, type Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { NotFoundException, TooManyRequestsException, UnauthorizedException } from '../../src/index.js';
import { problemDetailsHandler } from '../../src/adapters/express.js';
import { createApp as createExampleApp } from '../../examples/express.js';
import { close, listen, request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

// `express4` is the npm alias of express@4. It has no types of its own; the API the tests use is
// the same in both versions, so it is typed with Express 5's types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const express4 = require('express4') as typeof express;

type ExpressLib = typeof express;

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

// What every adapter shares (statuses, thrown values, header policy, HEAD, onError, mapError,
// responses already started, options) runs against Express 4 and 5 in tests/conformance/.
describe.each(versions)('typed-http-exceptions/express on %s: what is Express\'s own', (_name, lib, forwardsRejections) => {
  const seen: unknown[] = [];
  const passedOn: unknown[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = newApp(lib);
    // Express treats a falsy error as "no error", so `null` can only reach the handler directly.
    const direct = problemDetailsHandler();
    app.get('/null-direct', (req, res, next) => direct(null, req, res, next));
    app.get('/undefined-direct', (req, res, next) => direct(undefined, req, res, next));
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
    app.use(problemDetailsHandler({ onError: (error) => void seen.push(error) }));
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

  test.each(['/null-direct', '/undefined-direct'])('called directly with a falsy error (%s), the handler still answers a bare 500', async (path) => {
    const res = await request(`${base}${path}`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: path });
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

  test('a response already started: the error is passed on to the next Express error handler, which closes the connection', async () => {
    seen.length = 0;
    passedOn.length = 0;
    await expect(request(`${base}/sent`)).rejects.toThrow();
    expect(seen).toHaveLength(1);
    expect(passedOn).toHaveLength(1);
    expect(passedOn[0]).toBe(seen[0]);
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
