import * as v from 'valibot';
import { z } from 'zod';
import { BadRequestException, toProblemDetails, UnprocessableContentException, type ValidationError } from 'typed-http-exceptions';
import { problemFromIssues } from '../../src/validation/problem-from-issues.js';
import { validateOrThrow } from '../../src/validation/validate-or-throw.js';
import type { StandardSchemaV1 } from '../../src/validation/standard-schema.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

jest.mock('arktype', () => jest.requireActual<typeof import('../helpers/esm-as-commonjs')>('../helpers/esm-as-commonjs').loadAsCommonJs('arktype'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { type: ark } = require('arktype') as typeof import('arktype');

/** The same order schema in each library: nested objects, an array of objects, a key with `/` and `~`. */
const orderSchemas: ReadonlyArray<readonly [string, StandardSchemaV1]> = [
  [
    'zod 4',
    z.object({
      customer: z.object({ name: z.string(), email: z.string() }),
      items: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1) })),
      'a/b~c': z.string().optional(),
    }),
  ],
  [
    'valibot 1',
    v.object({
      customer: v.object({ name: v.string(), email: v.string() }),
      items: v.array(v.object({ sku: v.string(), quantity: v.pipe(v.number(), v.integer(), v.minValue(1)) })),
      'a/b~c': v.optional(v.string()),
    }),
  ],
  [
    'arktype 2',
    ark({
      customer: { name: 'string', email: 'string' },
      items: ark({ sku: 'string', quantity: 'number.integer >= 1' }).array(),
      'a/b~c?': 'string',
    }),
  ],
];

const badOrder = {
  customer: { name: 'Ada' },
  items: [
    { sku: 'A', quantity: 0 },
    { sku: 'B', quantity: 2 },
    { sku: 7, quantity: 1 },
  ],
  'a/b~c': 5,
};
const goodOrder = { customer: { name: 'Ada', email: 'ada@example.com' }, items: [{ sku: 'A', quantity: 1 }] };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe.each(orderSchemas)('validateOrThrow with %s', (_library, schema) => {
  test('several faults in nested objects and arrays: one { detail, pointer } each', async () => {
    const error = await rejection(validateOrThrow(schema, badOrder));
    expect(error).toBeInstanceOf(UnprocessableContentException);
    const exception = error as UnprocessableContentException;
    const errors = exception.errors ?? [];
    expect(errors.map((entry) => entry.pointer).sort()).toEqual(['#/a~1b~0c', '#/customer/email', '#/items/0/quantity', '#/items/2/sku']);
    for (const entry of errors) {
      expect(Object.keys(entry).sort()).toEqual(['detail', 'pointer']);
      expect(typeof entry.detail).toBe('string');
      expect(entry.detail.length).toBeGreaterThan(0);
    }
    const body = toProblemDetails(exception);
    expectValidProblem(body);
    expect(body).toMatchObject({ status: 422, detail: 'The request body is invalid' });
  });

  test('valid input resolves to the schema output', async () => {
    await expect(validateOrThrow(schema, goodOrder)).resolves.toEqual(goodOrder);
  });

  test('a body that is not an object points at the whole body', async () => {
    const exception = (await rejection(validateOrThrow(schema, null))) as UnprocessableContentException;
    expect(exception.errors).toEqual([{ detail: expect.any(String) as string, pointer: '#' }]);
  });

  test('status 400 and query input', async () => {
    const bad = (await rejection(validateOrThrow(schema, badOrder, { status: 400, in: 'query' }))) as BadRequestException;
    expect(bad).toBeInstanceOf(BadRequestException);
    expect(bad.detail).toBe('The query string is invalid');
    expect((bad.errors ?? []).map((entry: ValidationError) => entry['parameter']).sort()).toEqual(['a/b~c', 'customer', 'items', 'items']);
  });
});

