/**
 * Fault tests for the error path, on real servers (127.0.0.1, port 0) for every adapter:
 * a client that goes away, a handler that fails after it started writing, an `onError`
 * that throws, a `mapError` that throws or returns garbage, and extension members that
 * cannot be serialised. Each fault must be contained (no uncaught exception, no unhandled
 * rejection, no hang), reported to `onError` where possible, and the server must keep
 * serving the next request.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { runInThisContext } from 'node:vm';
import express from 'express';
import fastify from 'fastify';
import Koa from 'koa';
import { BadRequestException, ConflictException, HttpException, NotFoundException, TooManyRequestsException } from '../src/index.js';
import type { AdapterOptions } from '../src/adapters/adapter-options.js';
import { problemDetailsHandler } from '../src/adapters/express.js';
import { problemDetailsErrorHandler } from '../src/adapters/fastify.js';
import { problemDetailsMiddleware } from '../src/adapters/koa.js';
import { sendProblem } from '../src/adapters/node.js';
import { close, listen, request, type TestResponse } from './helpers/http-client.js';
import { expectValidProblem } from './helpers/problem-schema.js';

// ---------------------------------------------------------------------------------------------
// Process-level watch. Jest gives each test file a copy of `process`: listeners added to it
// never fire. The real one is the global of the main context, which `runInThisContext` sees.
// ---------------------------------------------------------------------------------------------

const realProcess = runInThisContext('process') as NodeJS.Process;
const processFaults: Array<{ event: string; error: unknown }> = [];
const onUncaught = (error: unknown): void => void processFaults.push({ event: 'uncaughtException', error });
const onUnhandled = (error: unknown): void => void processFaults.push({ event: 'unhandledRejection', error });

beforeAll(() => {
  realProcess.on('uncaughtException', onUncaught);
  realProcess.on('unhandledRejection', onUnhandled);
});

afterAll(() => {
  realProcess.off('uncaughtException', onUncaught);
  realProcess.off('unhandledRejection', onUnhandled);
});

afterEach(async () => {
  // Let late callbacks (socket errors, rejections of discarded promises) surface first.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const seen = processFaults.splice(0).map(({ event, error }) => `${event}: ${describeError(error)}`);
  expect(seen).toEqual([]);
});

function describeError(value: unknown): string {
  try {
    return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
  } catch {
    return '(unprintable)';
  }
}

// ---------------------------------------------------------------------------------------------
// One harness per adapter: the same framework-neutral routes on Express 5, Fastify 5, Koa 3
// and node:http, with the library's error handler installed as its docs say.
// ---------------------------------------------------------------------------------------------

/** What a route sees, whatever the framework: the raw Node request and response. */
interface RouteIO {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}
type Route = (io: RouteIO) => unknown;
type Options = AdapterOptions<unknown>;

interface Running {
  readonly base: string;
  /** Errors that reached the framework's own last-resort handler (Koa's `app.on('error')`). */
  readonly frameworkErrors: unknown[];
  stop(): Promise<void>;
}

type Adapter = (routes: Record<string, Route>, options: Options) => Promise<Running>;

/** Every request for an unknown path, and `/typed`, end in a typed exception. */
const baseRoutes: Record<string, Route> = {
  '/typed': () => {
    throw new NotFoundException('No user 42');
  },
};

const adapters: Array<[string, Adapter]> = [
  [
    'node:http',
    async (routes, options) => {
      const server = createServer((req, res) => {
        const route = routes[(req.url ?? '/').split('?')[0] as string];
        void (async () => {
          try {
            if (route === undefined) throw new NotFoundException();
            await route({ req, res });
          } catch (error: unknown) {
            sendProblem(res, error, options);
          }
        })();
      });
      return { base: await listen(server), frameworkErrors: [], stop: () => close(server) };
    },
  ],
  [
    'Express 5',
    async (routes, options) => {
      const app = express();
      // Express's default handler (which closes started responses) does not log in 'test'.
      app.set('env', 'test');
      for (const [path, route] of Object.entries(routes)) {
        app.get(path, async (req, res) => {
          await route({ req, res });
        });
      }
      app.use((_req, _res, next) => next(new NotFoundException()));
      app.use(problemDetailsHandler(options));
      const server = createServer(app);
      return { base: await listen(server), frameworkErrors: [], stop: () => close(server) };
    },
  ],
  [
    'Fastify 5',
    async (routes, options) => {
      const app = fastify({ logger: false });
      app.setErrorHandler(problemDetailsErrorHandler(options));
      app.setNotFoundHandler(() => {
        throw new NotFoundException();
      });
      for (const [path, route] of Object.entries(routes)) {
        app.get(path, async (request, reply) => {
          await route({ req: request.raw, res: reply.raw });
          return reply;
        });
      }
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      return {
        base: `http://127.0.0.1:${port}`,
        frameworkErrors: [],
        stop: async () => {
          app.server.closeAllConnections();
          await app.close();
        },
      };
    },
  ],
  [
    'Koa 3',
    async (routes, options) => {
      const app = new Koa();
      const frameworkErrors: unknown[] = [];
      app.on('error', (error: unknown) => frameworkErrors.push(error));
      app.use(problemDetailsMiddleware(options));
      app.use(async (ctx) => {
        const route = routes[ctx.path];
        if (route !== undefined) await route({ req: ctx.req, res: ctx.res });
      });
      const server = createServer(app.callback());
      return { base: await listen(server), frameworkErrors, stop: () => close(server) };
    },
  ],
];

