import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import createError from 'http-errors';
import fc from 'fast-check';
import {
  createHttpException,
  fromProblemDetails,
  HttpStatus,
  reasonPhrase,
  toProblemDetails,
  toProblemResponse,
  type AnyHttpExceptionOptions,
  type ProblemDetails,
} from '../src/index.js';
import { openApiResponses, type OpenApiHeaderObject, type OpenApiProblemResponse } from '../src/openapi/openapi-responses.js';
import { problemDetailsSchema, validationErrorSchema, validationProblemDetailsSchema } from '../src/openapi/problem-details-schema.js';
import { STATUS_TABLE } from '../src/status/status-table.js';
import { expectValidProblem } from './helpers/problem-schema.js';

// Strict: the exported schemas must be plain JSON Schema 2020-12, with no keyword a validator would ignore.
const strictAjv = new Ajv2020({ strict: true, allErrors: true });
addFormats(strictAjv);
const validateProblem = strictAjv.compile(problemDetailsSchema);
const validateValidationProblem = strictAjv.compile(validationProblemDetailsSchema);

// Lenient: for OpenAPI documents, whose non-schema members (openapi, info, paths) are unknown keywords.
const lenientAjv = new Ajv2020({ strict: false, allErrors: true });
addFormats(lenientAjv);

function expectValid(validate: ReturnType<typeof strictAjv.compile>, value: unknown): void {
  if (!validate(value)) throw new Error(`${strictAjv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 500)}`);
}

const ERROR_STATUSES = STATUS_TABLE.filter((row) => row.className !== undefined).map((row) => row.code);
const VALIDATION_STATUSES = new Set([400, 422]);
const MEDIA = 'application/problem+json';

function media(response: OpenApiProblemResponse) {
  return response.content[MEDIA];
}

describe('problemDetailsSchema and validationProblemDetailsSchema', () => {
  test('are valid JSON Schema 2020-12 documents', () => {
    for (const schema of [problemDetailsSchema, validationProblemDetailsSchema, validationErrorSchema]) {
      expect(strictAjv.validateSchema(schema)).toBe(true);
    }
  });

  test('describe the standard members, require type/title/status and allow extension members', () => {
    expect(problemDetailsSchema.required).toEqual(['type', 'title', 'status']);
    expect(Object.keys(problemDetailsSchema.properties)).toEqual(['type', 'title', 'status', 'detail', 'instance']);
    expect(problemDetailsSchema.properties.type.format).toBe('uri-reference');
    expect(problemDetailsSchema.properties.instance.format).toBe('uri-reference');
    expect(problemDetailsSchema.additionalProperties).toBe(true);
    expect(Object.keys(validationProblemDetailsSchema.properties)).toEqual(['type', 'title', 'status', 'detail', 'instance', 'errors']);
    expect(validationProblemDetailsSchema.properties.errors.items.required).toEqual(['detail']);
  });

  test('are deeply frozen and share no objects with each other', () => {
    expect(Object.isFrozen(problemDetailsSchema)).toBe(true);
    expect(Object.isFrozen(problemDetailsSchema.properties.status)).toBe(true);
    expect(Object.isFrozen(validationProblemDetailsSchema.properties.errors.items.properties.pointer)).toBe(true);
    expect(() => {
      (problemDetailsSchema.properties.status as { minimum: number }).minimum = 100;
    }).toThrow(TypeError);
    expect(validationProblemDetailsSchema.properties.type).not.toBe(problemDetailsSchema.properties.type);
    expect(validationProblemDetailsSchema.properties.errors.items).not.toBe(validationErrorSchema);
  });

  test.each<[string, unknown]>([
    ['not an object', 'Not Found'],
    ['an array', [404]],
    ['no status', { type: 'about:blank', title: 'Not Found' }],
    ['no title', { type: 'about:blank', status: 404 }],
    ['no type', { title: 'Not Found', status: 404 }],
    ['a 2xx status', { type: 'about:blank', title: 'OK', status: 200 }],
    ['a status above 599', { type: 'about:blank', title: 'x', status: 600 }],
    ['a fractional status', { type: 'about:blank', title: 'x', status: 404.5 }],
    ['a string status', { type: 'about:blank', title: 'Not Found', status: '404' }],
    ['a type that is no URI reference', { type: 'not a uri', title: 'x', status: 404 }],
    ['an instance that is no URI reference', { type: 'about:blank', title: 'x', status: 404, instance: '/a b' }],
    ['a numeric title', { type: 'about:blank', title: 404, status: 404 }],
    ['a null detail', { type: 'about:blank', title: 'x', status: 404, detail: null }],
  ])('problemDetailsSchema rejects %s', (_name, body) => {
    expect(validateProblem(body)).toBe(false);
    expect(validateValidationProblem(body)).toBe(false);
  });

  test.each<[string, unknown]>([
    ['errors that is no array', 'must be positive'],
    ['an error without detail', [{ pointer: '#/age' }]],
    ['an error with a numeric detail', [{ detail: 1 }]],
    ['an error with a numeric pointer', [{ detail: 'x', pointer: 3 }]],
    ['an error that is a string', ['must be positive']],
  ])('validationProblemDetailsSchema rejects %s', (_name, errors) => {
    const body = { type: 'about:blank', title: 'Bad Request', status: 400, errors };
    expect(validateValidationProblem(body)).toBe(false);
    // The plain schema knows nothing of errors: to it, errors is just an extension member.
    expect(validateProblem(body)).toBe(true);
  });

  test('accept extension members, on the problem and on each error', () => {
    expectValid(validateProblem, { type: 'https://example.com/p/credit', title: 'Out of credit', status: 403, balance: 30, accounts: ['/a/1'] });
    const body = { type: 'about:blank', title: 'Bad Request', status: 400, errors: [{ detail: 'required', parameter: 'q' }, { detail: 'x', pointer: '#/a' }] };
    expectValid(validateValidationProblem, body);
    expectValid(validateValidationProblem, { ...body, errors: [] });
    expectValid(validateValidationProblem, { type: 'about:blank', title: 'Bad Request', status: 400 });
  });
});

