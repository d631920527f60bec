import fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import { BadRequestException } from '../../src/index.js';
import { problemFromIssues } from '../../src/validation/problem-from-issues.js';
import type { StandardSchemaV1 } from '../../src/validation/standard-schema.js';
import { problemDetailsErrorHandler, problemDetailsFrameworkErrors } from '../../src/adapters/fastify.js';
import { fastifyValidationProblem } from '../../src/adapters/fastify-validation.js';
import { start, stop } from '../helpers/fastify-server.js';
import { request } from '../helpers/http-client.js';
import { expectValidProblem } from '../helpers/problem-schema.js';


/** What Fastify 5's wrapValidationError builds for a failed route schema. */
function fastifyValidationError(validationContext: string, validation: unknown[]): Error {
  return Object.assign(new Error(`${validationContext} is invalid`), { code: 'FST_ERR_VALIDATION', statusCode: 400, validation, validationContext });
}

const secret = 'internal db password is hunter2';

describe('fastifyValidationProblem (unit, no server)', () => {
  test('a Fastify body validation error becomes a 400 with a JSON Pointer per failure', () => {
    const error = fastifyValidationError('body', [
      { instancePath: '/age', message: 'must be >= 0', params: {} },
      { instancePath: '', message: "must have required property 'name'", params: { missingProperty: 'name' } },
    ]);
    const problem = fastifyValidationProblem(error);
    expect(problem).toBeInstanceOf(BadRequestException);
    expect(problem?.status).toBe(400);
    expect(problem?.message).toBe('The request body is invalid');
    expect(problem?.errors).toEqual([
      { detail: 'must be >= 0', pointer: '#/age' },
      { detail: "must have required property 'name'", pointer: '#/name' },
    ]);
    expect(problem?.cause).toBe(error);
  });

  test.each([
    ['querystring', 'The query string is invalid', { detail: 'must be <= 10', parameter: 'limit' }],
    ['params', 'The path parameters are invalid', { detail: 'must be <= 10', parameter: 'limit' }],
    ['headers', 'The request headers are invalid', { detail: 'must be <= 10', header: 'limit' }],
    ['something-else', 'The request is invalid', { detail: 'must be <= 10', parameter: 'limit' }],
  ])('context %s: detail %j, entry names the field', (context, detail, entry) => {
    const problem = fastifyValidationProblem(fastifyValidationError(context, [{ instancePath: '/limit', message: 'must be <= 10' }]));
    expect(problem?.message).toBe(detail);
    expect(problem?.errors).toEqual([entry]);
  });

  test('Ajv 6 dataPath, escaped member names, unreadable entries and the 100-entry cap', () => {
    expect(fastifyValidationProblem(fastifyValidationError('body', [{ dataPath: '/a', message: 'bad' }]))?.errors).toEqual([{ detail: 'bad', pointer: '#/a' }]);
    expect(fastifyValidationProblem(fastifyValidationError('body', [{ instancePath: '', message: 'x', params: { additionalProperty: 'a/b~c d' } }]))?.errors).toEqual([
      { detail: 'x', pointer: '#/a~1b~0c%20d' },
    ]);
    expect(fastifyValidationProblem(fastifyValidationError('querystring', [null, 'text', { message: '' }]))?.errors).toEqual([{ detail: 'is invalid' }, { detail: 'is invalid' }, { detail: 'is invalid' }]);
    const many = Array.from({ length: 150 }, () => ({ instancePath: '/x', message: 'bad' }));
    expect(fastifyValidationProblem(fastifyValidationError('body', many))?.errors).toHaveLength(100);
  });

  test('Standard Schema issues (a validatorCompiler returning { error: issues }) give the entries problemFromIssues gives', () => {
    const issues: StandardSchemaV1.Issue[] = [
      { message: 'Required', path: ['customer', 'email'] },
      { message: 'Too small', path: [{ key: 'items' }, { key: 0 }, { key: 'quantity' }] },
      { message: 'Expected string', path: ['a/b~c'] },
      { message: 'Expected object', path: [] },
    ];
    expect(fastifyValidationProblem(fastifyValidationError('body', issues))?.errors).toEqual(problemFromIssues(issues).errors);
    expect(fastifyValidationProblem(fastifyValidationError('querystring', issues))?.errors).toEqual(problemFromIssues(issues, { in: 'query' }).errors);
    expect(fastifyValidationProblem(fastifyValidationError('params', issues))?.errors).toEqual(problemFromIssues(issues, { in: 'path' }).errors);
    expect(fastifyValidationProblem(fastifyValidationError('headers', issues))?.errors).toEqual(problemFromIssues(issues, { in: 'header' }).errors);
    expect(fastifyValidationProblem(fastifyValidationError('body', issues))?.detail).toBe(problemFromIssues(issues).detail);
  });

  test('an Error with statusCode 500 and a validation array is not translated', () => {
    const error = Object.assign(new Error('query failed'), { statusCode: 500, validation: [{ message: secret }] });
    expect(fastifyValidationProblem(error)).toBeUndefined();
  });

  test('a plain object with a validation array (even with validationContext) is not translated', () => {
    expect(fastifyValidationProblem({ validation: [{ message: secret }] })).toBeUndefined();
    expect(fastifyValidationProblem({ statusCode: 400, validation: [{ message: secret }], validationContext: 'body' })).toBeUndefined();
  });

  test('the FST_ERR_VALIDATION code alone is not enough: the status must be 400 and validation an array', () => {
    expect(fastifyValidationProblem({ code: 'FST_ERR_VALIDATION', statusCode: 500, validation: [{ message: secret }], validationContext: 'body' })).toBeUndefined();
    expect(fastifyValidationProblem({ code: 'FST_ERR_VALIDATION', validation: [{ message: secret }], validationContext: 'body' })).toBeUndefined();
    expect(fastifyValidationProblem({ code: 'FST_ERR_VALIDATION', statusCode: 400, validation: 'not an array', validationContext: 'body' })).toBeUndefined();
    expect(fastifyValidationProblem({ code: 'OTHER', statusCode: 400, validation: [{ message: secret }], validationContext: 'body' })).toBeUndefined();
  });

  test.each([null, undefined, 'FST_ERR_VALIDATION', 42])('a non-object (%p) is not translated', (value) => {
    expect(fastifyValidationProblem(value)).toBeUndefined();
  });

  test('an error whose fields throw when read is not translated and does not throw', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('getter bomb');
        },
      },
    );
    expect(() => fastifyValidationProblem(hostile)).not.toThrow();
    expect(fastifyValidationProblem(hostile)).toBeUndefined();
  });
});

