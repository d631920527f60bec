import { assertStatus } from '../exceptions/status-range.js';
import { STATUS_HEADERS, VALIDATION_ERROR_STATUSES } from '../status/status-headers.js';
import type { ProblemDetails } from '../model/problem-details.js';
import { toProblemDetails } from '../problem/to-problem-details.js';
import { PROBLEM_CONTENT_TYPE, toProblemResponse } from '../problem/to-problem-response.js';
import { titleForStatus } from '../status/reason-phrase.js';
import {
  problemDetailsSchema,
  validationErrorSchema,
  validationProblemDetailsSchema,
  type ProblemDetailsSchema,
  type ValidationErrorSchema,
  type ValidationProblemDetailsSchema,
} from './problem-details-schema.js';
import { extensionsJsonSchema, type JsonSchemaObject } from '../problem-types/extensions-json-schema.js';
import type { AnyProblemType } from '../problem-types/problem-type-class.js';
import { problemTypeOf, type ProblemTypeFacts } from '../problem-types/problem-type-mark.js';
import { sampleProblemTypeException } from '../problem-types/sample-problem-type.js';
import { STANDARD_MEMBERS } from '../model/standard-members.js';
import { sampleException } from './problem-examples.js';
import { PROBLEM_HEADER_DOCS, type ProblemHeaderDoc, type ProblemHeaderName } from './problem-headers.js';

/** Options of `openApiResponses`. */
export interface OpenApiResponsesOptions {
  /**
   * Reference this schema instead of inlining `problemDetailsSchema` in every response,
   * e.g. `'#/components/schemas/ProblemDetails'` (put `problemDetailsSchema` there yourself).
   */
  readonly schemaRef?: string;
  /**
   * Reference this schema for 400 and 422 instead of inlining `validationProblemDetailsSchema`,
   * e.g. `'#/components/schemas/ValidationProblemDetails'`. Without it but with `schemaRef`,
   * 400 and 422 use `schemaRef` plus the `errors` member.
   */
  readonly validationSchemaRef?: string;
  /** Response descriptions by status, instead of the reason phrase: `{ 404: 'No order with that id' }`. */
  readonly descriptions?: { readonly [status: number]: string };
}

/** An OpenAPI 3.1 Header Object for a header a problem response may carry. */
export interface OpenApiHeaderObject {
  description: string;
  schema: ProblemHeaderDoc['schema'];
  /** The value the library sends for the sample option (Retry-After: `'120'` …). */
  example?: string;
}

/** `schemaRef` plus the `errors` member: the 400/422 schema when only `schemaRef` is given. */
export interface ReferencedValidationProblemSchema {
  allOf: [{ $ref: string }, { type: 'object'; properties: { errors: { type: 'array'; items: ValidationErrorSchema } } }];
}

/** The schema of a problem response: inline, a `$ref`, or a `$ref` extended with `errors`. */
export type ProblemResponseSchema = ProblemDetailsSchema | ValidationProblemDetailsSchema | { $ref: string } | ReferencedValidationProblemSchema;

/** An OpenAPI 3.1 Response Object for one error status, as `openApiResponses` makes it. */
export interface OpenApiProblemResponse {
  /** The reason phrase, unless `options.descriptions` gives another. */
  description: string;
  /** The headers the status's exception class can send (`Retry-After` for 429 …). */
  headers?: { [name: string]: OpenApiHeaderObject };
  content: {
    'application/problem+json': {
      schema: ProblemResponseSchema;
      /** What the library sends for a sample exception of this status (real serializer output). */
      example: ProblemDetails;
    };
  };
}

type StatusHeaders = typeof STATUS_HEADERS;

/**
 * The response object for one status: `headers` is present, with exactly its header names, for
 * statuses whose class sends headers, and absent for the other literal statuses.
 */
