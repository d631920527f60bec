/**
 * Errors from `typed-http-exceptions/http-errors` through real servers: this library's Express 5
 * and Koa 3 adapters send them as the problem details of our exceptions, and Express's and
 * Koa's own default error handling treats them exactly as it treats real http-errors errors.
 */
import { type HttpErrorsLike, realCreateError } from './helpers/observe.js';
import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
import Koa from 'koa';
import { problemDetailsHandler } from 'typed-http-exceptions/express';
import { problemDetailsMiddleware } from 'typed-http-exceptions/koa';
import ourCreateErrorTyped from '../../src/http-errors/index.js';
import { close, listen, request, type TestResponse } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

const ours = ourCreateErrorTyped as unknown as HttpErrorsLike;
const real = realCreateError;

type Args = (lib: HttpErrorsLike) => unknown[];

/** Each case: how to call createError, and the problem response our adapters must send for it. */
interface Case {
  readonly label: string;
  readonly args: Args;
  readonly status: number;
  readonly problem: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

const cases: Case[] = [
  { label: 'createError(404)', args: () => [404], status: 404, problem: { title: 'Not Found' } },
  { label: 'createError(404, message)', args: () => [404, 'No user 42'], status: 404, problem: { title: 'Not Found', detail: 'No user 42' } },
  { label: 'createError(500, secret)', args: () => [500, 'database password is hunter2'], status: 500, problem: { title: 'Internal Server Error' } },
  {
    label: 'createError(500, message, { expose: true })',
    args: () => [500, 'try again at noon', { expose: true }],
    status: 500,
    problem: { title: 'Internal Server Error', detail: 'try again at noon' },
  },
  { label: 'createError(404, message, { expose: false })', args: () => [404, '/srv/data/x missing', { expose: false }], status: 404, problem: { title: 'Not Found' } },
  {
    label: 'createError(401, message, { headers })',
    args: () => [401, 'Who are you?', { headers: { 'WWW-Authenticate': 'Basic realm="api"' } }],
    status: 401,
    problem: { title: 'Unauthorized', detail: 'Who are you?' },
    headers: { 'www-authenticate': 'Basic realm="api"' },
  },
  {
    label: 'createError(503, { headers: Retry-After })',
    args: () => [503, { headers: { 'Retry-After': '120' } }],
    status: 503,
    problem: { title: 'Service Unavailable' },
    headers: { 'retry-after': '120' },
  },
  { label: 'new createError.Conflict(message)', args: (lib) => [new (lib['Conflict'] as new (m: string) => Error)('Order 7 shipped')], status: 409, problem: { title: 'Conflict', detail: 'Order 7 shipped' } },
  { label: 'createError(413) (renamed code)', args: () => [413], status: 413, problem: { title: 'Content Too Large' } },
  { label: 'createError(499) (borrowed constructor)', args: () => [499, 'gone'], status: 499, problem: { title: 'Client Closed Request', detail: 'gone' } },
  { label: 'createError(message)', args: () => ['boom'], status: 500, problem: { title: 'Internal Server Error' } },
  { label: 'createError(200) (a plain Error)', args: () => [200, 'odd'], status: 500, problem: { title: 'Internal Server Error' } },
  { label: 'createError(existing Error)', args: () => [new Error('ECONNREFUSED 10.0.0.1')], status: 500, problem: { title: 'Internal Server Error' } },
  { label: 'createError(404, existing Error)', args: () => [404, new Error('No such order')], status: 404, problem: { title: 'Not Found', detail: 'No such order' } },
];

/** Routes /case/0 … that throw the case's error made by `lib`, synchronously or after an await. */
function throwingRoute(lib: HttpErrorsLike, index: string): never {
  const found = cases[Number(index)];
  if (found === undefined) throw new Error(`no case ${index}`);
  throw lib(...found.args(lib));
}

async function withServer(server: Server, body: (base: string) => Promise<void>): Promise<void> {
  const base = await listen(server);
  try {
    await body(base);
  } finally {
    await close(server);
  }
}

function expressApp(lib: HttpErrorsLike, withAdapter: boolean, env = 'test'): Express {
  const app = express();
  app.set('env', env);
  app.get('/case/:index', (req) => throwingRoute(lib, req.params['index'] as string));
  app.get('/async/:index', async (req) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    throwingRoute(lib, req.params['index'] as string);
  });
  if (withAdapter) app.use(problemDetailsHandler());
  return app;
}

function koaApp(lib: HttpErrorsLike, withAdapter: boolean): Koa {
  const app = new Koa();
  app.silent = true;
  if (withAdapter) app.use(problemDetailsMiddleware());
  app.use(async (ctx) => {
    const match = /^\/(case|async)\/(\d+)$/.exec(ctx.path);
    if (match === null) return;
    if (match[1] === 'async') await new Promise((resolve) => setTimeout(resolve, 1));
    throwingRoute(lib, match[2] as string);
  });
  return app;
}