describe('problemDetailsErrorHandler: only Fastify validation errors show their validation (real server)', () => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = fastify();
    app.setErrorHandler(problemDetailsErrorHandler());
    app.get('/db', async () => {
      throw Object.assign(new Error(secret), { statusCode: 500, validation: [{ message: secret, instancePath: '/password' }], validationContext: 'body' });
    });
    app.get('/plain', async () => {
      throw { validation: [{ message: secret }], validationContext: 'body', message: secret };
    });
    app.get('/client', async () => {
      throw Object.assign(new Error('Bad filter'), { statusCode: 400, validation: [{ message: secret }], validationContext: 'querystring' });
    });
    app.post('/people', { schema: { body: { type: 'object', required: ['name'] } } }, async () => 'ok');
    base = await start(app);
  });
  afterAll(() => stop(app));

  test('an Error with statusCode 500 and a validation array stays a 500 with no detail and no errors', async () => {
    const res = await request(`${base}/db`);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/db' });
    expect(res.text).not.toContain('hunter2');
    expectValidProblem(res.json);
  });

  test('a plain thrown object with a validation array is a 500 that leaks nothing', async () => {
    const res = await request(`${base}/plain`);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/plain' });
    expect(res.text).not.toContain('hunter2');
    expectValidProblem(res.json);
  });

  test('a non-Fastify 400 with a validation array keeps its status and message, without errors', async () => {
    const res = await request(`${base}/client`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Bad filter', instance: '/client' });
    expect(res.text).not.toContain('hunter2');
  });

  test("Fastify's own schema validation error is still translated", async () => {
    const res = await request(`${base}/people`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ detail: 'The request body is invalid', errors: [{ detail: "must have required property 'name'", pointer: '#/name' }] });
    expectValidProblem(res.json);
  });
});