export type OpenApiProblemResponseFor<S extends number> = S extends keyof StatusHeaders
  ? Omit<OpenApiProblemResponse, 'headers'> & { headers: { [H in keyof StatusHeaders[S]]: OpenApiHeaderObject } }
  : // A plain `number` may be any status (`number extends S` would also hold for an enum member).
    `${number}` extends `${S}`
    ? OpenApiProblemResponse
    : Omit<OpenApiProblemResponse, 'headers'>;

/** What `openApiResponses` returns: one response per status, keyed by the status as a string. */
export type OpenApiResponsesFor<S extends number> = { [K in S as `${K}`]: OpenApiProblemResponseFor<K> };

/**
 * The schema of a problem type's body: the status's problem schema (or its `$ref`) and the
 * problem type's own members: `type` (and `status`, `code`) as constants, the extension members.
 */
export interface ProblemTypeSchema {
  /** The problem type's class name. */
  title: string;
  /** The problem type's title. */
  description: string;
  allOf: [ProblemResponseSchema, { type: 'object'; required: string[]; properties: { [member: string]: JsonSchemaObject } }];
}

/** One of several examples of a media type (OpenAPI 3.1 Example Object). */
export interface OpenApiExampleObject {
  summary: string;
  value: ProblemDetails;
}

/**
 * An OpenAPI 3.1 Response Object for a status documented with problem types: one schema per
 * problem type (`anyOf` when there are several, the plain status's schema among them when it was
 * asked for too), and one real example per kind of body (`example` when there is one, else
 * `examples` keyed by class name).
 */
export interface OpenApiProblemTypeResponse {
  /** The problem type's title when it is the only body of this status, else the reason phrase (or `options.descriptions`). */
  description: string;
  headers?: { [name: string]: OpenApiHeaderObject };
  content: {
    'application/problem+json': {
      schema: ProblemTypeSchema | { anyOf: Array<ProblemTypeSchema | ProblemResponseSchema> };
      example?: ProblemDetails;
      examples?: { [name: string]: OpenApiExampleObject };
    };
  };
}

/** `OpenApiProblemTypeResponse` with `headers` as precise as `OpenApiProblemResponseFor` has them. */
export type OpenApiProblemTypeResponseFor<S extends number> = Omit<OpenApiProblemResponseFor<S>, 'content' | 'description'> &
  Pick<OpenApiProblemTypeResponse, 'content' | 'description'>;

/** The status an entry of `openApiResponses` documents: the status itself, or a problem type's. */
export type OpenApiEntryStatus<E> = E extends number ? E : E extends { readonly status: infer S extends number } ? S : never;

/** What `openApiResponses` returns for statuses and problem types: statuses with problem types get an `OpenApiProblemTypeResponse`. */
export type OpenApiEntriesFor<E> = {
  [K in OpenApiEntryStatus<E> as `${K}`]: K extends OpenApiEntryStatus<Extract<E, AnyProblemType>> ? OpenApiProblemTypeResponseFor<K> : OpenApiProblemResponseFor<K>;
};

/**
 * An OpenAPI 3.1 `responses` object documenting the problem responses of the given statuses
 * (integers 400-599; anything else throws a `RangeError`). Each response has the status's
 * reason phrase as description, the `application/problem+json` schema (with `errors` for 400
 * and 422) and, as example, what the library really sends for a sample exception of that
 * status; statuses whose class sends headers (401, 405, 407, 413, 416, 426, 429, 503)
 * document them too.
 *
 *
 * Problem types (classes made by `defineProblemType`) go in the same array. Their status's
 * response then describes each of them: the `type` (with `status` and `code`) as constants,
 * the extension members' JSON Schema where the schema library gives one (Standard JSON
 * Schema: zod 4 and arktype 2 do, valibot 1 does not), and a real example made by the class
 * (extension values from the schema's `examples` and `default`s where it has them).
 *
 * @example
 * paths['/orders/{id}'].get.responses = { '200': ok, ...openApiResponses([404, 429]) };
 * // '404': { description: 'Not Found', content: { 'application/problem+json': { schema, example } } }
 * // '429': { description: 'Too Many Requests', headers: { 'Retry-After': … }, content: … }
 *
 * @example
 * paths['/orders'].post.responses = { '201': created, ...openApiResponses([422, OutOfCredit]) };
 * // '403': { description: 'You do not have enough credit', content: { 'application/problem+json': {
 * //   schema: { title: 'OutOfCredit', allOf: [problemDetailsSchema, { properties: { type: { const: '…' }, code: …, balance: … } }] },
 * //   example: { type: '…', title: 'You do not have enough credit', status: 403, …, code: 'OUT_OF_CREDIT', balance: 0 } } } }
 */
