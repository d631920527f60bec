import { createServer, type Server } from 'node:http';
import Koa3 from 'koa';
import type { Context, Middleware } from 'koa';
import { BadRequestException, NotFoundException, TooManyRequestsException, UnauthorizedException } from '../../src/index.js';
import { problemDetailsMiddleware, type ProblemDetailsMiddlewareOptions } from '../../src/adapters/koa.js';
import { createApp as createExampleApp } from '../../examples/koa.js';
import { exampleAppCases } from '../helpers/example-app-cases.js';
import { close, listen, request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

// Koa 2 is installed as `koa2` (npm alias) without its own types; its API is the same for what we use.
const Koa2 = require('koa2') as typeof Koa3;

type Route = (ctx: Context) => unknown;

const routes: Record<string, Route> = {
  '/rate-limited': () => {
    throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
  },
  '/auth': () => {
    throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' });
  },
  '/unknown': () => {
    throw new Error('connection string postgres://admin:hunter2@db');
  },
  '/ctx-throw': (ctx) => {
    ctx.throw(403, 'No access to project 9');
  },
  '/half-built': (ctx) => {
    // The route had started a response of its own through ctx (headers and a body, nothing sent yet).
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

  // What every adapter shares (statuses, thrown values, header policy, HEAD, onError, mapError,
  // responses already started, options, HTTP/2) runs against Koa 2 and 3 in tests/conformance/.
  describe("what is Koa's own", () => {
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

    test("handled errors are not Koa errors any more: app.on('error') does not see them; onError gets the Koa context", async () => {
      const res = await request(`${base}/unknown?page=2`);
      expect(res.status).toBe(500);
      expectValidProblem(res.json);
      expect(appErrors).toEqual([]);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.url).toBe('/unknown?page=2');
      expect(seen[0]?.path).toBe('/unknown');
    });

    test("Koa's own ctx.throw (http-errors) keeps its status and exposed message", async () => {
      const res = await request(`${base}/ctx-throw`);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'No access to project 9', instance: '/ctx-throw' });
      expectValidProblem(res.json);
    });

    test('a route that had set ctx.body: the headers describing it are removed; headers from earlier middleware (CORS) are kept', async () => {
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

    test("an unmatched route (Koa's empty 404) is a 404 problem; onError is not called (nothing was thrown)", async () => {
      const res = await request(`${base}/no/such/route?q=1`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/no/such/route' });
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
      expectValidProblem(res.json);
      expect(seen).toEqual([]);
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

    test('a response already started: the error is rethrown to Koa, whose app.on(\'error\') sees it with headerSent', async () => {
      await expect(request(`${base}/sent`)).rejects.toThrow();
      expect(seen).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(appErrors).toHaveLength(1);
      expect(appErrors[0]).toMatchObject({ message: 'failed half way', headerSent: true });
    });

    test('when a mount helper rewrote ctx.path, instance is still the original request path', async () => {
      const app = new KoaClass();
      app.use(problemDetailsMiddleware());
      app.use((ctx) => {
        ctx.path = '/items'; // what koa-mount does for the sub-app
        throw new NotFoundException();
      });
      const mounted = await serve(app);
      try {
        const res = await request(`${mounted.base}/api/items?x=1`);
        expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/api/items' });
      } finally {
        await close(mounted.server);
      }
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
});

describe('examples/koa.ts', () => {
  exampleAppCases({
    start: async () => {
      const server = createServer(createExampleApp().callback());
      return { base: await listen(server), close: () => close(server) };
    },
    boomLog: () => 'GET /boom',
  });

});
