/**
 * The Boom and validation translation of typed-http-exceptions/hapi, without a listening server.
 * The validation errors are the real ones hapi 21 makes, caught in a failAction through
 * server.inject; the Boom errors are made by @hapi/boom itself.
 */
import Boom from '@hapi/boom';
import * as Hapi from '@hapi/hapi';
import { BadRequestException, ConflictException, MethodNotAllowedException, NotFoundException, ServiceUnavailableException, UnauthorizedException } from '../../src/index.js';
import { boomProblem, isBoom, unwrapBoom } from '../../src/adapters/hapi-boom.js';
import { hapiValidationFailure } from '../../src/adapters/hapi-validation.js';

interface Schema {
  min(limit: number): Schema;
  required(): Schema;
  unknown(): Schema;
}
const Validate = require('@hapi/validate') as { object(keys: Record<string, Schema>): Schema; number(): Schema; string(): Schema };

/** The error hapi hands to a failAction function for one request, and the Boom it answers otherwise. */
async function validationErrorFor(source: 'payload' | 'query' | 'params' | 'headers' | 'state', schema: Schema, inject: Hapi.ServerInjectOptions): Promise<unknown> {
  const server = Hapi.server({ debug: false });
  let caught: unknown;
  server.route({
    method: inject.method === 'POST' ? 'POST' : 'GET',
    path: '/things/{id}',
    handler: () => 'ok',
    options: {
      validate: {
        [source]: schema,
        options: { abortEarly: false },
        failAction: (_request, _h, error) => {
          caught = error;
          throw error;
        },
      },
      state: { parse: true, failAction: 'error' },
    },
  });
  await server.inject(inject);
  return caught;
}

describe('hapiValidationFailure', () => {
  test('payload: a JSON Pointer per failure, hapi\'s own detail', async () => {
    const error = await validationErrorFor('payload', Validate.object({ age: Validate.number().min(0).required(), 'a/b': Validate.string() }), {
      method: 'POST',
      url: '/things/1',
      payload: { age: -1, 'a/b': 7 },
    });
    expect(hapiValidationFailure(error)).toEqual({
      detail: 'Invalid request payload input',
      errors: [
        { detail: '"age" must be greater than or equal to 0', pointer: '#/age' },
        { detail: '"a/b" must be a string', pointer: '#/a~1b' },
      ],
    });
  });

  test('a payload failing as a whole points at the whole document', async () => {
    const error = await validationErrorFor('payload', Validate.object({ age: Validate.number() }), { method: 'POST', url: '/things/1', payload: '"text"', headers: { 'content-type': 'application/json' } });
    expect(hapiValidationFailure(error)).toEqual({ detail: 'Invalid request payload input', errors: [{ detail: '"value" must be of type object', pointer: '#' }] });
  });

  test('query and params name the parameter; headers the header; state the cookie', async () => {
    const query = await validationErrorFor('query', Validate.object({ page: Validate.number().min(1) }), { url: '/things/1?page=0' });
    expect(hapiValidationFailure(query)?.errors).toEqual([{ detail: '"page" must be greater than or equal to 1', parameter: 'page' }]);
    const params = await validationErrorFor('params', Validate.object({ id: Validate.number() }), { url: '/things/abc' });
    expect(hapiValidationFailure(params)?.errors).toEqual([{ detail: '"id" must be a number', parameter: 'id' }]);
    const headers = await validationErrorFor('headers', Validate.object({ 'x-version': Validate.number().required() }).unknown(), { url: '/things/1' });
    expect(hapiValidationFailure(headers)).toEqual({ detail: 'Invalid request headers input', errors: [{ detail: '"x-version" is required', header: 'x-version' }] });
    const state = await validationErrorFor('state', Validate.object({ session: Validate.number() }).unknown(), { url: '/things/1', headers: { cookie: 'session=abc' } });
    expect(hapiValidationFailure(state)).toEqual({ detail: 'Invalid request state input', errors: [{ detail: '"session" must be a number', cookie: 'session' }] });
  });

  test('errors that only look like validation failures are left alone', () => {
    // A driver error with `details`, a 400 Boom without hapi's validation marker, a marker on a 500.
    expect(hapiValidationFailure(Object.assign(new Error('db'), { details: [{ message: 'password=hunter2' }] }))).toBeUndefined();
    expect(hapiValidationFailure(Object.assign(Boom.badRequest('x'), { details: [{ message: 'x', path: ['a'] }] }))).toBeUndefined();
    const server = Object.assign(Boom.internal('x'), { details: [{ message: 'x', path: ['a'] }] });
    server.output.payload['validation'] = { source: 'payload', keys: [] };
    expect(hapiValidationFailure(server)).toBeUndefined();
    expect(hapiValidationFailure(null)).toBeUndefined();
  });
});