describe('problemDetailsFrameworkErrors (real server)', () => {
  const seen: unknown[] = [];
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    const options = { onError: (error: unknown) => void seen.push(error) };
    app = fastify({
      routerOptions: { maxParamLength: 10 },
      frameworkErrors: problemDetailsFrameworkErrors(options),
    });
    app.setErrorHandler(problemDetailsErrorHandler(options));
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('x-on-send', 'ran');
      return payload;
    });
    app.get('/x/:id', async () => 'ok');
    base = await start(app);
  });
  afterAll(() => stop(app));

  test('GET /x/%zz (FST_ERR_BAD_URL) is a 400 problem+json that does not echo the URL', async () => {
    seen.length = 0;
    const res = await request(`${base}/x/%zz?token=secret`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The request URL is not valid', instance: '/x/%25zz' });
    expect(res.text).not.toContain('%zz');
    expect(res.text).not.toContain('token');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expectValidProblem(res.json);
    expect(seen).toEqual([expect.objectContaining({ code: 'FST_ERR_BAD_URL' })]);
    // Fastify runs no hooks for a request it could not route, even through its reply.
    expect(res.headers['x-on-send']).toBeUndefined();
  });

  test('instance stays a valid URI reference: what it cannot hold is percent-encoded', async () => {
    const res = await request(`${base}/x/%zz"<>%41`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 400, instance: '/x/%25zz%22%3C%3E%41' });
    expectValidProblem(res.json);
  });

  test('HEAD on a bad URL: status and headers, no body', async () => {
    const res = await request(`${base}/x/%zz`, { method: 'HEAD' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    expect(res.text).toBe('');
  });

  test('a path parameter over maxParamLength (FST_ERR_MAX_PARAM_LENGTH) is a 414 problem that does not echo the URL', async () => {
    const res = await request(`${base}/x/${'a'.repeat(40)}`);
    expect(res.status).toBe(414);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'URI Too Long', status: 414, detail: 'A path parameter is longer than the server accepts', instance: `/x/${'a'.repeat(40)}` });
    expect(res.text).not.toContain('exceeding');
    expectValidProblem(res.json);
  });

  test('the server keeps serving after framework errors', async () => {
    expect((await request(`${base}/x/1`)).text).toBe('ok');
  });
});

describe('problemDetailsFrameworkErrors options and the default without it', () => {
  test("the user's mapError and the instance option apply as in problemDetailsErrorHandler", async () => {
    const app = fastify({
      frameworkErrors: problemDetailsFrameworkErrors({
        instance: '/fixed',
        mapError: (error) => ((error as { code?: unknown }).code === 'FST_ERR_BAD_URL' ? new BadRequestException('Fix your URL') : undefined),
      }),
    });
    app.get('/x/:id', async () => 'ok');
    const base = await start(app);
    try {
      const res = await request(`${base}/x/%zz`);
      expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Fix your URL', instance: '/fixed' });
    } finally {
      await stop(app);
    }
  });

  test('a failing async constraint (FST_ERR_ASYNC_CONSTRAINT) is a 500 that shows nothing', async () => {
    const seen: unknown[] = [];
    // An async constraint (deriveConstraint takes a callback) whose lookup fails: Fastify raises
    // FST_ERR_ASYNC_CONSTRAINT. Fastify's types only describe synchronous strategies, hence the cast.
    const store = new Map<string, unknown>();
    const tenant = {
      name: 'tenant',
      storage: () => ({ get: (key: string) => store.get(key) ?? null, set: (key: string, value: unknown) => void store.set(key, value) }),
      deriveConstraint: (_request: unknown, _context: unknown, done: (error: Error | null, value?: string) => void) => done(new Error(secret)),
      mustMatchWhenDerived: true,
      validate: () => undefined,
    };
    const routerOptions = { constraints: { tenant } } as unknown as FastifyServerOptions['routerOptions'];
    const app = fastify({ frameworkErrors: problemDetailsFrameworkErrors({ onError: (error) => void seen.push(error) }), routerOptions });
    app.get('/t', { constraints: { tenant: 'a' } }, async () => 'ok');
    const base = await start(app);
    try {
      const res = await request(`${base}/t`);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/t' });
      expect(res.text).not.toContain('hunter2');
      expectValidProblem(res.json);
      expect(seen).toEqual([expect.objectContaining({ code: 'FST_ERR_ASYNC_CONSTRAINT' })]);
    } finally {
      await stop(app);
    }
  });

  test('without frameworkErrors, Fastify answers a bad URL itself: application/json echoing the path, no error handler', async () => {
    const errors: unknown[] = [];
    const app = fastify();
    app.setErrorHandler(problemDetailsErrorHandler({ onError: (error) => void errors.push(error) }));
    app.get('/x/:id', async () => 'ok');
    const base = await start(app);
    try {
      const res = await request(`${base}/x/%zz`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.json).toEqual({ error: 'Bad Request', code: 'FST_ERR_BAD_URL', message: "'/x/%zz' is not a valid url component", statusCode: 400 });
      expect(errors).toEqual([]);
    } finally {
      await stop(app);
    }
  });
});

