import fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { BadRequestException, NotFoundException, UnauthorizedException } from '../../src/index.js';
import { problemDetailsErrorHandler } from '../../src/adapters/fastify.js';
import { createApp } from '../../examples/fastify.js';
import { start, stop } from '../helpers/fastify-server.js';
import { request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

const json = { 'content-type': 'application/json' };

// What every adapter shares (statuses, thrown values, header policy, HEAD, onError, mapError,
// responses already started, options, HTTP/2) runs against Fastify in tests/conformance/.

describe("typed-http-exceptions/fastify problemDetailsErrorHandler: what is Fastify's own", () => {
  const seen: Array<{ error: unknown; request: FastifyRequest }> = [];
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = fastify();
    app.setErrorHandler(problemDetailsErrorHandler({ onError: (error, request) => void seen.push({ error, request }) }));
    // Proves the problem goes through Fastify's reply: hooks still run on it.
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('x-on-send', 'ran');
      return payload;
    });
    app.get('/sync', () => {
      throw new NotFoundException('No user 42');
    });
    // Errors from hooks reach the error handler too (a typical auth check).
    app.get('/auth', {
      preHandler: async () => {
        throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' });
      },
      handler: async () => 'secret',
    });
    // reply.send() is not finished when the throw comes (the async onSend hook above is still
    // pending), so Fastify calls the error handler for a reply that looks unsent.
    app.get('/send-then-throw', (_request, reply) => {
      reply.send('ok');
      throw new Error('after send');
    });
    base = await start(app);
  });
  afterAll(() => stop(app));

  test("the response goes through Fastify's reply: onSend hooks run on it", async () => {
    const res = await request(`${base}/sync`);
    expect(res.status).toBe(404);
    expect(res.headers['x-on-send']).toBe('ran');
    expectValidProblem(res.json);
  });

  test('401 from a preHandler hook carries WWW-Authenticate', async () => {
    const res = await request(`${base}/auth`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Token expired', instance: '/auth' });
    expectValidProblem(res.json);
  });

  test('onError gets the FastifyRequest (its id and logger included)', async () => {
    seen.length = 0;
    await request(`${base}/sync?page=2`);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.request.url).toBe('/sync?page=2');
    expect(typeof seen[0]?.request.id).toBe('string');
    expect(typeof seen[0]?.request.log.error).toBe('function');
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
