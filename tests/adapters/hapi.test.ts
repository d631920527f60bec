import Boom from '@hapi/boom';
import * as Hapi from '@hapi/hapi';
import createError from 'http-errors';
import { HttpException, NotFoundException, TooManyRequestsException, UnauthorizedException, UnprocessableEntityException } from '../../src/index.js';
import { problemDetailsFailAction, problemDetailsPlugin, type ProblemDetailsPluginOptions } from '../../src/adapters/hapi.js';
import { createServer as createExampleServer } from '../../examples/hapi.js';
import { exampleAppCases } from '../helpers/example-app-cases.js';
import { request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';


/** The part of @hapi/validate used here: the Joi subset hapi itself depends on (same errors as Joi), shipped without types. */
interface Schema {
  min(limit: number): Schema;
  integer(): Schema;
  required(): Schema;
  items(...schemas: Schema[]): Schema;
  valid(...values: unknown[]): Schema;
  unknown(): Schema;
}
const Validate = require('@hapi/validate') as { object(keys: Record<string, Schema>): Schema; number(): Schema; string(): Schema; array(): Schema };

/** A user schema, validated as hapi validates route input. */
const userSchema = Validate.object({ age: Validate.number().min(0).required(), tags: Validate.array().items(Validate.string()) });

function addRoutes(server: Hapi.Server): void {
  const get = (path: string, handler: Hapi.Lifecycle.Method, options: Hapi.RouteOptions = {}): void => {
    server.route({ method: 'GET', path, handler, options });
  };
  get('/sync', () => {
    throw new NotFoundException('No user 42');
  });
  get('/async', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    throw new NotFoundException('No order 7');
  });
  get('/rate-limited', () => {
    throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
  });
  get('/auth', () => {
    throw new UnauthorizedException('Token expired', { wwwAuthenticate: 'Bearer realm="api"' });
  });
  server.route({
    method: 'POST',
    path: '/invalid',
    handler: () => {
      throw new UnprocessableEntityException('The user is not valid', { errors: [{ detail: 'must be a positive integer', pointer: '#/age' }] });
    },
  });
  get('/unknown', () => {
    throw new Error('connection string postgres://admin:hunter2@db');
  });
  get('/type-error', () => {
    throw new TypeError('secret is not a function');
  });
  get('/null', () => {
    throw null;
  });
  get('/string', () => {
    throw 'just a string';
  });
  get('/object', () => {
    throw { status: 404, message: 'plain object, not an error' };
  });
  get('/http-errors', () => {
    throw createError(403, 'No access to project 9');
  });
  get('/crlf', () => {
    throw new HttpException(400, 'bad header', { headers: { 'x-evil': 'a\r\nSet-Cookie: pwned=1', 'x-good': 'fine' } });
  });
  get('/boom-401', () => {
    throw Boom.unauthorized('Token expired', 'Bearer', { realm: 'api' });
  });
  get('/boom-405', () => {
    throw Boom.methodNotAllowed('Use POST', undefined, ['POST', 'PUT']);
  });
  get('/boom-plain-404', () => {
    throw Boom.notFound();
  });
  get('/boom-crlf', () => {
    const error = Boom.badRequest('bad header');
    error.output.headers['X-Evil'] = 'a\r\nSet-Cookie: pwned=1';
    error.output.headers['X-Good'] = 'fine';
    throw error;
  });
  get('/boom-500', () => {
    throw Boom.badImplementation('Redis at 10.0.0.7 is down', { host: '10.0.0.7' });
  });
  get('/boom-503', () => {
    const error = Boom.serverUnavailable('Maintenance until 3am');
    error.output.headers['Retry-After'] = '120';
    throw error;
  });
  get('/boom-payload', () => {
    const error = Boom.conflict('Name taken');
    Object.assign(error.output.payload, { code: 'NAME_TAKEN', status: 200, __proto__: { polluted: true } });
    throw error;
  });
  server.route({ method: 'POST', path: '/users', handler: () => ({ ok: true }), options: { validate: { payload: userSchema } } });
  server.route({
    method: 'POST',
    path: '/users/detailed',
    handler: () => ({ ok: true }),
    options: { validate: { payload: userSchema, failAction: problemDetailsFailAction, options: { abortEarly: false } } },
  });
  get('/search', () => ({ ok: true }), {
    validate: { query: Validate.object({ page: Validate.number().integer().min(1) }), failAction: problemDetailsFailAction },
  });
  get('/items/{id}', () => ({ ok: true }), {
    validate: { params: Validate.object({ id: Validate.number().integer() }), failAction: problemDetailsFailAction },
  });
  get('/needs-header', () => ({ ok: true }), {
    validate: { headers: Validate.object({ 'x-api-version': Validate.string().valid('2').required() }).unknown(), failAction: problemDetailsFailAction },
  });
  server.route({ method: 'POST', path: '/small', handler: () => ({ ok: true }), options: { payload: { maxBytes: 10 } } });
  get('/cors', () => {
    throw new NotFoundException('No such thing');
  }, { cors: true });
  get('/ok', () => ({ ok: true }));
}