describe('boomProblem', () => {
  test('status, detail, headers and extra payload members of a 4xx Boom', () => {
    const problem = boomProblem(Boom.unauthorized('Token expired', 'Bearer', { realm: 'api' }));
    expect(problem).toBeInstanceOf(UnauthorizedException);
    expect(problem?.detail).toBe('Token expired');
    expect(problem?.headers).toEqual({ 'www-authenticate': 'Bearer realm="api", error="Token expired"' });
    expect(problem?.extensions).toEqual({ attributes: { realm: 'api', error: 'Token expired' } });
    expect(boomProblem(Boom.methodNotAllowed('x', undefined, ['GET']))).toBeInstanceOf(MethodNotAllowedException);
    expect(boomProblem(Boom.conflict())?.detail).toBeUndefined();
    expect(boomProblem(Boom.clientTimeout())?.detail).toBeUndefined(); // Boom's phrase "Request Time-out"
  });

  test('a 5xx Boom: headers kept, nothing else', () => {
    const error = Boom.serverUnavailable('Redis at 10.0.0.7', { host: '10.0.0.7' });
    error.output.headers['Retry-After'] = '60';
    const problem = boomProblem(error);
    expect(problem).toBeInstanceOf(ServiceUnavailableException);
    // Kept for debug output only: a 5xx never exposes it.
    expect(problem?.detail).toBe('Redis at 10.0.0.7');
    expect(problem?.expose).toBe(false);
    expect(problem?.extensions).toEqual({});
    expect(problem?.headers).toEqual({ 'retry-after': '60' });
  });

  test('a route validation failure becomes a 400 with errors', async () => {
    const error = await validationErrorFor('query', Validate.object({ page: Validate.number().min(1) }), { url: '/things/1?page=0' });
    const problem = boomProblem(error);
    expect(problem).toBeInstanceOf(BadRequestException);
    expect(problem?.extensions).toEqual({ errors: [{ detail: '"page" must be greater than or equal to 1', parameter: 'page' }] });
  });

  test('left to the serializer: our exceptions (even boomified), errors with a status of their own, anything not a Boom', () => {
    const ours = Boom.boomify(new NotFoundException('x'));
    expect(boomProblem(ours)).toBeUndefined();
    expect(boomProblem(Boom.boomify(Object.assign(new Error('x'), { status: 403, expose: true })))).toBeUndefined();
    expect(boomProblem(new Error('x'))).toBeUndefined();
    expect(boomProblem({ isBoom: true, output: { statusCode: 404 } })).toBeUndefined();
  });

  test("a 500 with no header is left to the serializer, which reads the error itself; a status Boom would not make counts as 500", () => {
    expect(boomProblem(Boom.badImplementation('x'))).toBeUndefined();
    expect(boomProblem(Boom.boomify(new Error('x')))).toBeUndefined();
    const withHeader = Boom.internal('x');
    withHeader.output.headers['X-Trace'] = 't1';
    expect(boomProblem(withHeader)?.headers).toEqual({ 'x-trace': 't1' });
    const odd = Boom.badRequest('x');
    (odd.output as { statusCode: number }).statusCode = 299;
    odd.output.headers['X-Trace'] = 't2';
    expect(boomProblem(odd)?.status).toBe(500);
  });

  test('an unreadable Boom never throws', () => {
    const hostile = Boom.badRequest('x');
    Object.defineProperty(hostile.output, 'payload', {
      get() {
        throw new Error('getter');
      },
    });
    expect(() => boomProblem(hostile)).not.toThrow();
  });

  test('payload members named like standard members are not extensions', () => {
    const error = Boom.conflict('Name taken');
    Object.assign(error.output.payload, { type: 'x', title: 'x', status: 1, detail: 'x', instance: 'x', code: 'C' });
    expect(boomProblem(error)).toBeInstanceOf(ConflictException);
    expect(boomProblem(error)?.extensions).toEqual({ code: 'C' });
  });
});

describe('isBoom and unwrapBoom', () => {
  test('isBoom: errors with isBoom and an output', () => {
    expect(isBoom(Boom.notFound())).toBe(true);
    expect(isBoom(Boom.boomify(new Error('x')))).toBe(true);
    expect(isBoom({ isBoom: true, output: {} })).toBe(false);
    expect(isBoom(Object.assign(new Error('x'), { isBoom: true }))).toBe(false);
  });

  test("unwrapBoom gives back a thrown non-error from hapi's 500, and leaves every other Boom alone", async () => {
    // debug: false, or hapi prints its 500 to the console.
    const server = Hapi.server({ debug: false });
    let response: unknown;
    server.route({
      method: 'GET',
      path: '/',
      handler: () => {
        throw 'just a string';
      },
    });
    server.ext('onPreResponse', (request, h) => {
      response = request.response;
      return h.continue;
    });
    await server.inject('/');
    expect(isBoom(response)).toBe(true);
    expect(unwrapBoom(response)).toBe('just a string');
    // hapi's wrapper is recognised by its fixed message: a Boom the application made with that very message reads the same.
    expect(unwrapBoom(Boom.badImplementation('Cannot throw non-error object'))).toBe(null);
    const notFound = Boom.notFound();
    expect(unwrapBoom(notFound)).toBe(notFound);
    expect(unwrapBoom('x')).toBe('x');
  });
});
