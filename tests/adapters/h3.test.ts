import { createServer, type Server } from 'node:http';
import { connect, createServer as createHttp2Server, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import createError from 'http-errors';
import { H3, HTTPError, appendCorsHeaders, fromNodeHandler, readValidatedBody, toNodeHandler, type H3Event } from 'h3';
import { z } from 'zod';
import {
  ForbiddenException,
  HttpException,
  NotFoundException,
  TooManyRequestsException,
  UnauthorizedException,
  UnprocessableEntityException,
  UpgradeRequiredException,
} from '../../src/index.js';
import { problemDetailsOnError, type ProblemDetailsOnErrorOptions } from '../../src/adapters/h3.js';
import { h3HttpErrorProblem, isH3HttpError, unwrapH3Error } from '../../src/adapters/h3-errors.js';
import { foreignExtensions, foreignHeaders } from '../../src/adapters/foreign-error-parts.js';
import { jsonPointerFragment } from '../../src/adapters/validation-path.js';
import { createApp as createExampleApp, createNodeServer as createExampleServer } from '../../examples/h3.js';
import { exampleAppCases } from '../helpers/example-app-cases.js';
import { close, listen, request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

// h3 2 is ESM-only: Jest on Node 20 loads it bundled to CommonJS (tests/helpers/esm-as-commonjs.ts).
jest.mock('h3', () => jest.requireActual<typeof import('../helpers/esm-as-commonjs')>('../helpers/esm-as-commonjs').loadAsCommonJs('h3'));

/** A Standard Schema (zod 4) for `readValidatedBody`. */
const userSchema = z.object({ age: z.number().positive(), tags: z.array(z.string()).optional() });

function routes(app: H3): H3 {
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
  app.post('/invalid', () => {
    throw new UnprocessableEntityException('The user is not valid', { errors: [{ detail: 'must be a positive integer', pointer: '#/age' }] });
  });
  app.get('/unknown', () => {
    throw new Error('connection string postgres://admin:hunter2@db');
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
  app.get('/http-errors', () => {
    throw createError(403, 'No access to project 9');
  });
  app.get('/crlf', () => {
    throw new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
  });
  app.get('/h3-401', () => {
    throw new HTTPError({ status: 401, message: 'Log in first', headers: { 'www-authenticate': 'Basic realm="h3"' } });
  });
  app.get('/h3-status', () => {
    throw HTTPError.status(409);
  });
  app.get('/h3-data', () => {
    throw new HTTPError({ status: 409, message: 'Name taken', data: { name: 'ada' }, body: { code: 'NAME_TAKEN', status: 200, __proto__: { polluted: true } } });
  });
  app.get('/h3-500', () => {
    throw new HTTPError({ status: 503, message: 'Redis at 10.0.0.7 is down', data: { host: '10.0.0.7' }, headers: { 'retry-after': '120' } });
  });
  app.get('/h3-redirect', () => {
    throw HTTPError.status(307, 'Temporary Redirect', { headers: { location: '/elsewhere' } });
  });
  app.post('/validated', async (event) => {
    await readValidatedBody(event, userSchema);
    return { ok: true };
  });
  app.get('/cors', (event) => {
    appendCorsHeaders(event, { origin: '*' });
    event.res.headers.set('x-success-only', 'yes');
    throw new ForbiddenException('No access');
  });
  app.get(
    '/node-middleware',
    fromNodeHandler((_req, _res, next: (error?: Error) => void) => next(new ForbiddenException('No access from Node middleware'))),
  );
  app.get('/cookies', (event) => {
    // Where h3's session helpers put the cookies an error response must still carry.
    event.res.errHeaders.append('set-cookie', 'session=s1; HttpOnly');
    throw new HttpException(400, 'x', { headers: { 'set-cookie': ['a=1; Path=/', 'b=2'] } });
  });
  app.get('/ok', () => ({ ok: true }));
  return app;
}

async function serve(app: H3): Promise<{ server: Server; base: string }> {
  const server = createServer(toNodeHandler(app));
  return { server, base: await listen(server) };
}

describe('typed-http-exceptions/h3 problemDetailsOnError', () => {
  let server: Server;
  let base: string;
  let seen: Array<{ error: unknown; event: H3Event }>;

  beforeAll(async () => {
    seen = [];
    const app = new H3({ silent: true, onError: problemDetailsOnError({ onError: (error, event) => void seen.push({ error, event }) }) });
    ({ server, base } = await serve(routes(app)));
  });
  afterAll(() => close(server));
  beforeEach(() => {
    seen = [];
  });

  test('the installed h3 is version 2', () => {
    const { version } = jest.requireActual<{ version: string }>('h3/package.json');
    expect(version.split('.')[0]).toBe('2');
  });

  describe("h3's own HTTPError", () => {
    test('status, message and headers are kept', async () => {
      const res = await request(`${base}/h3-401`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic realm="h3"');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Log in first', instance: '/h3-401' });
      expect(seen[0]?.error).toBeInstanceOf(HTTPError);
    });

    test("h3's default message (\"HTTPError 409\") is not a detail", async () => {
      const res = await request(`${base}/h3-status`);
      expect(res.status).toBe(409);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Conflict', status: 409, instance: '/h3-status' });
    });

    test('data and body of a 4xx become extension members; standard members and __proto__ are not overwritten', async () => {
      const res = await request(`${base}/h3-data`);
      expect(res.status).toBe(409);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Name taken', instance: '/h3-data', code: 'NAME_TAKEN', data: { name: 'ada' } });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expectValidProblem(res.json);
    });

    test('a 5xx HTTPError shows neither its message nor its data; its headers are kept', async () => {
      const res = await request(`${base}/h3-500`);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('120');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503, instance: '/h3-500' });
      expect(res.text).not.toContain('10.0.0.7');
    });

    test('an HTTPError with a status below 400 is left to h3', async () => {
      const res = await request(`${base}/h3-redirect`);
      expect(res.status).toBe(307);
      expect(res.headers['location']).toBe('/elsewhere');
      expect(res.headers['content-type']).not.toBe('application/problem+json');
    });

    test('an unmatched route is a 404 problem that does not repeat the URL or its query string', async () => {
      const res = await request(`${base}/no/such/route?token=secret`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/no/such/route' });
      expect(res.text).not.toContain('secret');
      expectValidProblem(res.json);
    });

    test('a malformed URL is a 400 problem with a valid instance', async () => {
      const res = await request(`${base}/x/%zz`);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, instance: '/x/%25zz' });
      expectValidProblem(res.json);
    });

    test('a failed readValidatedBody lists each issue in errors, with JSON Pointers', async () => {
      const res = await request(`${base}/validated`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ age: -1, tags: ['a', 7] }),
      });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Validation failed',
        instance: '/validated',
        errors: [
          { detail: expect.any(String), pointer: '#/age' },
          { detail: expect.any(String), pointer: '#/tags/1' },
        ],
      });
      expectValidProblem(res.json);
    });

    test('a body that is not JSON is a 400 problem', async () => {
      const res = await request(`${base}/validated`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Invalid JSON body', instance: '/validated' });
    });
  });

  test("headers h3 keeps for errors (CORS) are sent; headers meant for a success are not, as in h3's own error response", async () => {
    const res = await request(`${base}/cors`);
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-success-only']).toBeUndefined();
  });

  test("the error's set-cookie lines are added to those h3 kept, each on its own line", async () => {
    const res = await request(`${base}/cookies`);
    expect(res.status).toBe(400);
    expect(res.headers['set-cookie']).toEqual(['session=s1; HttpOnly', 'a=1; Path=/', 'b=2']);
  });

  test('an error a Node middleware passes to next() keeps its status', async () => {
    const res = await request(`${base}/node-middleware`);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ status: 403, detail: 'No access from Node middleware' });
    expect(seen[0]?.error).toBeInstanceOf(ForbiddenException);
  });

  test('onError sees the exception the handler threw (not the HTTPError wrapper) and the event', async () => {
    await request(`${base}/unknown?page=2`);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.error).toBeInstanceOf(Error);
    expect(seen[0]?.error).not.toBeInstanceOf(HTTPError);
    expect((seen[0]?.error as Error).message).toContain('hunter2');
    expect(seen[0]?.event.url.pathname).toBe('/unknown');
    await request(`${base}/sync`);
    expect(seen[1]?.error).toBeInstanceOf(NotFoundException);
  });

  test('a successful route is untouched', async () => {
    const res = await request(`${base}/ok`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    expect(seen).toEqual([]);
  });
});

