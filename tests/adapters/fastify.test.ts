import { connect } from 'node:http2';
import type { AddressInfo } from 'node:net';
import fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import createError from 'http-errors';
import { BadRequestException, HttpException, NotFoundException, TooManyRequestsException, UnauthorizedException, UpgradeRequiredException } from '../../src/index.js';
import { problemDetailsErrorHandler, type ProblemDetailsErrorHandlerOptions } from '../../src/adapters/fastify.js';
import { createApp } from '../../examples/fastify.js';
import { start, stop } from '../helpers/fastify-server.js';
import { request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';


const json = { 'content-type': 'application/json' };

/** The routes the main suite runs against, each failing in one way. */
function buildApp(options?: ProblemDetailsErrorHandlerOptions): FastifyInstance {
  const app = fastify();
  app.setErrorHandler(problemDetailsErrorHandler(options));
  app.setNotFoundHandler((request) => {
    throw new NotFoundException(`No route for ${request.method} ${request.url.split('?')[0]}`);
  });
  // Proves the problem goes through Fastify's reply: hooks still run on it.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-on-send', 'ran');
    return payload;
  });

  app.get('/sync', () => {
    throw new NotFoundException('No user 42');
  });
  app.get('/async', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    throw new NotFoundException('No order 7');
  });
  app.get('/rate-limited', async () => {
    throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
  });
  // Errors from hooks reach the error handler too (a typical auth check).
  app.get('/auth', {
    preHandler: async () => {
      throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' });
    },
    handler: async () => 'secret',
  });
  app.get('/unknown', async () => {
    throw new Error('connection string postgres://admin:hunter2@db');
  });
  app.get('/null', () => {
    throw null;
  });
  app.get('/string', async () => {
    throw 'just a string';
  });
  app.get('/object', () => {
    throw { status: 404, message: 'plain object, not an error' };
  });
  app.get('/crlf', () => {
    throw new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
  });
  app.get('/http-errors', async () => {
    throw createError(403, 'No access to project 9');
  });
  app.get('/stale-headers', async (_request, reply) => {
    reply.header('etag', '"v1"').header('content-encoding', 'gzip').header('access-control-allow-origin', '*');
    throw new NotFoundException('Gone meanwhile');
  });
  app.get('/sent', (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/plain' });
    reply.raw.write('partial');
    throw new Error('failed half way');
  });
  app.get('/sent-async', async (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/plain' });
    reply.raw.write('partial');
    throw new Error('failed half way');
  });
  // reply.send() is not finished when the throw comes (the async onSend hook above is still
  // pending), so Fastify calls the error handler for a reply that looks unsent.
  app.get('/send-then-throw', (_request, reply) => {
    reply.send('ok');
    throw new Error('after send');
  });
  app.get('/upgrade', async () => {
    throw new UpgradeRequiredException('Use TLS', { upgrade: 'TLS/1.3' });
  });
  return app;
}