describe('Fastify validation gives the errors problemFromIssues gives (real server)', () => {
  let app: FastifyInstance;
  let base: string;
  const Order = z.object({
    customer: z.object({ name: z.string(), email: z.string() }),
    items: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1) })),
  });
  const badOrder = { customer: { name: 'Ada' }, items: [{ sku: 'A', quantity: 0 }, { sku: 7, quantity: 1 }] };
  const orderJsonSchema = {
    type: 'object',
    required: ['customer', 'items'],
    properties: {
      customer: { type: 'object', required: ['name', 'email'], properties: { name: { type: 'string' }, email: { type: 'string' } } },
      items: {
        type: 'array',
        items: { type: 'object', required: ['sku', 'quantity'], properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } } },
      },
    },
  };

  beforeAll(async () => {
    // Ajv reports every failure, not only the first, so both validators list the same faults.
    app = fastify({ ajv: { customOptions: { allErrors: true, coerceTypes: false } } });
    app.setErrorHandler(problemDetailsErrorHandler());
    app.post('/ajv/orders', { schema: { body: orderJsonSchema } }, async () => 'ok');
    await app.register(async (scope) => {
      // The usual Standard Schema validatorCompiler: issues as the error, the output as the value.
      scope.setValidatorCompiler<StandardSchemaV1>(({ schema }) => (data: unknown) => {
        const result = schema['~standard'].validate(data);
        if (result instanceof Promise) throw new TypeError('async schemas are not supported here');
        return result.issues ? { error: result.issues as unknown as Error } : { value: result.value };
      });
      scope.post('/zod/orders', { schema: { body: Order } }, async () => 'ok');
      scope.get('/zod/search', { schema: { querystring: z.object({ page: z.coerce.number().int().min(1), q: z.string() }) } }, async () => 'ok');
    });
    base = await start(app);
  });
  afterAll(() => stop(app));

  const post = (path: string, body: unknown) => request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('a zod body schema: the same 400 problemFromIssues makes for the same issues', async () => {
    const res = await post('/zod/orders', badOrder);
    const issues = Order['~standard'].validate(badOrder) as StandardSchemaV1.FailureResult;
    const expected = problemFromIssues(issues.issues, { status: 400 });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: expected.detail, instance: '/zod/orders', errors: expected.errors });
    expect((expected.errors ?? []).map((entry) => entry.pointer)).toEqual(['#/customer/email', '#/items/0/quantity', '#/items/1/sku']);
    expectValidProblem(res.json);
  });

  test('Ajv (Fastify’s default validator) points at the same members, in the same entry shape', async () => {
    const res = await post('/ajv/orders', badOrder);
    expect(res.status).toBe(400);
    const errors = (res.json as { errors: Array<Record<string, unknown>> }).errors;
    expect(errors.map((entry) => entry['pointer']).sort()).toEqual(['#/customer/email', '#/items/0/quantity', '#/items/1/sku']);
    for (const entry of errors) expect(Object.keys(entry).sort()).toEqual(['detail', 'pointer']);
  });

  test('a zod query schema: { detail, parameter } entries, as problemFromIssues gives with in: query', async () => {
    const res = await request(`${base}/zod/search?page=0`);
    expect(res.status).toBe(400);
    const issues = z.object({ page: z.coerce.number().int().min(1), q: z.string() })['~standard'].validate({ page: '0' }) as StandardSchemaV1.FailureResult;
    expect(res.json).toMatchObject({ detail: 'The query string is invalid', errors: problemFromIssues(issues.issues, { in: 'query' }).errors });
    expect((res.json as { errors: unknown[] }).errors).toEqual([
      { detail: expect.any(String), parameter: 'page' },
      { detail: expect.any(String), parameter: 'q' },
    ]);
  });
});