export function openApiResponses<const E extends readonly (number | AnyProblemType)[]>(entries: E, options?: OpenApiResponsesOptions): OpenApiEntriesFor<E[number]> {
  if (!Array.isArray(entries)) throw new TypeError('openApiResponses needs an array of HTTP statuses and problem types');
  const statuses: number[] = [];
  const typesByStatus = new Map<number, Array<{ readonly facts: ProblemTypeFacts; readonly problemType: AnyProblemType }>>();
  for (const entry of entries as readonly unknown[]) {
    if (typeof entry === 'function') {
      const facts = problemTypeOf(entry);
      if (facts === undefined) throw new TypeError(`openApiResponses takes HTTP statuses and classes made by defineProblemType, got the class ${entry.name || '(anonymous)'}`);
      const known = typesByStatus.get(facts.status) ?? [];
      if (!known.some((item) => item.facts.type === facts.type)) known.push({ facts, problemType: entry as AnyProblemType });
      typesByStatus.set(facts.status, known);
    } else {
      assertStatus(entry, 400, 599, 'openApiResponses');
      statuses.push(entry);
    }
  }
  checkReference(options?.schemaRef, 'schemaRef');
  checkReference(options?.validationSchemaRef, 'validationSchemaRef');
  const responses: Record<string, OpenApiProblemResponse | OpenApiProblemTypeResponse> = {};
  for (const status of statuses) responses[String(status)] = problemResponse(status, options);
  for (const [status, types] of typesByStatus) responses[String(status)] = problemTypeResponse(status, types, statuses.includes(status), options);
  return responses as OpenApiEntriesFor<E[number]>;
}

/** The response of a status documented with problem types (and, when `withStatus`, the plain status too). */
function problemTypeResponse(
  status: number,
  types: ReadonlyArray<{ readonly facts: ProblemTypeFacts; readonly problemType: AnyProblemType }>,
  withStatus: boolean,
  options: OpenApiResponsesOptions | undefined,
): OpenApiProblemTypeResponse {
  const plain = problemResponse(status, options);
  const base = plain.content[PROBLEM_CONTENT_TYPE];
  const statusSample = sampleException(status);
  const schemas: Array<ProblemTypeSchema | ProblemResponseSchema> = types.map(({ facts }) => problemTypeSchema(facts, schemaFor(status, options)));
  const examples: Record<string, OpenApiExampleObject> = {};
  for (const { facts, problemType } of types) {
    examples[uniqueKey(examples, facts.name)] = { summary: facts.title, value: toProblemDetails(sampleProblemTypeException(problemType, facts, statusSample)) };
  }
  if (withStatus) {
    schemas.push(base.schema);
    examples[uniqueKey(examples, titleForStatus(status))] = { summary: `Any other ${status} problem`, value: base.example };
  }
  const descriptions = options?.descriptions;
  const given = descriptions !== undefined && Object.hasOwn(descriptions, status) ? descriptions[status] : undefined;
  const only = types.length === 1 && !withStatus ? types[0] : undefined;
  const values = Object.values(examples);
  const media: OpenApiProblemTypeResponse['content'][typeof PROBLEM_CONTENT_TYPE] = {
    schema: schemas.length === 1 ? (schemas[0] as ProblemTypeSchema) : { anyOf: schemas },
    ...(values.length === 1 ? { example: (values[0] as OpenApiExampleObject).value } : { examples }),
  };
  const response: OpenApiProblemTypeResponse = {
    description: typeof given === 'string' ? given : only !== undefined ? only.facts.title : titleForStatus(status),
    content: { [PROBLEM_CONTENT_TYPE]: media },
  };
  return plain.headers === undefined ? response : { description: response.description, headers: plain.headers, content: response.content };
}