describe('typed-http-exceptions/fastify problemDetailsErrorHandler', () => {
  const seen: Array<{ error: unknown; request: FastifyRequest }> = [];
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = buildApp({ onError: (error, request) => void seen.push({ error, request }) });
    base = await start(app);
  });
  afterAll(() => stop(app));

  test('a typed exception thrown synchronously becomes its problem response', async () => {
    const res = await request(`${base}/sync?token=secret`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/sync' });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expectValidProblem(res.json);
  });

  test('a typed exception from an async handler', async () => {
    const res = await request(`${base}/async`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No order 7', instance: '/async' });
    expectValidProblem(res.json);
  });

  test("the response goes through Fastify's reply: onSend hooks run on it", async () => {
    const res = await request(`${base}/sync`);
    expect(res.headers['x-on-send']).toBe('ran');
  });

  test('429 carries Retry-After', async () => {
    const res = await request(`${base}/rate-limited`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', instance: '/rate-limited' });
    expectValidProblem(res.json);
  });

  test('401 from a preHandler hook carries WWW-Authenticate', async () => {
    const res = await request(`${base}/auth`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Token expired', instance: '/auth' });
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
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: path });
    expectValidProblem(res.json);
  });

  test('a header value with CR/LF is not sent and the server keeps serving', async () => {
    const res = await request(`${base}/crlf`);
    expect(res.status).toBe(400);
    expect(res.headers['x-evil']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-good']).toBe('fine');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'bad header', instance: '/crlf' });
    expectValidProblem(res.json);
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('http-errors errors keep their status and exposed message', async () => {
    const res = await request(`${base}/http-errors`);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'No access to project 9', instance: '/http-errors' });
    expectValidProblem(res.json);
  });

  test('headers describing the intended body are dropped; others (CORS) are kept', async () => {
    const res = await request(`${base}/stale-headers`);
    expect(res.status).toBe(404);
    expect(res.headers['etag']).toBeUndefined();
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.json).toMatchObject({ status: 404, detail: 'Gone meanwhile' });
    expectValidProblem(res.json);
  });

  test('an unmatched route gets a problem+json 404 from the throwing not-found handler', async () => {
    const res = await request(`${base}/no/such/route?x=1`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for GET /no/such/route', instance: '/no/such/route' });
    expectValidProblem(res.json);
  });

  test('HEAD on the HEAD route Fastify adds for a GET route: status and headers, no body', async () => {
    const get = await request(`${base}/sync`);
    const res = await request(`${base}/sync`, { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(get.text)));
    expect(res.text).toBe('');
  });

  test('HEAD on an unmatched route and with a non-error thrown: status and headers, no body', async () => {
    for (const path of ['/no/such/route', '/null']) {
      const res = await request(`${base}${path}`, { method: 'HEAD' });
      expect(res.status).toBe(path === '/null' ? 500 : 404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
      expect(res.text).toBe('');
    }
  });

  test('onError sees the original error and the Fastify request', async () => {
    seen.length = 0;
    await request(`${base}/unknown?page=2`);
    expect(seen).toHaveLength(1);
    expect((seen[0]?.error as Error).message).toContain('hunter2');
    expect(seen[0]?.request.url).toBe('/unknown?page=2');
    expect(seen[0]?.request.method).toBe('GET');
    expect(typeof seen[0]?.request.id).toBe('string');
  });

  test.each(['/sent', '/sent-async'])('a response already started (%s) is not written twice: the connection is closed, the server keeps serving', async (path) => {
    seen.length = 0;
    await expect(request(`${base}${path}`, { timeoutMs: 2000 })).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    expect(seen).toHaveLength(1);
    expect((seen[0]?.error as Error).message).toBe('failed half way');
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('reply.send() then throw while an async onSend hook is pending: no crash, no hang, the server keeps serving', async () => {
    // Fastify's own race (its default handler does the same): whichever send finishes first wins.
    const res = await request(`${base}/send-then-throw`);
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect((await request(`${base}/sync`)).status).toBe(404);
  });

  test('reply.send() then throw with no pending hook: Fastify never calls the error handler, the client keeps its 200', async () => {
    const plain = fastify();
    const errors: unknown[] = [];
    plain.setErrorHandler(problemDetailsErrorHandler({ onError: (error) => void errors.push(error) }));
    plain.get('/x', (_request, reply) => {
      reply.send('ok');
      throw new Error('after send');
    });
    const url = await start(plain);
    try {
      const res = await request(`${url}/x`);
      expect(res.status).toBe(200);
      expect(res.text).toBe('ok');
      expect(errors).toEqual([]);
    } finally {
      await stop(plain);
    }
  });

  test('426 sends Upgrade on HTTP/1.1', async () => {
    const res = await request(`${base}/upgrade`);
    expect(res.status).toBe(426);
    expect(res.headers['upgrade']).toBe('TLS/1.3');
    expectValidProblem(res.json);
  });
});

describe('schema validation errors', () => {
  let app: FastifyInstance;
  let base: string;
  const person = {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 }, 'a/b~c d': { type: 'string' } },
  } as const;

  beforeAll(async () => {
    app = fastify();
    app.setErrorHandler(problemDetailsErrorHandler());
    app.post('/people', { schema: { body: person } }, async () => 'ok');
    app.get('/search', { schema: { querystring: { type: 'object', required: ['q'], properties: { q: { type: 'string' }, limit: { type: 'integer', maximum: 10 } } } } }, async () => 'ok');
    app.get('/people/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer' } } } } }, async () => 'ok');
    app.get('/keys', { schema: { headers: { type: 'object', required: ['x-api-key'], properties: { 'x-api-key': { type: 'string', minLength: 5 } } } } }, async () => 'ok');
    base = await start(app);
  });
  afterAll(() => stop(app));

  test('a body member that fails its schema: 400 with a JSON Pointer to it', async () => {
    const res = await request(`${base}/people`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Ada', age: -1 }) });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request body is invalid',
      instance: '/people',
      errors: [{ detail: 'must be >= 0', pointer: '#/age' }],
    });
    expectValidProblem(res.json);
  });

  test('a missing required body member: the pointer names the member itself', async () => {
    const res = await request(`${base}/people`, { method: 'POST', headers: json, body: JSON.stringify({ age: 3 }) });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ detail: 'The request body is invalid', errors: [{ detail: "must have required property 'name'", pointer: '#/name' }] });
    expectValidProblem(res.json);
  });

  test('a member name with "/", "~" and a space: escaped per RFC 6901, percent-encoded as a URI fragment', async () => {
    const res = await request(`${base}/people`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Ada', 'a/b~c d': {} }) });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errors: [{ detail: 'must be string', pointer: '#/a~1b~0c%20d' }] });
    expectValidProblem(res.json);
  });

  test('query string: each failure names its parameter', async () => {
    const bad = await request(`${base}/search?q=x&limit=50`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The query string is invalid',
      instance: '/search',
      errors: [{ detail: 'must be <= 10', parameter: 'limit' }],
    });
    expectValidProblem(bad.json);
    const missing = await request(`${base}/search`);
    expect(missing.json).toMatchObject({ errors: [{ detail: "must have required property 'q'", parameter: 'q' }] });
  });

  test('path parameters: each failure names its parameter', async () => {
    const res = await request(`${base}/people/abc`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ detail: 'The path parameters are invalid', errors: [{ detail: 'must be integer', parameter: 'id' }] });
    expectValidProblem(res.json);
  });

  test('headers: each failure names its header', async () => {
    const short = await request(`${base}/keys`, { headers: { 'x-api-key': 'ab' } });
    expect(short.status).toBe(400);
    expect(short.json).toMatchObject({ detail: 'The request headers are invalid', errors: [{ detail: 'must NOT have fewer than 5 characters', header: 'x-api-key' }] });
    expectValidProblem(short.json);
    const missing = await request(`${base}/keys`);
    expect(missing.json).toMatchObject({ errors: [{ detail: "must have required property 'x-api-key'", header: 'x-api-key' }] });
  });

  test('with Ajv allErrors every failure is listed', async () => {
    const all = fastify({ ajv: { customOptions: { allErrors: true } } });
    all.setErrorHandler(problemDetailsErrorHandler());
    all.post('/people', { schema: { body: person } }, async () => 'ok');
    const url = await start(all);
    try {
      const res = await request(`${url}/people`, { method: 'POST', headers: json, body: JSON.stringify({ age: -1 }) });
      expect(res.status).toBe(400);
      expect((res.json as { errors: unknown[] }).errors).toEqual(
        expect.arrayContaining([
          { detail: "must have required property 'name'", pointer: '#/name' },
          { detail: 'must be >= 0', pointer: '#/age' },
        ]),
      );
      expect((res.json as { errors: unknown[] }).errors).toHaveLength(2);
      expectValidProblem(res.json);
    } finally {
      await stop(all);
    }
  });

  test("the user's mapError runs first; when it returns undefined the built-in mapping applies", async () => {
    const mapped = fastify();
    mapped.setErrorHandler(
      problemDetailsErrorHandler({
        mapError: (error) => ((error as { validationContext?: unknown }).validationContext === 'querystring' ? new BadRequestException('Bad search') : undefined),
      }),
    );
    mapped.get('/search', { schema: { querystring: { type: 'object', required: ['q'] } } }, async () => 'ok');
    mapped.post('/people', { schema: { body: person } }, async () => 'ok');
    const url = await start(mapped);
    try {
      const search = await request(`${url}/search`);
      expect(search.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Bad search', instance: '/search' });
      const body = await request(`${url}/people`, { method: 'POST', headers: json, body: '{}' });
      expect(body.json).toMatchObject({ detail: 'The request body is invalid', errors: [{ pointer: '#/name' }] });
    } finally {
      await stop(mapped);
    }
  });
});