describe('problemDetailsOnError options', () => {
  async function withApp(options: ProblemDetailsOnErrorOptions | undefined, handler: (event: H3Event) => unknown, run: (base: string) => Promise<void>): Promise<void> {
    const app = new H3({ silent: true, onError: problemDetailsOnError(options) });
    app.all('/**', handler);
    const { server, base } = await serve(app);
    try {
      await run(base);
    } finally {
      await close(server);
    }
  }

  test('without options, instance is percent-encoded into a valid URI reference', async () => {
    await withApp(
      undefined,
      () => {
        throw new NotFoundException('x');
      },
      async (base) => {
        const res = await request(`${base}/a%20b`);
        expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x', instance: '/a%20b' });
        expectValidProblem(res.json);
      },
    );
  });

  test('mapError maps a foreign error first', async () => {
    class ValidationFailure extends Error {}
    await withApp(
      { mapError: (error) => (error instanceof ValidationFailure ? new UnprocessableEntityException(error.message) : undefined) },
      () => {
        throw new ValidationFailure('age must be positive');
      },
      async (base) => {
        const res = await request(`${base}/people`, { method: 'POST', body: '{}' });
        expect(res.status).toBe(422);
        expect(res.json).toMatchObject({ status: 422, detail: 'age must be positive', instance: '/people' });
      },
    );
  });

  test('mapError also sees h3 HTTPErrors before the built-in translation', async () => {
    await withApp(
      { mapError: (error) => (error instanceof HTTPError && error.status === 404 ? new NotFoundException('Nothing here') : undefined) },
      () => {
        throw HTTPError.status(404);
      },
      async (base) => {
        const res = await request(`${base}/x`);
        expect(res.json).toMatchObject({ status: 404, detail: 'Nothing here' });
      },
    );
  });

  test('works through app.fetch without a Node server (web Request in, Response out)', async () => {
    const app = new H3({ silent: true, onError: problemDetailsOnError() });
    app.get('/x', () => {
      throw new TooManyRequestsException('Slow down', { retryAfter: 5 });
    });
    const res = await app.fetch(new Request('http://localhost/x?q=1'));
    expect(res.status).toBe(429);
    expect(res.statusText).toBe('Too Many Requests');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', instance: '/x' });
  });
});