async function startServer(options?: ProblemDetailsPluginOptions, configure: (server: Hapi.Server) => void = addRoutes): Promise<Hapi.Server> {
  const server = Hapi.server({ port: 0, host: '127.0.0.1' });
  await server.register({ plugin: problemDetailsPlugin, options });
  configure(server);
  await server.start();
  return server;
}

describe('typed-http-exceptions/hapi problemDetailsPlugin', () => {
  let server: Hapi.Server;
  let base: string;
  let seen: Array<{ error: unknown; path: string }>;

  beforeAll(async () => {
    server = await startServer({ onError: (error, request) => void seen.push({ error, path: request.path }) });
    base = server.info.uri;
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    seen = [];
  });

  test('the installed hapi is version 21', () => {
    expect(server.version.split('.')[0]).toBe('21');
  });

  test('an http-errors error keeps its status and exposed message (hapi alone would answer 500)', async () => {
    const res = await request(`${base}/http-errors`);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'No access to project 9', instance: '/http-errors' });
  });

  describe('Boom errors', () => {
    test('Boom.unauthorized keeps WWW-Authenticate; its message is the detail and its attributes an extension member', async () => {
      const res = await request(`${base}/boom-401`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api", error="Token expired"');
      expect(res.json).toEqual({
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'Token expired',
        instance: '/boom-401',
        attributes: { realm: 'api', error: 'Token expired' },
      });
      expectValidProblem(res.json);
      expect(Boom.isBoom(seen[0]?.error)).toBe(true);
    });

    test('Boom.methodNotAllowed keeps Allow', async () => {
      const res = await request(`${base}/boom-405`);
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('POST, PUT');
      expect(res.json).toMatchObject({ title: 'Method Not Allowed', detail: 'Use POST' });
    });

    test("Boom's default message (the status phrase) is not a detail", async () => {
      const res = await request(`${base}/boom-plain-404`);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/boom-plain-404' });
    });

    test('a 5xx Boom shows neither its message nor its data; its headers are kept', async () => {
      const internal = await request(`${base}/boom-500`);
      expect(internal.status).toBe(500);
      expect(internal.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/boom-500' });
      expect(internal.text).not.toContain('10.0.0.7');
      const unavailable = await request(`${base}/boom-503`);
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers['retry-after']).toBe('120');
      expect(unavailable.json).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503, instance: '/boom-503' });
    });

    test('members added to a 4xx payload are extension members; standard members and __proto__ are not overwritten', async () => {
      const res = await request(`${base}/boom-payload`);
      expect(res.status).toBe(409);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Name taken', instance: '/boom-payload', code: 'NAME_TAKEN' });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  });

  describe("hapi's own errors", () => {
    test('an unmatched route is a 404 problem; onError sees it too (it is a Boom)', async () => {
      const res = await request(`${base}/no/such/route?token=secret`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/no/such/route' });
      expectValidProblem(res.json);
      expect(seen).toHaveLength(1);
      expect(Boom.isBoom(seen[0]?.error, 404)).toBe(true);
    });

    test('a failed route validation with the default failAction: 400 with hapi\'s detail, no field details', async () => {
      const res = await request(`${base}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"age":-1}' });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Invalid request payload input', instance: '/users' });
    });

    test('with problemDetailsFailAction a payload validation lists each failure with a JSON Pointer', async () => {
      const res = await request(`${base}/users/detailed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"age":-1,"tags":["a",7]}' });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Invalid request payload input',
        instance: '/users/detailed',
        errors: [
          { detail: '"age" must be greater than or equal to 0', pointer: '#/age' },
          { detail: '"tags[1]" must be a string', pointer: '#/tags/1' },
        ],
      });
      expectValidProblem(res.json);
    });

    test('query, path parameter and header validation name the parameter or header', async () => {
      const query = await request(`${base}/search?page=0`);
      expect(query.status).toBe(400);
      expect(query.json).toMatchObject({ detail: 'Invalid request query input', errors: [{ detail: '"page" must be greater than or equal to 1', parameter: 'page' }] });
      const params = await request(`${base}/items/abc`);
      expect(params.json).toMatchObject({ detail: 'Invalid request params input', errors: [{ detail: '"id" must be a number', parameter: 'id' }] });
      const header = await request(`${base}/needs-header`, { headers: { 'x-api-version': '1' } });
      expect(header.json).toMatchObject({ detail: 'Invalid request headers input', errors: [{ detail: '"x-api-version" must be one of [2]', header: 'x-api-version' }] });
      expectValidProblem(header.json);
    });

    test('a malformed JSON payload, a payload too large and an unsupported media type keep their status', async () => {
      const json = await request(`${base}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
      expect(json.status).toBe(400);
      expect(json.json).toMatchObject({ status: 400, detail: 'Invalid request payload JSON format' });
      const large = await request(`${base}/small`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":"0123456789"}' });
      expect(large.status).toBe(413);
      expect(large.headers['content-type']).toBe('application/problem+json');
      const media = await request(`${base}/users`, { method: 'POST', headers: { 'content-type': 'application/x-unknown' }, body: 'x' });
      expect(media.status).toBe(415);
      expect(media.json).toMatchObject({ title: 'Unsupported Media Type', status: 415 });
    });
  });

  test('route CORS headers are still added to the problem', async () => {
    const res = await request(`${base}/cors`, { headers: { origin: 'https://app.example' } });
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(res.headers['content-type']).toBe('application/problem+json');
  });

  test('onError sees the exception as thrown (hapi marks it a Boom in place) and the request', async () => {
    await request(`${base}/sync?page=2`);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.error).toBeInstanceOf(NotFoundException);
    expect(seen[0]?.path).toBe('/sync');
  });

  test('a successful route is untouched', async () => {
    const res = await request(`${base}/ok`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    expect(seen).toEqual([]);
  });

  test('server.inject (no socket) gets the same problem', async () => {
    const res = await server.inject({ method: 'GET', url: '/rate-limited' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('30');
    expect(JSON.parse(res.payload)).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', instance: '/rate-limited' });
  });
});

describe('problemDetailsPlugin options', () => {
  async function withServer(options: ProblemDetailsPluginOptions | undefined, handler: Hapi.Lifecycle.Method, run: (base: string) => Promise<void>): Promise<void> {
    const server = await startServer(options, (s) => s.route({ method: '*', path: '/{any*}', handler }));
    try {
      await run(server.info.uri);
    } finally {
      await server.stop();
    }
  }

  test('without options (server.register(plugin)), instance is percent-encoded into a valid URI reference', async () => {
    const server = Hapi.server({ port: 0, host: '127.0.0.1' });
    await server.register(problemDetailsPlugin);
    server.route({
      method: 'GET',
      path: '/{any*}',
      handler: () => {
        throw new NotFoundException('x');
      },
    });
    await server.start();
    try {
      const res = await request(`${server.info.uri}/a%20b`);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x', instance: '/a%20b' });
      expectValidProblem(res.json);
    } finally {
      await server.stop();
    }
  });

  test('options that are not an object are a TypeError at registration', async () => {
    const server = Hapi.server();
    await expect(server.register({ plugin: problemDetailsPlugin, options: 'verbose' as unknown as ProblemDetailsPluginOptions })).rejects.toThrow(TypeError);
  });

  test('mapError maps a foreign error first, and sees Boom errors before the built-in translation', async () => {
    class ValidationFailure extends Error {}
    await withServer(
      {
        mapError: (error) => {
          if (error instanceof ValidationFailure) return new UnprocessableEntityException(error.message);
          if (Boom.isBoom(error, 404)) return new NotFoundException('Nothing here');
          return undefined;
        },
      },
      (request) => {
        if (request.path === '/people') throw new ValidationFailure('age must be positive');
        throw Boom.notFound();
      },
      async (base) => {
        const res = await request(`${base}/people`, { method: 'POST' });
        expect(res.status).toBe(422);
        expect(res.json).toMatchObject({ status: 422, detail: 'age must be positive', instance: '/people' });
        expect((await request(`${base}/x`)).json).toMatchObject({ status: 404, detail: 'Nothing here' });
      },
    );
  });

  test('debug shows what a 5xx Boom hides: its message and stack', async () => {
    await withServer(
      { debug: true },
      () => {
        throw Boom.serverUnavailable('Redis at 10.0.0.7 is down');
      },
      async (base) => {
        const res = await request(`${base}/x`);
        expect(res.status).toBe(503);
        expect(res.json).toMatchObject({ status: 503, detail: 'Redis at 10.0.0.7 is down', cause: [expect.objectContaining({ message: 'Redis at 10.0.0.7 is down' })] });
      },
    );
  });

  test('routes of other plugins get problems too (the extension is not sandboxed to the plugin)', async () => {
    const server = await startServer(undefined, () => undefined);
    await server.register({
      name: 'users',
      register(inner) {
        inner.route({
          method: 'GET',
          path: '/users/{id}',
          handler: (request) => {
            throw new NotFoundException(`No user ${request.params['id']}`);
          },
        });
      },
    });
    try {
      const res = await request(`${server.info.uri}/users/7`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 7', instance: '/users/7' });
    } finally {
      await server.stop();
    }
  });

  test('onPreResponse extensions added after the plugin see the problem response', async () => {
    const server = await startServer(undefined, (s) => {
      s.route({
        method: 'GET',
        path: '/x',
        handler: () => {
          throw new NotFoundException('x');
        },
      });
      s.ext('onPreResponse', (request, h) => {
        const response = request.response;
        if (!Boom.isBoom(response)) response.header('x-later', String(response.statusCode));
        return h.continue;
      });
    });
    try {
      const res = await request(`${server.info.uri}/x`);
      expect(res.status).toBe(404);
      expect(res.headers['x-later']).toBe('404');
      expect(res.headers['content-type']).toBe('application/problem+json');
    } finally {
      await server.stop();
    }
  });
});

describe('without the plugin: hapi 21 on its own', () => {
  test('hapi ignores the status of an exception it did not make: our 429 becomes a 500, the Retry-After is lost', async () => {
    const server = Hapi.server();
    server.route({
      method: 'GET',
      path: '/x',
      handler: () => {
        throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
      },
    });
    const res = await server.inject('/x');
    expect(res.statusCode).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(JSON.parse(res.payload)).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred' });
  });
});

describe('examples/hapi.ts', () => {
  const example = exampleAppCases({
    start: async () => {
      const server = await createExampleServer();
      await server.start();
      return { base: server.info.uri, close: () => server.stop() };
    },
    boomLog: () => 'GET /boom',
  });

  test('a Boom error: 401 with WWW-Authenticate', async () => {
    const res = await request(`${example.base()}/admin`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="admin", error="Log in first"');
    expect(res.json).toMatchObject({ title: 'Unauthorized', status: 401, detail: 'Log in first', instance: '/admin' });
  });
});