describe("Fastify's own errors keep their status", () => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = fastify({ bodyLimit: 64 });
    app.setErrorHandler(problemDetailsErrorHandler());
    app.post('/echo', async (request) => request.body);
    base = await start(app);
  });
  afterAll(() => stop(app));

  test('an unsupported content type is a 415', async () => {
    const res = await request(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<a/>' });
    expect(res.status).toBe(415);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Unsupported Media Type', status: 415, instance: '/echo' });
    expectValidProblem(res.json);
  });

  test('a body over bodyLimit is a 413', async () => {
    const res = await request(`${base}/echo`, { method: 'POST', headers: json, body: JSON.stringify({ text: 'x'.repeat(500) }) });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Content Too Large', status: 413, detail: 'Request body is too large', instance: '/echo' });
    expectValidProblem(res.json);
  });

  test('malformed JSON is a 400', async () => {
    const res = await request(`${base}/echo`, { method: 'POST', headers: json, body: '{"name":' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: "Body is not valid JSON but content-type is set to 'application/json'",
      instance: '/echo',
    });
    expectValidProblem(res.json);
  });

  test('without setNotFoundHandler, Fastify answers unmatched routes itself (not through the error handler)', async () => {
    const res = await request(`${base}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});

describe('problemDetailsErrorHandler options', () => {
  async function withApp(options: ProblemDetailsErrorHandlerOptions, thrown: () => unknown, run: (base: string) => Promise<void>): Promise<void> {
    const app = fastify();
    app.setErrorHandler(problemDetailsErrorHandler(options));
    app.get('/x', async () => {
      throw thrown();
    });
    const base = await start(app);
    try {
      await run(base);
    } finally {
      await stop(app);
    }
  }

  test('mapError maps a foreign error first', async () => {
    class ValidationFailure extends Error {}
    const options: ProblemDetailsErrorHandlerOptions = {
      mapError: (error) => (error instanceof ValidationFailure ? new BadRequestException(error.message, { errors: [{ detail: error.message, pointer: '#/age' }] }) : undefined),
    };
    await withApp(options, () => new ValidationFailure('age must be positive'), async (base) => {
      const res = await request(`${base}/x`);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'age must be positive',
        instance: '/x',
        errors: [{ detail: 'age must be positive', pointer: '#/age' }],
      });
      expectValidProblem(res.json);
    });
  });

  test('an onError or mapError that throws is contained: the client still gets a safe 500', async () => {
    const options: ProblemDetailsErrorHandlerOptions = {
      onError: () => {
        throw new Error('logger down');
      },
      mapError: () => {
        throw new Error('mapper bug');
      },
    };
    await withApp(options, () => new NotFoundException('x'), async (base) => {
      const res = await request(`${base}/x`);
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/x' });
      expectValidProblem(res.json);
    });
  });

  test('an onError that throws alone does not change the response', async () => {
    const options: ProblemDetailsErrorHandlerOptions = {
      onError: () => {
        throw new Error('logger down');
      },
    };
    await withApp(options, () => new NotFoundException('No user 1'), async (base) => {
      const res = await request(`${base}/x`);
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ detail: 'No user 1' });
    });
  });

  test('a rejecting async onError does not cause an unhandled rejection', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      await withApp({ onError: async () => Promise.reject(new Error('async logger down')) }, () => new NotFoundException(), async (base) => {
        expect((await request(`${base}/x`)).status).toBe(404);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(unhandled).not.toHaveBeenCalled();
      });
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  test('the instance, typeBaseUrl and debug options', async () => {
    const options: ProblemDetailsErrorHandlerOptions = { instance: '/fixed', typeBaseUrl: 'https://example.com/problems/', debug: true };
    await withApp(options, () => new Error('boom', { cause: new Error('root cause') }), async (base) => {
      const res = await request(`${base}/x`);
      const body = res.json as Record<string, unknown>;
      expect(body).toMatchObject({ status: 500, detail: 'boom', instance: '/fixed' });
      expect(body['stack']).toEqual(expect.stringContaining('Error: boom'));
      expect(body['cause']).toEqual([expect.objectContaining({ message: 'root cause' })]);
      expectValidProblem(body);
    });
    await withApp(options, () => new HttpException(409, 'Taken', { type: 'conflict' }), async (base) => {
      const res = await request(`${base}/x`);
      expect(res.json).toMatchObject({ type: 'https://example.com/problems/conflict', status: 409 });
    });
  });
});

describe('problemDetailsErrorHandler over HTTP/2', () => {
  async function h2(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: string }> {
    const client = connect(url);
    try {
      return await new Promise((resolve, reject) => {
        const stream = client.request(headers);
        let body = '';
        let responseHeaders: Record<string, unknown> = {};
        stream.on('response', (h) => (responseHeaders = h));
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (body += chunk));
        stream.on('end', () => resolve({ headers: responseHeaders, body }));
        stream.on('error', reject);
        stream.end();
      });
    } finally {
      client.close();
    }
  }

  test('426 sends no Upgrade or Connection header over HTTP/2; HEAD gets no body', async () => {
    const app = fastify({ http2: true });
    app.setErrorHandler(problemDetailsErrorHandler());
    app.get('/h2', async () => {
      throw new UpgradeRequiredException('Use TLS', { upgrade: 'TLS/1.3', headers: { connection: 'close', 'x-kept': 'yes' } });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    try {
      const { headers, body } = await h2(`http://127.0.0.1:${port}`, { ':path': '/h2?x=1' });
      expect(headers[':status']).toBe(426);
      expect(headers['content-type']).toBe('application/problem+json');
      expect(headers['upgrade']).toBeUndefined();
      expect(headers['connection']).toBeUndefined();
      expect(headers['x-kept']).toBe('yes');
      expect(JSON.parse(body)).toEqual({ type: 'about:blank', title: 'Upgrade Required', status: 426, detail: 'Use TLS', instance: '/h2' });
      expectValidProblem(JSON.parse(body));

      const head = await h2(`http://127.0.0.1:${port}`, { ':path': '/h2', ':method': 'HEAD' });
      expect(head.headers[':status']).toBe(426);
      expect(head.headers['content-length']).toBe(String(Buffer.byteLength(body)));
      expect(head.body).toBe('');
    } finally {
      await app.close();
    }
  });
});