// ---------------------------------------------------------------------------------------------
// Client side: requests that end early, on purpose or because the server cut them.
// ---------------------------------------------------------------------------------------------

interface CutResponse {
  readonly status: number;
  readonly text: string;
  /** False when the connection was closed before the response was complete. */
  readonly complete: boolean;
}

/** A GET that resolves however the response ends (cut short included); rejects only if it hangs. */
function requestAllowingCut(url: string, timeoutMs = 5000): Promise<CutResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', () => undefined);
      res.on('close', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), complete: res.complete }));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      reject(new Error(`request to ${url} hung: no end within ${timeoutMs} ms`));
    });
    req.on('error', () => resolve({ status: 0, text: '', complete: false }));
    req.end();
  });
}

/** A GET that the client abandons: after the first body chunk, or once `when` settles. */
function abandonRequest(url: string, when: 'first-chunk' | Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      res.on('error', () => undefined);
      res.once('data', () => {
        if (when === 'first-chunk') req.destroy();
      });
    });
    req.on('error', () => undefined);
    req.on('close', () => resolve());
    req.end();
    if (when !== 'first-chunk') void when.then(() => req.destroy());
  });
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Resolves when the response is closed: finished, or its connection gone. */
function closed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => (res.destroyed || res.writableFinished ? resolve() : res.once('close', () => resolve())));
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

/** Status, media type, RFC 9457 schema, body.status, and no secret or stack in the body. */
function expectProblem(response: TestResponse, status: number): Record<string, unknown> {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expectValidProblem(response.json);
  const body = response.json as Record<string, unknown>;
  expect(body['status']).toBe(status);
  expect(response.text).not.toContain('hunter2');
  expect(response.text).not.toMatch(/\n\s+at /);
  return body;
}

/** The server still answers normally after a fault. */
async function expectStillServing(base: string): Promise<void> {
  const body = expectProblem(await request(`${base}/typed`), 404);
  expect(body).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/typed' });
  expectProblem(await request(`${base}/no-such-route`), 404);
}

// ---------------------------------------------------------------------------------------------