describe('over HTTP/2', () => {
  test('connection-specific headers such as Upgrade are never sent (Node would throw and srvx crash the process)', async () => {
    const app = new H3({ silent: true, onError: problemDetailsOnError() });
    app.all('/**', () => {
      throw new UpgradeRequiredException('Use TLS', { upgrade: 'TLS/1.3', headers: { connection: 'close', 'x-kept': 'yes' } });
    });
    const server: Http2Server = createHttp2Server(toNodeHandler(app));
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
      const head = await h2request('HEAD');
      expect(head.headers[':status']).toBe(426);
      expect(head.headers['content-length']).toBe(String(Buffer.byteLength(body)));
      expect(head.body).toBe('');
    } finally {
      client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('without problemDetailsOnError: h3 2 on its own', () => {
  test("h3 answers our exception with its own JSON (not problem+json), keeping status and headers but calling it unhandled", async () => {
    const app = new H3({ silent: true });
    app.get('/x', () => {
      throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
    });
    const res = await app.fetch(new Request('http://localhost/x'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await res.json()).toMatchObject({ status: 429, unhandled: true, message: 'HTTPError' });
  });
});

describe('h3-errors: the translation of HTTPError, without a server', () => {
  test('isH3HttpError: h3 HTTPErrors only, not other errors named HTTPError (ky, got) nor look-alike objects', () => {
    expect(isH3HttpError(new HTTPError({ status: 404 }))).toBe(true);
    expect(isH3HttpError(Object.assign(new Error('x'), { name: 'HTTPError', response: { status: 404 } }))).toBe(false);
    expect(isH3HttpError({ name: 'HTTPError', status: 404, message: 'x' })).toBe(false);
    expect(isH3HttpError(new NotFoundException())).toBe(false);
    expect(isH3HttpError(null)).toBe(false);
  });

  /** What h3 hands to onError for a thrown Error that is not an HTTPError (its prepareResponse). */
  function wrapped(error: Error): HTTPError {
    const wrapper = new HTTPError(error);
    (wrapper as { unhandled: boolean | undefined }).unhandled = true;
    return wrapper;
  }

  test('unwrapH3Error takes back what was thrown; HTTPErrors the app or h3 made stay as they are', () => {
    const thrown = new NotFoundException('x');
    expect(unwrapH3Error(wrapped(thrown))).toBe(thrown);
    const fromNode = new HTTPError({ cause: thrown, unhandled: true });
    expect(unwrapH3Error(fromNode)).toBe(thrown);
    const made = new HTTPError({ status: 401, message: 'Log in' });
    expect(unwrapH3Error(made)).toBe(made);
    expect(unwrapH3Error('plain')).toBe('plain');
  });

  test('h3HttpErrorProblem: status, detail and headers of an HTTPError', () => {
    const problem = h3HttpErrorProblem(new HTTPError({ status: 404, message: 'No user 42', headers: [['x-a', '1'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']] }));
    expect(problem).toBeInstanceOf(NotFoundException);
    expect(problem?.detail).toBe('No user 42');
    expect(problem?.headers).toEqual({ 'x-a': '1', 'set-cookie': ['a=1', 'b=2'] });
    // The reason phrase as message, or h3's default one, is no detail; a custom status text is.
    expect(h3HttpErrorProblem(HTTPError.status(404, 'Not Found'))?.detail).toBeUndefined();
    expect(h3HttpErrorProblem(HTTPError.status(404))?.detail).toBeUndefined();
    expect(h3HttpErrorProblem(HTTPError.status(418, 'Short and stout'))?.detail).toBe('Short and stout');
    expect(h3HttpErrorProblem(new HTTPError({ status: 404, message: 'Cannot find any route matching [GET] http://h/x?token=1' }))?.detail).toBeUndefined();
  });

  test('h3HttpErrorProblem leaves alone: wrappers of thrown values, statuses below 400, non-HTTPErrors, unreadable errors', () => {
    expect(h3HttpErrorProblem(wrapped(new Error('x')))).toBeUndefined();
    expect(h3HttpErrorProblem(HTTPError.status(304))).toBeUndefined();
    expect(h3HttpErrorProblem(new Error('x'))).toBeUndefined();
    const hostile = new HTTPError({ status: 400, message: 'x' });
    Object.defineProperty(hostile, 'data', {
      get() {
        throw new Error('getter');
      },
    });
    expect(() => h3HttpErrorProblem(hostile)).not.toThrow();
  });

  test('validation issues become errors with JSON Pointers; other 400s with data keep it as an extension', () => {
    const issues = [
      { message: 'Required', path: [{ key: 'items' }, 0, 'a/b~c'] },
      { message: '', path: [] },
      { message: 'Bad symbol path', path: ['x', Symbol('s'), 'y'] },
    ];
    const validation = h3HttpErrorProblem(new HTTPError({ status: 400, message: 'Validation failed', data: { issues, message: 'Validation failed' } }));
    expect(validation?.extensions).toEqual({
      errors: [
        { detail: 'Required', pointer: '#/items/0/a~1b~0c' },
        { detail: 'is invalid', pointer: '#' },
        { detail: 'Bad symbol path', pointer: '#/x' },
      ],
    });
    const other = h3HttpErrorProblem(new HTTPError({ status: 400, message: 'Bad', data: { field: 'x' } }));
    expect(other?.extensions).toEqual({ data: { field: 'x' } });
  });

  test('jsonPointerFragment escapes and percent-encodes (RFC 6901 section 6)', () => {
    expect(jsonPointerFragment(['a b', 'ü', '%'])).toBe('#/a%20b/%C3%BC/%25');
    expect(jsonPointerFragment('not an array')).toBe('#');
    expect(jsonPointerFragment(Array.from({ length: 100 }, () => 'a'))).toBe('#' + '/a'.repeat(32));
  });

  test('foreignHeaders keeps strings, numbers and string arrays; foreignExtensions skips the standard members', () => {
    expect(foreignHeaders({ a: 'x', b: 2, c: ['1', 2, '3'], d: { no: true }, e: undefined })).toEqual({ a: 'x', b: '2', c: ['1', '3'] });
    expect(foreignHeaders(JSON.parse('{"__proto__": "x"}'))).toBeUndefined();
    expect(foreignExtensions({ type: 'x', title: 'x', status: 1, detail: 'x', instance: 'x', code: 'C', data: 1 }, new Set(['data']))).toEqual({ code: 'C' });
    expect(foreignExtensions(['a'])).toBeUndefined();
  });
});

describe('examples/h3.ts', () => {
  const example = exampleAppCases({
    start: async () => {
      const server = createExampleServer(createExampleApp());
      return { base: await listen(server), close: () => close(server) };
    },
    boomLog: () => 'GET /boom',
    boomLogCalls: 1,
  });

  test("h3's HTTPError: 401 with WWW-Authenticate", async () => {
    const res = await request(`${example.base()}/admin`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="admin"');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Log in first', instance: '/admin' });
  });
});