describe('validateOrThrow', () => {
  test('returns the output, not the input: transforms and defaults', async () => {
    const schema = z.object({ page: z.coerce.number().int().default(1), tags: z.string().transform((text) => text.split(',')) });
    await expect(validateOrThrow(schema, { tags: 'a,b' }, { in: 'query' })).resolves.toEqual({ page: 1, tags: ['a', 'b'] });
    const trimmed = await validateOrThrow(v.object({ name: v.pipe(v.string(), v.trim()) }), { name: '  Ada ' });
    expect(trimmed).toEqual({ name: 'Ada' });
    const parsed = await validateOrThrow(ark({ n: 'string.numeric.parse' }), { n: '42' });
    expect(parsed).toEqual({ n: 42 });
  });

  test('query input (README): { detail, parameter } entries, status 400', async () => {
    // #region readme-query
    const Search = z.object({ q: z.string().min(2), page: z.coerce.number().int().min(1).default(1) });
    const query = { q: 'a', page: '0' }; // req.query
    await expect(validateOrThrow(Search, query, { in: 'query', status: 400 })).rejects.toMatchObject({
      status: 400,
      detail: 'The query string is invalid',
      errors: [
        { detail: 'Too small: expected string to have >=2 characters', parameter: 'q' },
        { detail: 'Too small: expected number to be >=1', parameter: 'page' },
      ],
    });
    // #endregion readme-query
  });

  test('problemFromIssues (README): the same exception from issues you already have', async () => {
    const schema = z.object({ items: z.array(z.object({ quantity: z.number() })) });
    async function check(body: unknown): Promise<void> {
      // #region readme-issues
      const result = await schema['~standard'].validate(body);
      if (result.issues) throw problemFromIssues(result.issues);
      // → 422, errors: [{ detail: 'Invalid input: expected number, received string', pointer: '#/items/0/quantity' }]
      // #endregion readme-issues
    }
    const error = await rejection(check({ items: [{ quantity: 'two' }] }));
    expect(error).toBeInstanceOf(UnprocessableContentException);
    expect((error as UnprocessableContentException).errors).toEqual([{ detail: 'Invalid input: expected number, received string', pointer: '#/items/0/quantity' }]);
    await expect(check({ items: [] })).resolves.toBeUndefined();
  });

  test('header input names the header', async () => {
    const headers = z.object({ 'x-api-key': z.string().min(10), 'x-tenant': z.string() });
    const exception = (await rejection(validateOrThrow(headers, { 'x-api-key': 'short' }, { in: 'header', status: 400 }))) as BadRequestException;
    expect(exception.errors).toEqual([
      { detail: expect.any(String) as string, header: 'x-api-key' },
      { detail: expect.any(String) as string, header: 'x-tenant' },
    ]);
  });

  test('async schemas: zod async refinements and valibot async pipes', async () => {
    const taken = new Set(['ada']);
    const zodSignup = z.object({ user: z.string().refine(async (name) => !taken.has(name), 'is taken') });
    const zodError = (await rejection(validateOrThrow(zodSignup, { user: 'ada' }))) as UnprocessableContentException;
    expect(zodError.errors).toEqual([{ detail: 'is taken', pointer: '#/user' }]);
    await expect(validateOrThrow(zodSignup, { user: 'grace' })).resolves.toEqual({ user: 'grace' });

    const valibotSignup = v.objectAsync({ user: v.pipeAsync(v.string(), v.checkAsync(async (name) => !taken.has(name), 'is taken')) });
    const valibotError = (await rejection(validateOrThrow(valibotSignup, { user: 'ada' }))) as UnprocessableContentException;
    expect(valibotError.errors).toEqual([{ detail: 'is taken', pointer: '#/user' }]);
    await expect(validateOrThrow(valibotSignup, { user: 'grace' })).resolves.toEqual({ user: 'grace' });
  });

  test('a schema that throws is not swallowed: the promise rejects with its error', async () => {
    const boom = new Error('schema bug');
    const throwing: StandardSchemaV1 = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: () => {
          throw boom;
        },
      },
    };
    await expect(validateOrThrow(throwing, {})).rejects.toBe(boom);
    const rejecting: StandardSchemaV1 = { '~standard': { version: 1, vendor: 'test', validate: () => Promise.reject(boom) } };
    await expect(validateOrThrow(rejecting, {})).rejects.toBe(boom);
    const zodThrowing = z.object({ n: z.number() }).transform(() => {
      throw boom;
    });
    await expect(validateOrThrow(zodThrowing, { n: 1 })).rejects.toBe(boom);
    const valibotThrowing = v.pipe(
      v.string(),
      v.transform(() => {
        throw boom;
      }),
    );
    await expect(validateOrThrow(valibotThrowing, 'x')).rejects.toBe(boom);
  });

  test('a result that is not a Standard Schema result is a TypeError', async () => {
    const odd = (result: unknown): StandardSchemaV1 => ({ '~standard': { version: 1, vendor: 'odd', validate: () => result as StandardSchemaV1.Result<unknown> } });
    await expect(validateOrThrow(odd(undefined), {})).rejects.toThrow(/the odd schema's validate\(\) gave undefined/);
    await expect(validateOrThrow(odd({ issues: 'bad' }), {})).rejects.toThrow(/issues that are not an array/);
    await expect(validateOrThrow(odd({ value: 3 }), {})).resolves.toBe(3);
    // The spec: a falsy `issues` is a success.
    await expect(validateOrThrow(odd({ value: 4, issues: null }), {})).resolves.toBe(4);
  });

  test('a value that is not a Standard Schema, or bad options, reject with a TypeError even for valid input', async () => {
    await expect(validateOrThrow({} as never, {})).rejects.toThrow(TypeError);
    await expect(validateOrThrow({ '~standard': { version: 2, validate: () => ({ value: 1 }) } } as never, {})).rejects.toThrow(/Standard Schema/);
    await expect(validateOrThrow(z.string(), 'ok', { status: 404 as never })).rejects.toThrow(RangeError);
    await expect(validateOrThrow(z.string(), 'ok', { in: 'cookie' as never })).rejects.toThrow(TypeError);
  });
});