describe.each(adapters)('faults on %s', (name, start) => {
  let running: Running | undefined;
  const run = async (routes: Record<string, Route>, options: Options = {}): Promise<Running> => {
    running = await start({ ...baseRoutes, ...routes }, options);
    return running;
  };

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  describe('the client goes away', () => {
    it('mid-response (after the first chunk): the late error is contained and reported, the server keeps serving', async () => {
      const seen: unknown[] = [];
      const failure = new Error('lost the client; token hunter2');
      const { base } = await run(
        {
          '/stream': async ({ res }) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.write('chunk 1\n');
            await closed(res);
            throw failure;
          },
        },
        { onError: (error) => void seen.push(error) },
      );
      await abandonRequest(`${base}/stream`, 'first-chunk');
      await waitFor(() => seen.includes(failure), 'onError to see the error');
      await expectStillServing(base);
    });

    it('before the response starts (the handler is still working): the late problem is dropped quietly', async () => {
      const seen: unknown[] = [];
      const started = deferred();
      const failure = new NotFoundException('answered too late');
      const { base } = await run(
        {
          '/slow': async ({ res }) => {
            started.resolve();
            await closed(res);
            throw failure;
          },
        },
        { onError: (error) => void seen.push(error) },
      );
      await abandonRequest(`${base}/slow`, started.promise);
      await waitFor(() => seen.includes(failure), 'onError to see the error');
      await expectStillServing(base);
    });
  });

  describe('the handler throws after it started writing', () => {
    it.each([
      ['synchronously', false],
      ['after an await', true],
    ])('%s: onError sees it, the connection is closed (no hang), the next request is fine', async (_how, wait) => {
      const seen: unknown[] = [];
      const failure = new Error('failed half way; password hunter2');
      const running = await run(
        {
          '/partial': async ({ res }) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.write('partial');
            if (wait) await tick();
            throw failure;
          },
        },
        { onError: (error) => void seen.push(error) },
      );
      const cut = await requestAllowingCut(`${running.base}/partial`);
      expect(cut.status).toBe(200);
      expect(cut.text).toBe('partial');
      expect(cut.complete).toBe(false);
      await waitFor(() => seen.includes(failure), 'onError to see the error');
      expect(seen.filter((error) => error === failure)).toHaveLength(1);
      // Koa is told (its `error` event logs it); the other frameworks need no further word.
      if (name === 'Koa 3') expect(running.frameworkErrors).toContain(failure);
      await expectStillServing(running.base);
    });
  });

  describe('onError throws', () => {
    const faulty: Array<[string, () => unknown]> = [
      ['throws an Error', () => {
        throw new Error('logger down');
      }],
      ['throws null', () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw null;
      }],
      ['rejects', () => Promise.reject(new Error('async logger down'))],
      ['returns a thenable whose then getter throws', () => ({
        get then(): never {
          throw new Error('hostile thenable');
        },
      })],
      ['returns a thenable that rejects synchronously', () => ({ then: (_ok: unknown, fail: (reason: unknown) => void) => fail(new Error('nope')) })],
    ];

    it.each(faulty)('when it %s, the problem response is still sent', async (_how, onError) => {
      const calls: unknown[] = [];
      const { base } = await run(
        {
          '/limited': () => {
            throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
          },
        },
        {
          onError: (error) => {
            calls.push(error);
            return onError() as void;
          },
        },
      );
      const response = await request(`${base}/limited`);
      const body = expectProblem(response, 429);
      expect(body['detail']).toBe('Slow down');
      expect(response.headers['retry-after']).toBe('30');
      expect(calls).toHaveLength(1);
      await expectStillServing(base);
    });

    it('when it throws for a response that had started, the connection is still closed', async () => {
      const { base } = await run(
        {
          '/partial': ({ res }) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.write('partial');
            throw new Error('failed half way');
          },
        },
        {
          onError: () => {
            throw new Error('logger down');
          },
        },
      );
      const cut = await requestAllowingCut(`${base}/partial`);
      expect(cut.complete).toBe(false);
      await expectStillServing(base);
    });
  });

  describe('mapError throws', () => {
    it.each<[string, unknown]>([
      ['an Error', new Error('mapper failed; hunter2')],
      ['null', null],
      ['a Proxy that throws on every access', hostileProxy()],
    ])('throwing %s gives a plain 500; onError still sees the original error', async (_what, thrown) => {
      const seen: unknown[] = [];
      const original = new NotFoundException('No user 42; hunter2 is not exposed anyway');
      const { base } = await run(
        {
          '/mapped': () => {
            throw original;
          },
        },
        {
          onError: (error) => void seen.push(error),
          mapError: () => {
            throw thrown;
          },
        },
      );
      const body = expectProblem(await request(`${base}/mapped?token=hunter2`), 500);
      expect(body).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/mapped' });
      expect(seen).toEqual([original]);
      // mapError applies to every error; the server keeps answering (500, since the mapper still throws).
      expectProblem(await request(`${base}/typed`), 500);
    });
  });

  describe('mapError returns garbage', () => {
    const cases: Array<[string, () => unknown, number]> = [
      ['a number', () => 42, 500],
      ['null', () => null, 500],
      ['a secret string', () => 'hunter2', 500],
      ['a Proxy that throws on every access', () => hostileProxy(), 500],
      ['a revoked Proxy', () => revokedProxy(), 500],
      ['a circular plain object', () => circular({ status: 404, message: 'hunter2' }), 500],
      ['an Error whose every getter throws', () => errorWithThrowingGetters(), 500],
      ['a fake exception (our prototype) whose getters throw', () => fakeException(), 500],
      ['a pending promise (an async mapError)', () => new Promise(() => undefined), 500],
      ['an exception with a circular extension', () => new ConflictException('Version clash', { extensions: { kept: 1, loop: circular({}) } }), 409],
      ['an http-errors style error', () => Object.assign(new Error("I'm a teapot"), { status: 418, expose: true }), 418],
    ];

    it.each(cases)('returning %s gives a valid problem without crashing', async (what, mapped, status) => {
      const { base } = await run(
        {
          '/mapped': () => {
            throw new Error('original; hunter2');
          },
        },
        { mapError: () => mapped() },
      );
      const body = expectProblem(await request(`${base}/mapped`), status);
      expect(body['instance']).toBe('/mapped');
      if (status === 500) expect(body).not.toHaveProperty('detail');
      if (what.includes('circular extension')) {
        expect(body['kept']).toBe(1);
        expect(body).not.toHaveProperty('loop');
      }
      if (status === 418) expect(body['detail']).toBe("I'm a teapot");
    });
  });

  // BUG in src (reported with this test): `mapError` is typed `(error) => unknown`, so an async
  // mapper type-checks; when it rejects, the library drops the promise and the rejection goes
  // unhandled (Node's default for that: the process exits). Proposed fix in
  // src/problem/resolve-problem.ts: a thenable returned by mapError gets a no-op rejection
  // handler and counts as a failed mapping (plain 500), as a thenable from onError already does.
  it('an async mapError that rejects leaves no unhandled rejection behind', async () => {
    const { base } = await run(
      {
        '/mapped': () => {
          throw new Error('original; hunter2');
        },
      },
      { mapError: async () => Promise.reject(new Error('async mapper failed; hunter2')) },
    );
    expectProblem(await request(`${base}/mapped`), 500);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const faults = processFaults.splice(0).map(({ event }) => event);
    expect(faults).toEqual([]);
  });

  describe('extension members that cannot be serialised', () => {
    it('are left out; the rest of the problem is sent', async () => {
      const seen: unknown[] = [];
      const loop = circular({ name: 'loop' });
      const failure = new BadRequestException('Bad input', {
        extensions: {
          kept: 'yes',
          count: 3,
          nested: { list: [1, 2, 3] },
          toJsonThrows: {
            toJSON(): never {
              throw new Error('toJSON failed');
            },
          },
          bigint: 10n,
          circular: loop,
          getterThrows: {
            get value(): never {
              throw new Error('getter failed');
            },
          },
          revoked: revokedProxy(),
          fn: () => 'functions are not JSON',
          sym: Symbol('not JSON'),
        },
      });
      const { base } = await run(
        {
          '/extensions': () => {
            throw failure;
          },
        },
        { onError: (error) => void seen.push(error) },
      );
      const body = expectProblem(await request(`${base}/extensions`), 400);
      expect(body).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Bad input',
        instance: '/extensions',
        kept: 'yes',
        count: 3,
        nested: { list: [1, 2, 3] },
      });
      expect(seen).toEqual([failure]);
      await expectStillServing(base);
    });

    it('an exception whose extensions object cannot even be listed still sends its problem', async () => {
      const { base } = await run({
        '/hostile-extensions': () => {
          const exception = new BadRequestException('Bad input');
          Object.defineProperty(exception, 'extensions', { get: () => hostileProxy() });
          throw exception;
        },
      });
      const body = expectProblem(await request(`${base}/hostile-extensions`), 400);
      expect(body).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Bad input', instance: '/hostile-extensions' });
    });

    it('huge members are cut: the body stays well under 64 KiB', async () => {
      const { base } = await run({
        '/huge': () => {
          throw new HttpException(400, 'x'.repeat(2_000_000), {
            title: 't'.repeat(100_000),
            extensions: { big: 'y'.repeat(1_000_000), many: Array.from({ length: 50_000 }, (_, i) => i), small: 'kept' },
          });
        },
      });
      const response = await request(`${base}/huge`);
      const body = expectProblem(response, 400);
      expect(Buffer.byteLength(response.text)).toBeLessThan(64 * 1024);
      expect(body['small']).toBe('kept');
      expect(body).not.toHaveProperty('big');
      expect(String(body['detail']).length).toBeLessThan(10_000);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile values.
// ---------------------------------------------------------------------------------------------

/** A Proxy whose every trap throws (property reads, prototype, keys, `in`, …). */
function hostileProxy(): object {
  const trap = (): never => {
    throw new Error('hostile proxy; hunter2');
  };
  return new Proxy({}, { get: trap, getPrototypeOf: trap, ownKeys: trap, has: trap, getOwnPropertyDescriptor: trap, set: trap, defineProperty: trap, deleteProperty: trap, apply: trap });
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function circular<T extends object>(value: T): T & { self: unknown } {
  const object = value as T & { self: unknown };
  object.self = object;
  return object;
}

function errorWithThrowingGetters(): Error {
  const error = new Error('hunter2');
  for (const key of ['status', 'statusCode', 'expose', 'message', 'headers', 'stack', 'cause', 'name']) {
    Object.defineProperty(error, key, {
      get(): never {
        throw new Error(`getter ${key}; hunter2`);
      },
    });
  }
  return error;
}

/** Passes the "one of our exceptions" mark (prototype), but every own field throws. */
function fakeException(): object {
  const fake = Object.create(NotFoundException.prototype) as object;
  for (const key of ['status', 'statusCode', 'title', 'type', 'detail', 'instance', 'headers', 'extensions', 'expose', 'message']) {
    Object.defineProperty(fake, key, {
      get(): never {
        throw new Error(`getter ${key}; hunter2`);
      },
    });
  }
  return fake;
}
