import { createServer, type Server } from 'node:http';
import { connect, createServer as createHttp2Server, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import Koa3 from 'koa';
import type { Context, Middleware } from 'koa';
import { BadRequestException, HttpException, NotFoundException, TooManyRequestsException, UnauthorizedException, UpgradeRequiredException } from '../../src/index.js';
import { problemDetailsMiddleware, type ProblemDetailsMiddlewareOptions } from '../../src/adapters/koa.js';
import { createApp as createExampleApp } from '../../examples/koa.js';
import { close, listen, request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

// Koa 2 is installed as `koa2` (npm alias) without its own types; its API is the same for what we use.
const Koa2 = require('koa2') as typeof Koa3;

type Route = (ctx: Context) => unknown;

const routes: Record<string, Route> = {
  '/sync': () => {
    throw new NotFoundException('No user 42');
  },
  '/async': async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    throw new NotFoundException('No order 7');
  },
  '/rate-limited': () => {
    throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
  },
  '/auth': () => {
    throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' });
  },
  '/unknown': () => {
    throw new Error('connection string postgres://admin:hunter2@db');
  },
  '/null': () => {
    throw null;
  },
  '/string': () => {
    throw 'just a string';
  },
  '/object': () => {
    throw { status: 404, message: 'plain object, not an error' };
  },
  '/crlf': () => {
    throw new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
  },
  '/ctx-throw': (ctx) => {
    ctx.throw(403, 'No access to project 9');
  },
  '/half-built': (ctx) => {
    // The route had started a response of its own (headers only, nothing sent yet).
    ctx.set('etag', '"v1"');
    ctx.set('last-modified', new Date(0).toUTCString());
    ctx.set('content-encoding', 'gzip');
    ctx.type = 'text/html';
    ctx.body = '<p>half</p>';
    throw new BadRequestException('changed my mind');
  },
  '/sent': (ctx) => {
    ctx.res.writeHead(200, { 'content-type': 'text/plain' });
    ctx.res.write('partial');
    throw new Error('failed half way');
  },
  '/empty-404': (ctx) => {
    ctx.status = 404; // no body: Koa would answer "Not Found" as text/plain
  },
  '/own-404': (ctx) => {
    ctx.status = 404;
    ctx.body = { custom: true };
  },
  '/ok': (ctx) => {
    ctx.body = { ok: true };
  },
  '/upgrade': () => {
    throw new UpgradeRequiredException('Use TLS', { upgrade: 'TLS/1.3' });
  },
};

/** A tiny router: the matching route, or `next()` (so unmatched paths stay Koa's default 404). */
const router: Middleware = async (ctx, next) => {
  const route = routes[ctx.path];
  if (route === undefined) return next();
  await route(ctx);
};

/** Like a CORS middleware: sets a header before the route runs. */
const cors: Middleware = async (ctx, next) => {
  ctx.set('access-control-allow-origin', '*');
  await next();
};

const koaVersions: Array<[string, typeof Koa3]> = [
  ['Koa 3', Koa3],
  ['Koa 2', Koa2],
];

function build(KoaClass: typeof Koa3, options?: ProblemDetailsMiddlewareOptions): Koa3 {
  const app = new KoaClass();
  app.use(problemDetailsMiddleware(options));
  app.use(cors);
  app.use(router);
  return app;
}

async function serve(app: Koa3): Promise<{ server: Server; base: string }> {
  const server = createServer(app.callback());
  return { server, base: await listen(server) };
}

describe.each(koaVersions)('typed-http-exceptions/koa problemDetailsMiddleware on %s', (name, KoaClass) => {
  test('the installed package is the Koa major under test', () => {
    const major = Number((require(name === 'Koa 3' ? 'koa/package.json' : 'koa2/package.json') as { version: string }).version.split('.')[0]);
    expect(major).toBe(name === 'Koa 3' ? 3 : 2);
  });

  describe('with onError', () => {
    const seen: Array<{ error: unknown; url: string; path: string }> = [];
    const appErrors: unknown[] = [];
    let server: Server;
    let base: string;

    beforeAll(async () => {
      const app = build(KoaClass, { onError: (error, ctx) => void seen.push({ error, url: ctx.originalUrl, path: ctx.path }) });
      app.on('error', (error: unknown) => appErrors.push(error));
      ({ server, base } = await serve(app));
    });
    afterAll(() => close(server));
    beforeEach(() => {
      seen.length = 0;
      appErrors.length = 0;
    });

    test('a typed exception thrown synchronously becomes its problem response', async () => {
      const res = await request(`${base}/sync?token=secret`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/sync' });
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
      expectValidProblem(res.json);
      // Handled errors are not Koa errors any more: app.on('error') does not see them.
      expect(appErrors).toEqual([]);
    });

    test('a typed exception from an async route', async () => {
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
      expect(res.json).toMatchObject({ title: 'Unauthorized', status: 401, detail: 'Token expired' });
      expectValidProblem(res.json);
    });

    test('an unknown Error is a 500 with no message and no stack', async () => {
      const res = await request(`${base}/unknown`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/unknown' });
      expect(res.text).not.toContain('hunter2');
      expect(res.text).not.toContain('at ');
      expectValidProblem(res.json);
    });

    test.each(['/null', '/string', '/object'])('throwing a non-error (%s) is a 500, never a hang', async (path) => {
      const res = await request(`${base}${path}`);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: path });
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

    test("Koa's own ctx.throw (http-errors) keeps its status and exposed message", async () => {
      const res = await request(`${base}/ctx-throw`);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'No access to project 9', instance: '/ctx-throw' });
      expectValidProblem(res.json);
    });

    test('headers describing the abandoned body are removed; headers from earlier middleware (CORS) are kept', async () => {
      const res = await request(`${base}/half-built`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers['etag']).toBeUndefined();
      expect(res.headers['last-modified']).toBeUndefined();
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
      expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'changed my mind', instance: '/half-built' });
    });

    test('HEAD gets status, headers and the Content-Length of the body, but no body', async () => {
      const get = await request(`${base}/rate-limited`);
      const res = await request(`${base}/rate-limited`, { method: 'HEAD' });
      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers['retry-after']).toBe('30');
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(get.text)));
      expect(res.text).toBe('');
    });

    test('onError sees the original error and the Koa context', async () => {
      await request(`${base}/unknown?page=2`);
      expect(seen).toHaveLength(1);
      expect((seen[0]?.error as Error).message).toContain('hunter2');
      expect(seen[0]?.url).toBe('/unknown?page=2');
      expect(seen[0]?.path).toBe('/unknown');
    });

    test('an unmatched route is a 404 problem; onError is not called (nothing was thrown)', async () => {
      const res = await request(`${base}/no/such/route?q=1`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/no/such/route' });
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
      expectValidProblem(res.json);
      expect(seen).toEqual([]);
    });

    test('an unmatched route answered with HEAD: 404, no body', async () => {
      const res = await request(`${base}/no/such/route`, { method: 'HEAD' });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
      expect(res.text).toBe('');
    });

    test('a route setting 404 without a body gets the problem; a route sending its own 404 body keeps it', async () => {
      const empty = await request(`${base}/empty-404`);
      expect(empty.status).toBe(404);
      expect(empty.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/empty-404' });
      const own = await request(`${base}/own-404`);
      expect(own.status).toBe(404);
      expect(own.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(own.json).toEqual({ custom: true });
    });

    test('a successful route is untouched', async () => {
      const res = await request(`${base}/ok`);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ ok: true });
      expect(seen).toEqual([]);
    });

    test('a response already started is not written twice: onError and Koa see the error, the connection is closed, the server keeps serving', async () => {
      const started = Date.now();
      await expect(request(`${base}/sent`)).rejects.toThrow();
      // Closed at once, not left hanging until the client's 5 s timeout.
      expect(Date.now() - started).toBeLessThan(2000);
      expect(seen).toHaveLength(1);
      expect((seen[0]?.error as Error).message).toBe('failed half way');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(appErrors).toHaveLength(1);
      expect(appErrors[0]).toMatchObject({ message: 'failed half way', headerSent: true });
      expect((await request(`${base}/sync`)).status).toBe(404);
    });

    test('426 sends Upgrade on HTTP/1.1', async () => {
      const res = await request(`${base}/upgrade`);
      expect(res.status).toBe(426);
      expect(res.headers['upgrade']).toBe('TLS/1.3');
    });
  });

  describe('options', () => {
    async function withApp(options: ProblemDetailsMiddlewareOptions | undefined, route: Middleware, run: (base: string) => Promise<void>): Promise<void> {
      const app = new KoaClass();
      app.use(problemDetailsMiddleware(options));
      app.use(route);
      const { server, base } = await serve(app);
      try {
        await run(base);
      } finally {
        await close(server);
      }
    }

    test('without options', async () => {
      await withApp(
        undefined,
        () => {
          throw new NotFoundException('x');
        },
        async (base) => {
          const res = await request(`${base}/a%20b`);
          expect(res.status).toBe(404);
          expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x', instance: '/a%20b' });
          expectValidProblem(res.json);
        },
      );
    });

    test('mapError maps a foreign error first', async () => {
      class ValidationFailure extends Error {}
      await withApp(
        { mapError: (error) => (error instanceof ValidationFailure ? new BadRequestException(error.message, { errors: [{ detail: error.message, pointer: '#/age' }] }) : undefined) },
        () => {
          throw new ValidationFailure('age must be positive');
        },
        async (base) => {
          const res = await request(`${base}/people`, { method: 'POST', body: '{}' });
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
        },
      );
    });

    test('an onError or mapError that throws is contained: the client still gets a safe 500', async () => {
      await withApp(
        {
          onError: () => {
            throw new Error('logger down');
          },
          mapError: () => {
            throw new Error('mapper bug');
          },
        },
        () => {
          throw new NotFoundException('x');
        },
        async (base) => {
          const res = await request(`${base}/x`);
          expect(res.status).toBe(500);
          expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/x' });
          expectValidProblem(res.json);
        },
      );
    });

    test('a rejecting async onError does not cause an unhandled rejection', async () => {
      const unhandled = jest.fn();
      process.on('unhandledRejection', unhandled);
      try {
        await withApp(
          { onError: async () => Promise.reject(new Error('async logger down')) },
          () => {
            throw new NotFoundException();
          },
          async (base) => {
            expect((await request(`${base}/x`)).status).toBe(404);
            await new Promise((resolve) => setTimeout(resolve, 20));
          },
        );
        expect(unhandled).not.toHaveBeenCalled();
      } finally {
        process.off('unhandledRejection', unhandled);
      }
    });

    test('the instance, typeBaseUrl and debug options', async () => {
      await withApp(
        { instance: '/fixed', debug: true, typeBaseUrl: 'https://example.com/problems/' },
        () => {
          throw new HttpException(409, 'taken', { type: 'conflict', cause: new Error('root cause') });
        },
        async (base) => {
          const res = await request(`${base}/x`);
          const body = res.json as Record<string, unknown>;
          expect(res.status).toBe(409);
          expect(body).toMatchObject({ type: 'https://example.com/problems/conflict', status: 409, detail: 'taken', instance: '/fixed' });
          expect(body['stack']).toEqual(expect.stringContaining('taken'));
          expect(body['cause']).toEqual([expect.objectContaining({ message: 'root cause' })]);
          expectValidProblem(body);
        },
      );
    });

    test('when a mount helper rewrote ctx.path, instance is still the original request path', async () => {
      const mounted: Middleware = (ctx) => {
        ctx.path = '/items'; // what koa-mount does for the sub-app
        throw new NotFoundException();
      };
      await withApp(undefined, mounted, async (base) => {
        const res = await request(`${base}/api/items?x=1`);
        expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/api/items' });
      });
    });
  });

  describe("without the middleware: Koa's default error handling (http-errors convention)", () => {
    let server: Server;
    let base: string;

    beforeAll(async () => {
      const app = new KoaClass();
      app.silent = true; // no console output for the errors below
      app.use(cors);
      app.use(router);
      ({ server, base } = await serve(app));
    });
    afterAll(() => close(server));

    test('a TooManyRequestsException with retryAfter gives 429 and Retry-After', async () => {
      const res = await request(`${base}/rate-limited`);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('30');
      // Koa's text/plain body with the exposed message, not a problem.
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.text).toBe('Slow down');
      // Koa's own handler drops headers set before the error, such as CORS.
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    test('an UnauthorizedException with wwwAuthenticate gives 401 and WWW-Authenticate', async () => {
      const res = await request(`${base}/auth`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
      expect(res.text).toBe('Token expired');
    });

    test('a 5xx HttpException is not exposed', async () => {
      const res = await request(`${base}/unknown`);
      expect(res.status).toBe(500);
      expect(res.text).toBe('Internal Server Error');
    });
  });

  describe('over HTTP/2', () => {
    test('connection-specific headers such as Upgrade are never sent, and nothing crashes', async () => {
      const app = new KoaClass();
      app.use(problemDetailsMiddleware());
      app.use(() => {
        throw new UpgradeRequiredException('Use TLS', { upgrade: 'TLS/1.3', headers: { connection: 'close', 'x-kept': 'yes' } });
      });
      const server: Http2Server = createHttp2Server(app.callback());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const client = connect(`http://127.0.0.1:${port}`);
      const h2request = (method: string): Promise<{ headers: Record<string, unknown>; body: string }> =>
        new Promise((resolve, reject) => {
          const stream = client.request({ ':path': '/h2?x=1', ':method': method });
          let body = '';
          let headers: Record<string, unknown> = {};
          stream.on('response', (h) => (headers = h));
          stream.setEncoding('utf8');
          stream.on('data', (chunk: string) => (body += chunk));
          stream.on('end', () => resolve({ headers, body }));
          stream.on('error', reject);
          stream.end();
        });
      try {
        const { headers, body } = await h2request('GET');
        expect(headers[':status']).toBe(426);
        expect(headers['upgrade']).toBeUndefined();
        expect(headers['connection']).toBeUndefined();
        expect(headers['x-kept']).toBe('yes');
        expect(headers['content-type']).toBe('application/problem+json');
        expect(JSON.parse(body)).toEqual({ type: 'about:blank', title: 'Upgrade Required', status: 426, detail: 'Use TLS', instance: '/h2' });
        // Koa 2 never answers a HEAD request over HTTP/2, even a plain `ctx.body = 'x'`: its respond()
        // returns early when !ctx.writable, which Node's http2 compat layer reports for every HEAD.
        // Koa 3 ends the response there instead. Its own error handler still hangs then (not ours).
        if (KoaClass === Koa3) {
          const head = await h2request('HEAD');
          expect(head.headers[':status']).toBe(426);
          expect(head.headers['content-length']).toBe(String(Buffer.byteLength(body)));
          expect(head.body).toBe('');
        }
        // The server is still healthy.
        expect((await h2request('GET')).headers[':status']).toBe(426);
      } finally {
        client.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
});

describe('examples/koa.ts', () => {
  let server: Server;
  let base: string;
  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    server = createServer(createExampleApp().callback());
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
    const res = await request(`${base}/users`, { method: 'POST', body: '{"age":-1}' });
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
    expect(consoleError).toHaveBeenCalledWith('GET /boom', expect.objectContaining({ message: 'database password is hunter2' }));
  });

  test('an unknown path is a 404 problem', async () => {
    const res = await request(`${base}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/nowhere' });
  });
});