/** The schema of one problem type's body: the status's schema, then its constant and extension members. */
function problemTypeSchema(facts: ProblemTypeFacts, base: ProblemResponseSchema): ProblemTypeSchema {
  const properties: { [member: string]: JsonSchemaObject } = {
    type: { const: facts.type, description: 'This problem type.' },
    status: { const: facts.status },
  };
  const required = ['type', 'title', 'status'];
  if (facts.code !== undefined) {
    properties['code'] = { const: facts.code, description: 'Stable code of this problem type.' };
    required.push('code');
  }
  const extensions = extensionsJsonSchema(facts.schema);
  if (extensions !== undefined) {
    for (const [name, member] of Object.entries(extensions.properties)) {
      // The standard members and `code` are the problem type's: an extension member cannot describe them.
      if (!STANDARD_MEMBERS.has(name) && name !== 'code' && name !== '__proto__') properties[name] = member;
    }
    for (const name of extensions.required) if (Object.hasOwn(properties, name) && !required.includes(name)) required.push(name);
  }
  return { title: facts.name, description: facts.title, allOf: [base, { type: 'object', required, properties }] };
}

/** `name`, or `name 2`, `name 3` … when an example of that name is already there. */
function uniqueKey(taken: Readonly<Record<string, unknown>>, name: string): string {
  let key = name;
  for (let n = 2; Object.hasOwn(taken, key); n++) key = `${name} ${n}`;
  return key;
}

function problemResponse(status: number, options: OpenApiResponsesOptions | undefined): OpenApiProblemResponse {
  const exception = sampleException(status);
  const descriptions = options?.descriptions;
  const given = descriptions !== undefined && Object.hasOwn(descriptions, status) ? descriptions[status] : undefined;
  const response: OpenApiProblemResponse = {
    description: typeof given === 'string' ? given : titleForStatus(status),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaFor(status, options), example: toProblemDetails(exception) } },
  };
  if (Object.hasOwn(STATUS_HEADERS, status)) {
    const sent = toProblemResponse(exception).headers;
    const headers: Record<string, OpenApiHeaderObject> = {};
    for (const name of Object.keys(STATUS_HEADERS[status as keyof StatusHeaders]) as ProblemHeaderName[]) {
      const doc = PROBLEM_HEADER_DOCS[name];
      const header: OpenApiHeaderObject = { description: doc.description, schema: { ...doc.schema } };
      const example = sent[name.toLowerCase()];
      if (typeof example === 'string') header.example = example;
      headers[name] = header;
    }
    // Keep the usual order of a Response Object: description, headers, content.
    return { description: response.description, headers, content: response.content };
  }
  return response;
}

function schemaFor(status: number, options: OpenApiResponsesOptions | undefined): ProblemResponseSchema {
  const { schemaRef, validationSchemaRef } = options ?? {};
  if (!(VALIDATION_ERROR_STATUSES as readonly number[]).includes(status)) {
    return schemaRef !== undefined ? { $ref: schemaRef } : structuredClone(problemDetailsSchema);
  }
  if (validationSchemaRef !== undefined) return { $ref: validationSchemaRef };
  if (schemaRef !== undefined) {
    return { allOf: [{ $ref: schemaRef }, { type: 'object', properties: { errors: { type: 'array', items: structuredClone(validationErrorSchema) } } }] };
  }
  return structuredClone(validationProblemDetailsSchema);
}

function checkReference(value: unknown, option: string): void {
  if (value !== undefined && (typeof value !== 'string' || value === '')) {
    throw new TypeError(`openApiResponses: options.${option} must be a non-empty string such as '#/components/schemas/ProblemDetails'`);
  }
}
