import type { Server } from 'node:http';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { HTTPException } from 'hono/http-exception';
import { BadRequestException, HttpException, NotFoundException } from '../../src/index.js';
import { toFetchResponse, type ToFetchResponseOptions } from '../../src/adapters/fetch.js';
import { createApp as createExampleApp, createNodeServer as createExampleServer } from '../../examples/hono.js';
import { exampleAppCases } from '../helpers/example-app-cases.js';
import { close, listen, request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

// What every adapter shares (statuses, thrown values, header policy, HEAD, onError, mapError,
// options) runs in tests/conformance/ against a plain fetch handler and against Hono.

describe('typed-http-exceptions/fetch toFetchResponse: the Response itself', () => {
  const get = (path: string, method = 'GET') => new Request(`http://example.com${path}`, { method });

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

  test('onError gets the very Request object that was passed', () => {
    const seen: Array<{ error: unknown; request: Request | undefined }> = [];
    const original = new Error('connection string postgres://admin:hunter2@db');
    const req = get('/unknown?page=2');
    toFetchResponse(original, { request: req, onError: (error, request) => void seen.push({ error, request }) });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.error).toBe(original);
    expect(seen[0]?.request).toBe(req);
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

describe("toFetchResponse in a Hono app: what is Hono's own", () => {
  const seen: unknown[] = [];
  let server: Server;
  let base: string;

  function buildApp(): Hono {
    const app = new Hono();
    const options: ToFetchResponseOptions = { onError: (error) => void seen.push(error) };
    app.get('/string', () => {
      throw 'just a string';
    });
    app.get('/hono-exception', () => {
      throw new HTTPException(403, { message: 'No access to project 9' });
    });
    app.get('/header-then-throw', (c) => {
      c.header('access-control-allow-origin', '*');
      c.header('x-request-id', 'abc');
      throw new BadRequestException('Missing field');
    });
    app.use('/bearer/*', bearerAuth({ token: 'secret-token' }));
    app.get('/bearer/me', (c) => c.json({ ok: true }));
    app.get('/ok', (c) => c.json({ ok: true }));
    app.onError((error, c) => toFetchResponse(error, { ...options, request: c.req.raw }));
    app.notFound((c) => toFetchResponse(new NotFoundException(`No route for ${c.req.path}`), { request: c.req.raw }));
    return app;
  }

  beforeAll(async () => {
    server = createExampleServer(buildApp());
    base = await listen(server);
  });
  afterAll(() => close(server));
  beforeEach(() => {
    seen.length = 0;
  });

  test('Hono hands a thrown value that is not an Error back to the caller of app.fetch (even synchronously), instead of calling onError', () => {
    const app = buildApp();
    expect(() => app.fetch(new Request('http://x/string'))).toThrow('just a string');
    expect(seen).toEqual([]);
  });

  test("Hono's own HTTPException keeps its status and message", async () => {
    const res = await request(`${base}/hono-exception`);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'No access to project 9', instance: '/hono-exception' });
    expectValidProblem(res.json);
  });

  test("Hono's bearerAuth: a 401 problem that keeps the WWW-Authenticate Hono put on HTTPException.res", async () => {
    const res = await request(`${base}/bearer/me`);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, instance: '/bearer/me' });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="/);
    expect((await request(`${base}/bearer/me`, { headers: { authorization: 'Bearer secret-token' } })).json).toEqual({ ok: true });
  });

  test('Hono sends the Response app.onError returns as it is: headers set with c.header() before the error are not on it', async () => {
    // Why the conformance driver for Hono declares presetHeaders: false.
    const res = await request(`${base}/header-then-throw`);
    expect(res.status).toBe(400);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-request-id']).toBeUndefined();
    expect(res.json).toMatchObject({ status: 400, detail: 'Missing field' });
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
    const server = createExampleServer(app);
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
});

describe('examples/hono.ts', () => {
  const example = exampleAppCases({
    start: async () => {
      const server = createExampleServer();
      return { base: await listen(server), close: () => close(server) };
    },
    boomLog: (base) => `GET ${base}/boom`,
    unknownPathDetail: 'No route for /nowhere',
  });

  test('the app alone answers through fetch, without any server', async () => {
    const response = await createExampleApp().request('/users/7');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ detail: 'No user 7', instance: '/users/7' });
  });

  test('HEAD of an unknown path: the Content-Length of the GET, no body', async () => {
    const res = await request(`${example.base()}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for /nowhere', instance: '/nowhere' });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    const head = await request(`${example.base()}/nowhere`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expect(head.text).toBe('');
  });
});