describe('real serializer output validates against problemDetailsSchema', () => {
  const details: Array<string | undefined> = [
    undefined,
    '',
    'No user 42',
    'line\r\nbreak\u0000nul',
    'lone \ud800 surrogate',
    '<script>alert(1)</script> 😀',
    'x'.repeat(100_000),
  ];
  const options: AnyHttpExceptionOptions[] = [
    {},
    { type: 'https://example.com/problems/out-of-credit', instance: '/accounts/12345/msgs/abc' },
    { type: 'out-of-credit' },
    { type: 'not a uri at all', instance: '/users/ann marie/ünï%zz' },
    { type: '//[', instance: '1:2#a#b' },
    { type: '', instance: '', title: '' },
    { title: 'T'.repeat(10_000), instance: `/${'p'.repeat(10_000)}` },
    { extensions: { balance: 30, nested: { a: [1, null, 'x'] }, big: 'y'.repeat(50_000) }, expose: true },
    { headers: { 'x-trace': 'abc', 'bad\r\nheader': 'v' }, expose: false },
  ];

  test.each(ERROR_STATUSES)('every class: %i with hostile details and options', (status) => {
    for (const detail of details) {
      for (const option of options) {
        const exception = createHttpException(status, detail, option);
        for (const body of [toProblemDetails(exception), toProblemDetails(exception, { debug: true, typeBaseUrl: 'https://example.com/p/', instance: '/a b' })]) {
          expectValid(validateProblem, body);
          expectValidProblem(body); // and RFC 9457's own schema
          if (VALIDATION_STATUSES.has(status)) expectValid(validateValidationProblem, body);
        }
      }
    }
  });

  test.each(ERROR_STATUSES)('every class: %i with the typed header and errors options', (status) => {
    // Each class gets the header options it takes (others are a TypeError, tested in exceptions.test.ts).
    const every: AnyHttpExceptionOptions = {
      wwwAuthenticate: 'Bearer realm="api"',
      proxyAuthenticate: 'Basic realm="proxy"',
      retryAfter: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
      allow: [],
      upgrade: 'TLS/1.3',
      completeLength: 0,
    };
    const takes = STATUS_TABLE.find((row) => row.code === status)?.headerOptions ?? [];
    const option: AnyHttpExceptionOptions = {
      ...Object.fromEntries(takes.map((name) => [name, every[name]])),
      ...(VALIDATION_STATUSES.has(status) ? { errors: [{ detail: 'must be a positive integer', pointer: '#/age' }, { detail: 'required', parameter: 'q' }] } : {}),
    };
    const body = toProblemDetails(createHttpException(status, 'x', option));
    expectValid(validateProblem, body);
    if (VALIDATION_STATUSES.has(status)) {
      expect(body['errors']).toHaveLength(2);
      expectValid(validateValidationProblem, body);
    }
  });

  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwing = Object.defineProperty(new Error('x'), 'status', {
    get() {
      throw new Error('getter');
    },
  });
  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'boom'],
    ['a symbol', Symbol('s')],
    ['a plain Error', new Error('secret')],
    ['an object with status 404', { status: 404, message: 'm' }],
    ['an Error with status 999', Object.assign(new Error('x'), { status: 999 })],
    ['an Error with a throwing status getter', throwing],
    ['a revoked Proxy', revoked.proxy],
    ['a null-prototype object', Object.create(null)],
    ['http-errors 418', createError(418, 'short and stout')],
    ['http-errors 503 with headers', createError(503, 'db down', { headers: { 'retry-after': '5' } })],
    ['an http-errors error with a hostile message', createError(400, 'a\r\nb \ud800')],
  ])('foreign value: %s', (_name, value) => {
    for (const debug of [false, true]) {
      const body = toProblemDetails(value, { debug, instance: '/weird path?q=ü' });
      expectValid(validateProblem, body);
      expectValidProblem(body);
    }
  });

  test('any value, any options (property-based)', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withObjectString: true }), fc.boolean(), fc.string(), (value, debug, instance) => {
        expectValid(validateProblem, toProblemDetails(value, { debug, instance }));
      }),
      { numRuns: 300 },
    );
  });

  test('any status, detail and members (property-based)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 599 }),
        fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
        fc.record({ type: fc.string({ unit: 'binary' }), title: fc.string(), instance: fc.string({ unit: 'binary' }) }, { requiredKeys: [] }),
        (status, detail, option) => {
          expectValid(validateProblem, toProblemDetails(createHttpException(status, detail, option)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('openApiResponses', () => {
  test('the documented example: 400, 404 and 429', () => {
    const responses = openApiResponses([400, 404, 429]);
    expect(Object.keys(responses)).toEqual(['400', '404', '429']);
    expect(responses['404'].description).toBe('Not Found');
    expect(Object.keys(responses['404'])).toEqual(['description', 'content']);
    expect(Object.keys(responses['404'].content)).toEqual([MEDIA]);
    expect(media(responses['404'])).toEqual({ schema: { ...problemDetailsSchema }, example: { type: 'about:blank', title: 'Not Found', status: 404, detail: expect.any(String) } });
    expect(responses['429'].description).toBe('Too Many Requests');
    expect(Object.keys(responses['429'])).toEqual(['description', 'headers', 'content']);
    expect(Object.keys(responses['429'].headers)).toEqual(['Retry-After']);
    expect(media(responses['400']).schema).toEqual(validationProblemDetailsSchema);
    expect(media(responses['400']).example['errors']).toEqual([{ detail: expect.any(String), pointer: expect.stringMatching(/^#\//) }]);
  });

  const all = openApiResponses([...ERROR_STATUSES, 460, 580]);
  /** The documented headers of one status in `all`. */
  function headersOf(status: number | string): Record<string, OpenApiHeaderObject> {
    const headers = all[`${Number(status)}`]?.headers;
    if (headers === undefined) throw new Error(`${status} documents no headers`);
    return headers;
  }
  function headerOf(status: number | string, name: string): OpenApiHeaderObject {
    const header = headersOf(status)[name];
    if (header === undefined) throw new Error(`${status} does not document ${name}`);
    return header;
  }

  test('every 4xx/5xx status of the table, plus codes without a class', () => {
    expect(Object.keys(all)).toEqual([...ERROR_STATUSES, 460, 580].map(String).sort());
    for (const [key, response] of Object.entries(all)) {
      const status = Number(key);
      expect(response.description).toBe(reasonPhrase(status) ?? (status < 500 ? 'Client Error' : 'Server Error'));
      expect(Object.keys(response.content)).toEqual([MEDIA]);
    }
  });

  test.each(Object.entries(all))('%s: the example validates against its response schema and is real serializer output', (key, response) => {
    const status = Number(key);
    const { schema, example } = media(response);
    expectValid(lenientAjv.compile(schema), example);
    expectValid(validateProblem, example);
    expectValidProblem(example);
    expect(example.status).toBe(status);
    expect(example.title).toBe(response.description);
    expect(example.type).toBe('about:blank');
    // 5xx details stay private in real output, so the examples do not show one.
    if (status >= 500) expect(example).not.toHaveProperty('detail');
    else expect(example.detail).toEqual(expect.any(String));
    // Headers go in the headers, never in the body.
    expect(Object.keys(example).filter((name) => !['type', 'title', 'status', 'detail', 'errors'].includes(name))).toEqual([]);
    // What the library makes of this body on the client side serialises back to the same body.
    expect(toProblemDetails(fromProblemDetails(example, status))).toEqual(example);
    if (VALIDATION_STATUSES.has(status)) {
      expect(schema).toEqual(validationProblemDetailsSchema);
      expectValid(validateValidationProblem, example);
      expect(Array.isArray(example['errors'])).toBe(true);
    } else {
      expect(schema).toEqual(problemDetailsSchema);
      expect(example).not.toHaveProperty('errors');
    }
  });

  const HEADERS: Array<[number, string, string]> = [
    [401, 'WWW-Authenticate', 'Bearer realm="api", error="invalid_token"'],
    [405, 'Allow', 'GET, HEAD'],
    [407, 'Proxy-Authenticate', 'Basic realm="proxy"'],
    [413, 'Retry-After', '120'],
    [416, 'Content-Range', 'bytes */1024'],
    [426, 'Upgrade', 'TLS/1.2, HTTP/1.1'],
    [429, 'Retry-After', '120'],
    [503, 'Retry-After', '120'],
  ];

  test.each(HEADERS)('%i documents %s, with the value the library sends as example', (status, name, example) => {
    expect(Object.keys(headersOf(status))).toEqual([name]);
    const header = headerOf(status, name);
    expect(Object.keys(header)).toEqual(['description', 'schema', 'example']);
    expect(header.description).toMatch(/RFC 9110 section \d/);
    expect(header.example).toBe(example);
    expectValid(lenientAjv.compile(header.schema), header.example);
  });

  test('only those statuses document headers', () => {
    const withHeaders = Object.entries(all)
      .filter(([, response]) => 'headers' in response)
      .map(([key]) => Number(key));
    expect(withHeaders).toEqual(HEADERS.map(([status]) => status));
  });

  test.each<[number, AnyHttpExceptionOptions, string]>([
    [429, { retryAfter: 0 }, 'Retry-After'],
    [503, { retryAfter: 1.2 }, 'Retry-After'],
    [503, { retryAfter: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)) }, 'Retry-After'],
    [413, { retryAfter: new Date(0) }, 'Retry-After'],
    [416, { completeLength: 0 }, 'Content-Range'],
    [405, { allow: ['GET', 'POST', 'OPTIONS'] }, 'Allow'],
    [401, { wwwAuthenticate: ['Basic realm="a"', 'Bearer'] }, 'WWW-Authenticate'],
  ])('%i: the header sent for %p matches the documented schema', (status, option, name) => {
    const sent = toProblemResponse(createHttpException(status, undefined, option)).headers[name.toLowerCase()];
    expect(sent).toEqual(expect.any(String));
    const header = headerOf(status, name);
    expectValid(lenientAjv.compile(header.schema), sent);
  });

  test.each<[string, string]>([
    ['Retry-After', 'soon'],
    ['Retry-After', '-1'],
    ['Retry-After', '2030-01-02T03:04:05Z'],
    ['Content-Range', 'bytes 0-1/2'],
  ])('the %s schema rejects %p', (name, value) => {
    const status = name === 'Retry-After' ? '429' : '416';
    const header = headerOf(status, name);
    expect(lenientAjv.validate(header.schema, value)).toBe(false);
  });

  test.each<[unknown, string]>([
    [399, '399'],
    [600, '600'],
    [200, '200'],
    [404.5, '404.5'],
    [-404, '-404'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['404', '"404"'],
    [null, 'null'],
    [undefined, 'undefined'],
  ])('throws a RangeError naming %p', (status, named) => {
    const call = () => openApiResponses([404, status as number]);
    expect(call).toThrow(RangeError);
    expect(call).toThrow(`got ${named}`);
  });

  test('other bad arguments throw a TypeError', () => {
    expect(() => openApiResponses(404 as unknown as number[])).toThrow(TypeError);
    expect(() => openApiResponses([404], { schemaRef: '' })).toThrow(/schemaRef/);
    expect(() => openApiResponses([404], { validationSchemaRef: 3 as unknown as string })).toThrow(/validationSchemaRef/);
  });

  test('no statuses, repeated statuses, HttpStatus members', () => {
    expect(openApiResponses([])).toEqual({});
    expect(Object.keys(openApiResponses([404, 404, 400]))).toEqual(['400', '404']);
    const responses = openApiResponses([HttpStatus.TOO_MANY_REQUESTS, HttpStatus.PAYLOAD_TOO_LARGE]);
    expect(Object.keys(responses)).toEqual(['413', '429']);
    expect(responses['413'].description).toBe('Content Too Large');
    expect(responses['429'].headers['Retry-After'].example).toBe('120');
  });

  test('schemaRef and validationSchemaRef reference components instead of inlining', () => {
    const ref = '#/components/schemas/ProblemDetails';
    const validationRef = '#/components/schemas/ValidationProblemDetails';
    const onlyRef = openApiResponses([400, 404, 422], { schemaRef: ref });
    expect(media(onlyRef['404']).schema).toEqual({ $ref: ref });
    expect(media(onlyRef['400']).schema).toEqual({
      allOf: [{ $ref: ref }, { type: 'object', properties: { errors: { type: 'array', items: validationErrorSchema } } }],
    });
    const both = openApiResponses([404, 422], { schemaRef: ref, validationSchemaRef: validationRef });
    expect(media(both['404']).schema).toEqual({ $ref: ref });
    expect(media(both['422']).schema).toEqual({ $ref: validationRef });
    const validationOnly = openApiResponses([404, 422], { validationSchemaRef: validationRef });
    expect(media(validationOnly['404']).schema).toEqual(problemDetailsSchema);
    expect(media(validationOnly['422']).schema).toEqual({ $ref: validationRef });
  });

  test('descriptions replace the reason phrase for the statuses they name', () => {
    const responses = openApiResponses([404, 409], { descriptions: { 404: 'No order with that id', 500: 'unused' } });
    expect(responses['404'].description).toBe('No order with that id');
    expect(responses['409'].description).toBe('Conflict');
    expect(media(responses['404']).example.title).toBe('Not Found');
  });

  test('every call returns fresh objects that share nothing (safe to edit, no YAML anchors)', () => {
    const first = openApiResponses([404, 409, 429, 503]);
    expect(media(first['404']).schema).not.toBe(media(first['409']).schema);
    expect(first['429'].headers['Retry-After'].schema).not.toBe(first['503'].headers['Retry-After'].schema);
    (media(first['404']).schema as { title: string }).title = 'changed';
    first['429'].headers['Retry-After'].description = 'changed';
    const second = openApiResponses([404, 429]);
    expect(media(second['404']).schema).toEqual(problemDetailsSchema);
    expect(problemDetailsSchema.title).toBe('Problem details');
    expect(second['429'].headers['Retry-After'].description).not.toBe('changed');
  });
});

// A subset of the OpenAPI 3.1 schema (spec.openapis.org/oas/3.1/schema): the objects
// openApiResponses makes, with their allowed members closed, as the official schema has them.
const extensions = { '^x-': true } as const;
const openApi31Subset = {
  $defs: {
    header: {
      type: 'object',
      properties: {
        description: { type: 'string' },
        required: { type: 'boolean' },
        deprecated: { type: 'boolean' },
        schema: { type: ['object', 'boolean'] },
        example: true,
        examples: { type: 'object' },
        style: { const: 'simple' },
        explode: { type: 'boolean' },
      },
      patternProperties: extensions,
      additionalProperties: false,
      oneOf: [{ required: ['schema'] }, { required: ['content'] }],
    },
    mediaType: {
      type: 'object',
      properties: { schema: { type: ['object', 'boolean'] }, example: true, examples: { type: 'object' }, encoding: { type: 'object' } },
      patternProperties: extensions,
      additionalProperties: false,
      not: { required: ['example', 'examples'] },
    },
    response: {
      type: 'object',
      required: ['description'],
      properties: {
        description: { type: 'string' },
        headers: { type: 'object', additionalProperties: { $ref: '#/$defs/header' } },
        content: { type: 'object', propertyNames: { pattern: '^[a-z]+/[a-z0-9.+-]+$' }, additionalProperties: { $ref: '#/$defs/mediaType' } },
        links: { type: 'object' },
      },
      patternProperties: extensions,
      additionalProperties: false,
    },
    responses: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^(?:default|[1-5](?:[0-9]{2}|XX)|x-.*)$' },
      additionalProperties: { $ref: '#/$defs/response' },
    },
    operation: { type: 'object', required: ['responses'], properties: { responses: { $ref: '#/$defs/responses' } } },
  },
  type: 'object',
  required: ['openapi', 'info'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+(-.+)?$' },
    info: { type: 'object', required: ['title', 'version'] },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        properties: Object.fromEntries(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].map((method) => [method, { $ref: '#/$defs/operation' }])),
      },
    },
    components: { type: 'object', properties: { schemas: { type: 'object', additionalProperties: { type: ['object', 'boolean'] } } } },
  },
} as const;

describe('a whole OpenAPI 3.1 document built with openApiResponses', () => {
  const document = {
    openapi: '3.1.0',
    info: { title: 'Orders', version: '1.0.0' },
    components: { schemas: { ProblemDetails: problemDetailsSchema, ValidationProblemDetails: validationProblemDetailsSchema } },
    paths: {
      '/orders/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The order' }, ...openApiResponses([401, 404, 429, 500, 503]) },
        },
        put: {
          responses: {
            '204': { description: 'Updated' },
            ...openApiResponses([400, 405, 409, 413, 416, 422, 426, 407], {
              schemaRef: '#/components/schemas/ProblemDetails',
              validationSchemaRef: '#/components/schemas/ValidationProblemDetails',
            }),
          },
        },
        delete: { responses: openApiResponses([400, 404, 422], { schemaRef: '#/components/schemas/ProblemDetails' }) },
      },
    },
  };
  // A JSON round trip: the document is plain JSON data, as it would be served or written out.
  const json = JSON.parse(JSON.stringify(document)) as typeof document;

  test('is plain JSON data', () => {
    expect(json).toEqual(document);
  });

  test('is structurally valid against the OpenAPI 3.1 subset', () => {
    expectValid(lenientAjv.compile(openApi31Subset), json);
  });

  test('the subset check can fail', () => {
    const validate = lenientAjv.compile(openApi31Subset);
    const broken = structuredClone(json);
    (broken.paths['/orders/{id}'].get.responses['404'] as { description?: string }).description = undefined;
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
    const withName = structuredClone(json);
    (withName.paths['/orders/{id}'].get.responses['429'].headers['Retry-After'] as OpenApiHeaderObject & { name?: string }).name = 'Retry-After';
    expect(validate(withName)).toBe(false);
    expect(validate({ ...json, openapi: '3.0.3' })).toBe(false);
  });

  test('every $ref resolves and every example validates against its schema, references included', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(json, 'https://example.test/openapi.json');
    let checked = 0;
    for (const [path, item] of Object.entries(json.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries((operation as { responses: Record<string, Partial<OpenApiProblemResponse>> }).responses)) {
          const content = response.content?.[MEDIA];
          if (content === undefined) continue;
          const pointer = ['paths', path, method, 'responses', status, 'content', MEDIA, 'schema']
            .map((part) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1')))
            .join('/');
          const validate = ajv.compile({ $ref: `https://example.test/openapi.json#/${pointer}` });
          expectValid(validate, content.example);
          // The same check fails for a body of the wrong shape.
          expect(validate({ ...content.example, status: 200 })).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBe(16);
  });
});

// Types: literal schema types and precise response keys (checked by `tsc -p .`).
const literalFormat: 'uri-reference' = problemDetailsSchema.properties.type.format;
const literalRequired: readonly ['type', 'title', 'status'] = problemDetailsSchema.required;
const typed = openApiResponses([401, 404, 429]);
const retryAfter: OpenApiHeaderObject = typed['429'].headers['Retry-After'];
const example: ProblemDetails = typed['404'].content['application/problem+json'].example;
// @ts-expect-error 404 sends no headers
void typed['404'].headers;
// @ts-expect-error 401 sends WWW-Authenticate, not Retry-After
void typed['401'].headers['Retry-After'];
// @ts-expect-error 500 was not asked for
void typed['500'];
const enum404 = openApiResponses([HttpStatus.NOT_FOUND]);
// @ts-expect-error an enum member without headers is as precise as its literal
void enum404['404'].headers;
const viaEnum = openApiResponses([HttpStatus.UNAUTHORIZED]);
const challenge: OpenApiHeaderObject = viaEnum['401'].headers['WWW-Authenticate'];
const wide = openApiResponses([404] as number[]);
const maybe: OpenApiProblemResponse | undefined = wide['404'];
void [literalFormat, literalRequired, retryAfter, example, challenge, maybe];
