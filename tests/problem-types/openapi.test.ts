import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as v from 'valibot';
import { z } from 'zod';
import { defineProblemType, openApiResponses, problemDetailsSchema, toProblemDetails, validationProblemDetailsSchema, type ProblemDetails } from 'typed-http-exceptions';
import type { OpenApiProblemTypeResponse, ProblemTypeSchema } from '../../src/openapi/openapi-responses.js';
import { expectValidProblem } from '../helpers/problem-schema.js';

jest.mock('arktype', () => jest.requireActual<typeof import('../helpers/esm-as-commonjs')>('../helpers/esm-as-commonjs').loadAsCommonJs('arktype'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { type: ark } = require('arktype') as typeof import('arktype');

const MEDIA = 'application/problem+json';
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

const OutOfCredit = defineProblemType({
  type: 'https://example.com/problems/out-of-credit',
  status: 403,
  title: 'You do not have enough credit',
  code: 'OUT_OF_CREDIT',
  extensions: z.object({ balance: z.number().meta({ examples: [30] }), accounts: z.array(z.string().meta({ examples: ['/account/12345'] })) }),
});
const NotOwner = defineProblemType({ type: 'https://example.com/problems/not-owner', status: 403, title: 'Not the owner', code: 'NOT_OWNER' });

function mediaOf(response: OpenApiProblemTypeResponse) {
  return response.content[MEDIA];
}

/** Every example of a response validates against its schema, and a body of another type does not. */
function expectExamplesValid(response: OpenApiProblemTypeResponse): ProblemDetails[] {
  const media = mediaOf(response);
  expect('example' in media !== 'examples' in media).toBe(true);
  const validate = ajv.compile(JSON.parse(JSON.stringify(media.schema)) as object);
  const values = media.example !== undefined ? [media.example] : Object.values(media.examples ?? {}).map((example) => example.value);
  for (const value of values) {
    if (!validate(value)) throw new Error(`${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`);
    expectValidProblem(value);
  }
  return values;
}

describe('openApiResponses with problem types', () => {
  test('a problem type: type and code as constants, the extension members’ JSON Schema, a real example', () => {
    const responses = openApiResponses([404, OutOfCredit]);
    expect(Object.keys(responses)).toEqual(['403', '404']);
    const response = responses['403'];
    expect(response.description).toBe('You do not have enough credit');
    const schema = mediaOf(response).schema as ProblemTypeSchema;
    expect(schema.title).toBe('OutOfCredit');
    expect(schema.allOf[0]).toEqual(problemDetailsSchema);
    expect(schema.allOf[1]).toEqual({
      type: 'object',
      required: ['type', 'title', 'status', 'code', 'balance', 'accounts'],
      properties: {
        type: { const: 'https://example.com/problems/out-of-credit', description: 'This problem type.' },
        status: { const: 403 },
        code: { const: 'OUT_OF_CREDIT', description: 'Stable code of this problem type.' },
        balance: { type: 'number', examples: [30] },
        accounts: { type: 'array', items: { type: 'string', examples: ['/account/12345'] } },
      },
    });
    const [example] = expectExamplesValid(response);
    const real = new OutOfCredit('What went wrong in this occurrence, for a human.', { extensions: { balance: 30, accounts: ['/account/12345'] } });
    expect(example).toEqual(toProblemDetails(real));
    expect(example).toMatchObject({ code: 'OUT_OF_CREDIT', balance: 30, type: OutOfCredit.type });
    // The plain status beside it is unchanged.
    expect(responses['404']).toEqual(openApiResponses([404])['404']);
  });

  test('the schema refuses a body of another type or code', () => {
    const schema = mediaOf(openApiResponses([OutOfCredit])['403']).schema;
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema)) as object);
    const good = toProblemDetails(new OutOfCredit('x', { extensions: { balance: 1, accounts: [] } }));
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, type: 'about:blank' })).toBe(false);
    expect(validate({ ...good, code: 'OTHER' })).toBe(false);
    expect(validate({ ...good, balance: 'x' })).toBe(false);
    expect(validate({ ...good, status: 404 })).toBe(false);
  });

  test('several bodies for one status: anyOf, and examples by class name (the plain status among them when asked for)', () => {
    const response = openApiResponses([OutOfCredit, NotOwner, 403])['403'];
    expect(response.description).toBe('Forbidden');
    const media = mediaOf(response);
    expect('anyOf' in media.schema && media.schema.anyOf.map((schema) => ('title' in schema ? schema.title : undefined))).toEqual(['OutOfCredit', 'NotOwner', 'Problem details']);
    expect(Object.keys(media.examples ?? {})).toEqual(['OutOfCredit', 'NotOwner', 'Forbidden']);
    expect(media.examples?.['NotOwner']).toEqual({
      summary: 'Not the owner',
      value: { type: NotOwner.type, title: 'Not the owner', status: 403, detail: 'What went wrong in this occurrence, for a human.', code: 'NOT_OWNER' },
    });
    expect(media.examples?.['Forbidden']?.value).toEqual(openApiResponses([403])['403'].content[MEDIA].example);
    expectExamplesValid(response);
    expect(openApiResponses([OutOfCredit, OutOfCredit])['403'].content[MEDIA].example).toBeDefined();
  });

  test('header-carrying and validation statuses keep their headers and errors schema', () => {
    const Throttled = defineProblemType({ type: 'https://example.com/problems/throttled', status: 429, title: 'Throttled', extensions: z.object({ limit: z.int().min(1) }) });
    const response = openApiResponses([Throttled])['429'];
    expect(response.headers['Retry-After']).toEqual(openApiResponses([429])['429'].headers['Retry-After']);
    const [example] = expectExamplesValid(response);
    expect(example).toMatchObject({ limit: 1 });

    const InvalidOrder = defineProblemType({ type: 'https://example.com/problems/invalid-order', status: 422, title: 'Invalid order', code: 'INVALID_ORDER' });
    const invalid = openApiResponses([InvalidOrder])['422'];
    expect((mediaOf(invalid).schema as ProblemTypeSchema).allOf[0]).toEqual(validationProblemDetailsSchema);
    expect(expectExamplesValid(invalid)[0]).toMatchObject({ code: 'INVALID_ORDER', errors: [{ detail: 'must be a positive integer', pointer: '#/quantity' }] });
  });

  test('arktype gives JSON Schema too; valibot does not, so its problem type documents its constants only', () => {
    const Moved = defineProblemType({ type: 'https://example.com/problems/moved', status: 409, title: 'Moved', extensions: ark({ to: 'string', 'tries?': 'number.integer >= 1' }) });
    const moved = mediaOf(openApiResponses([Moved])['409']).schema as ProblemTypeSchema;
    expect(moved.allOf[1].properties['to']).toEqual({ type: 'string' });
    expect(moved.allOf[1].properties['tries']).toEqual({ type: 'integer', minimum: 1 });
    expect(moved.allOf[1].required).toContain('to');
    expect(expectExamplesValid(openApiResponses([Moved])['409'])[0]).toMatchObject({ to: 'string', tries: 1 });

    const Limits = defineProblemType({ type: 'https://example.com/problems/limits', status: 409, title: 'Limits', code: 'LIMITS', extensions: v.object({ max: v.number() }) });
    const limits = openApiResponses([Limits])['409'];
    const schema = mediaOf(limits).schema as ProblemTypeSchema;
    expect(Object.keys(schema.allOf[1].properties)).toEqual(['type', 'status', 'code']);
    // No values can be derived for it: the example is the real body without extension members.
    expect(expectExamplesValid(limits)[0]).toEqual({ type: Limits.type, title: 'Limits', status: 409, detail: 'What went wrong in this occurrence, for a human.', code: 'LIMITS' });
  });

  test('a schema zod cannot convert (a transform) documents its constants only; the example still passes the schema', () => {
    const Priced = defineProblemType({ type: 'https://example.com/problems/priced', status: 402, title: 'Priced', extensions: z.object({ cents: z.string().transform(Number) }) });
    const response = openApiResponses([Priced])['402'];
    expect(Object.keys((mediaOf(response).schema as ProblemTypeSchema).allOf[1].properties)).toEqual(['type', 'status']);
    expectExamplesValid(response);
  });

  test('schemaRef and descriptions apply to problem types too', () => {
    const response = openApiResponses([OutOfCredit], { schemaRef: '#/components/schemas/ProblemDetails', descriptions: { 403: 'No credit left' } })['403'];
    expect(response.description).toBe('No credit left');
    expect((mediaOf(response).schema as ProblemTypeSchema).allOf[0]).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
  });

  test('a class that is not a problem type is a TypeError', () => {
    class NotOne {}
    expect(() => openApiResponses([NotOne as never])).toThrow(/classes made by defineProblemType, got the class NotOne/);
    expect(() => openApiResponses(['403' as never])).toThrow(RangeError);
  });

  test('types: problem type statuses get the problem type response, others stay as they were', () => {
    const Throttled = defineProblemType({ type: 'https://example.com/problems/throttled-2', status: 429, title: 'Throttled' });
    const responses = openApiResponses([404, OutOfCredit, Throttled]);
    const typed: OpenApiProblemTypeResponse = responses['403'];
    const plainExample: ProblemDetails = responses['404'].content[MEDIA].example;
    void responses['429'].headers['Retry-After'];
    // @ts-expect-error 403 sends no headers
    void responses['403'].headers;
    // @ts-expect-error 500 was not asked for
    void responses['500'];
    expect(typed.description).toBe(OutOfCredit.title);
    expect(plainExample.status).toBe(404);
  });
});