function expectProblem(response: TestResponse, expected: Case, path: string): void {
  expect(response.status).toBe(expected.status);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.json).toEqual({ type: 'about:blank', status: expected.status, instance: path, ...expected.problem });
  expectValidProblem(response.json);
  for (const [name, value] of Object.entries(expected.headers ?? {})) expect(response.headers[name]).toBe(value);
}

/** What a client sees of a framework's own answer, with stack frames (paths and line numbers) cut. */
function visible(response: TestResponse): Record<string, unknown> {
  const { date: _date, etag: _etag, ...headers } = response.headers;
  void _date;
  void _etag;
  return { status: response.status, headers, body: response.text.replace(/(<br>|\n)\s*(&nbsp;|\s)*at [\s\S]*?(?=<\/pre>|$)/, ' [stack]') };
}

const indexes = cases.map((entry, index) => [entry.label, String(index)] as const);

describe('our adapters send createError errors as problem details', () => {
  test.each(indexes)('Express 5, problemDetailsHandler: %s', async (_label, index) => {
    await withServer(createServer(expressApp(ours, true)), async (base) => {
      for (const route of ['case', 'async']) {
        const path = `/${route}/${index}`;
        expectProblem(await request(base + path), cases[Number(index)] as Case, path);
      }
    });
  });

  test.each(indexes)('Koa 3, problemDetailsMiddleware: %s', async (_label, index) => {
    await withServer(createServer(koaApp(ours, true).callback()), async (base) => {
      for (const route of ['case', 'async']) {
        const path = `/${route}/${index}`;
        expectProblem(await request(base + path), cases[Number(index)] as Case, path);
      }
    });
  });

  test('the same errors from the real http-errors get the same status and detail (our adapters read the convention)', async () => {
    await withServer(createServer(expressApp(real, true)), async (base) => {
      for (const [index, entry] of cases.entries()) {
        const response = await request(`${base}/case/${index}`);
        // The core drops a foreign message only when it repeats the current phrase, and http-errors' 413
        // message is the former one ("Payload Too Large"): a real http-errors 413 gets it as its detail.
        const detail = entry.label.includes('413') ? 'Payload Too Large' : entry.problem['detail'];
        expect([entry.label, response.status, (response.json as { detail?: unknown }).detail]).toEqual([entry.label, entry.status, detail]);
      }
    });
  });
});

describe("the frameworks' own error handling treats them as real http-errors errors", () => {
  async function answers(
    makeServer: (lib: HttpErrorsLike) => Server,
    path: string,
    settled?: (count: number) => Promise<void>,
  ): Promise<[Record<string, unknown>, Record<string, unknown>]> {
    const results: Array<Record<string, unknown>> = [];
    for (const lib of [ours, real]) {
      await withServer(makeServer(lib), async (base) => {
        results.push(visible(await request(base + path)));
        await settled?.(results.length);
      });
    }
    return results as [Record<string, unknown>, Record<string, unknown>];
  }

  test.each(indexes)("Express 5's default handler (development, stack shown): %s", async (_label, index) => {
    const [actual, expected] = await answers((lib) => createServer(expressApp(lib, false)), `/case/${index}`);
    expect(actual).toEqual(expected);
  });

  test.each(indexes)("Express 5's default handler (production): %s", async (_label, index) => {
    // In production Express logs each error with console.error; both libraries' logs are compared too.
    const logged: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: unknown) => {
      logged.push(String(line).split('\n')[0] ?? '');
    });
    try {
      // Express logs after the response is sent: wait for each line before the next request.
      const settled = async (count: number) => {
        for (let i = 0; i < 100 && logged.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      };
      const [actual, expected] = await answers((lib) => createServer(expressApp(lib, false, 'production')), `/async/${index}`, settled);
      expect(actual).toEqual(expected);
      expect(logged).toHaveLength(2);
      expect(logged[0]).toBe(logged[1]);
    } finally {
      spy.mockRestore();
    }
  });

  test.each(indexes)("Koa 3's default handler: %s", async (_label, index) => {
    const [actual, expected] = await answers((lib) => createServer(koaApp(lib, false).callback()), `/case/${index}`);
    expect(actual).toEqual(expected);
  });

  test('the comparison sees a difference where there is one', async () => {
    const [withOurs] = await answers((lib) => createServer(koaApp(lib, false).callback()), '/case/1');
    const [withOther] = await answers((lib) => createServer(koaApp(lib, false).callback()), '/case/0');
    expect(withOurs).not.toEqual(withOther);
  });
});