describe('examples/fastify.ts', () => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = createApp();
    base = await start(app);
  });
  afterAll(() => stop(app));

  test('a found user is a plain 200', async () => {
    const res = await request(`${base}/users/1`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: 1, name: 'Ada' });
  });

  test('404 with detail', async () => {
    const res = await request(`${base}/users/99`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 99', instance: '/users/99' });
    expectValidProblem(res.json);
  });

  test('429 with Retry-After', async () => {
    const res = await request(`${base}/search`);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.json).toMatchObject({ status: 429, detail: 'Search is limited to 10 requests a minute' });
    expectValidProblem(res.json);
  });

  test('400 from schema validation, 422 with errors from the route', async () => {
    const invalid = await request(`${base}/users`, { method: 'POST', headers: json, body: '{}' });
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({ detail: 'The request body is invalid', errors: [{ detail: "must have required property 'name'", pointer: '#/name' }] });
    expectValidProblem(invalid.json);
    const taken = await request(`${base}/users`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Ada' }) });
    expect(taken.status).toBe(422);
    expect(taken.json).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'The user is not valid',
      instance: '/users',
      errors: [{ detail: 'is already taken', pointer: '#/name' }],
    });
    expectValidProblem(taken.json);
  });

  test('an unexpected Error is a 500 that hides its message', async () => {
    const res = await request(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/boom' });
    expect(res.text).not.toContain('hunter2');
  });

  test('an unknown route is a problem+json 404', async () => {
    const res = await request(`${base}/nope`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route for DELETE /nope', instance: '/nope' });
    expectValidProblem(res.json);
  });
  test('a malformed URL (FST_ERR_BAD_URL) is a problem+json 400 through frameworkErrors', async () => {
    const res = await request(`${base}/users/%zz`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The request URL is not valid' });
    expectValidProblem(res.json);
  });
});
